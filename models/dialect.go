package models

import (
	"context"
	"database/sql/driver"
	"io/fs"
	"net/url"
	"strings"

	"github.com/pressly/goose/v3"
	"gorm.io/gorm"
)

// dialect is everything that differs between the two engines the Store runs
// on: SQLite, embedded, the zero-setup default; PostgreSQL, for several
// processes (replicas, a CLI import beside the server) on one database.
//
// Store methods write portable SQL and take from the dialect the few
// fragments and behaviours that differ; this file, dialect_sqlite.go and
// dialect_postgres.go are the only places that know which engine runs. The
// domain types, their validation and the authorization policies never see
// it. The migrations are side by side: migrations/*.sql for SQLite and
// migrations/postgres/*.sql for PostgreSQL, with the same version numbers.
type dialect interface {
	// name is GORM's name for the engine: "sqlite" or "postgres".
	name() string

	// containsCaseless is a condition: column contains the ? pattern (a
	// LIKE pattern with \ as escape character), ignoring case.
	containsCaseless(column string) string
	// anyOf is a condition (and its arguments): the JSON-array column holds
	// at least one of values.
	anyOf(column string, values []string) (string, []any)
	// inKeys is a condition (and its argument): column is one of keys,
	// which are storable (see storable).
	inKeys(column string, keys []string) (string, any)
	// nonEmptyArray is a condition: the JSON-array column holds a value.
	nonEmptyArray(column string) string
	// containsWord is a condition (and its argument): column, or its text
	// for a JSON-array column, contains the folded word w whatever the case
	// and accents of its letters (see wordClasses).
	containsWord(column, w string) (string, any)
	// greatest is the larger of two numeric expressions.
	greatest(a, b string) string
	// bytewise wraps a text expression so that comparing it compares
	// bytes, whatever the database's collation (a prefix as a range).
	bytewise(expr string) string
	// placeholder is the n-th (from 1) bind variable of a statement sent
	// to the driver as is (see bulkTable): ? or $n.
	placeholder(n int) string
	// insertInto begins bulkTable's multi-row INSERTs: "INSERT INTO", or
	// SQLite's "INSERT OR FAIL INTO" (see sqliteDialect.insertInto).
	insertInto() string
	// execBatch runs one statement built for many rows (bulkTable) with
	// its arguments (driver values, numbered from 1), inside the write
	// transaction pool.
	execBatch(ctx context.Context, pool gorm.ConnPool, query string, args []driver.NamedValue) error
	// timeText tells whether the driver binds a time as text (SQLite: see
	// timeBinder), so that bulkTable can bind the same text itself.
	timeText() bool
	// rowLocks tells whether write transactions lock rows (PostgreSQL) or
	// the whole database (SQLite's single writer): where a lock order
	// costs an extra read (lockServiceRow), SQLite skips it.
	rowLocks() bool

	// lockLogs runs inside a write transaction right before rows are
	// appended to an ordered log (the change log, the referral events) and
	// holds until commit. Readers page those logs by seq (followers, the
	// public feeds), which is only safe if seq order is commit order: a row
	// must never become visible after a row with a higher seq.
	lockLogs(tx *gorm.DB) error
	// lockKey serialises, until commit, the write transactions that take
	// the same key (e.g. one partner source's sync batches), where a
	// transaction reads a set of rows and then writes from what it read.
	lockKey(tx *gorm.DB, key string) error

	// translate turns a driver error into an *Error, or returns nil when it
	// is not one the store expects (then it is an internal error).
	translate(err error) error
	// uniqueColumns returns, for a UNIQUE violation, the columns of the
	// violated index as "table.col, table.col" (SQLite's own wording).
	uniqueColumns(err error) (string, bool)

	// eraseLeftovers runs after personal data was erased (retention), on
	// the writer pool, outside any transaction, so that the old values do
	// not stay readable in the database's files.
	eraseLeftovers(ctx context.Context, w *gorm.DB) error

	// migrations returns the engine's goose migrations.
	migrations() (fs.FS, goose.Dialect)
}

var (
	sqliteEngine   dialect = sqliteDialect{}
	postgresEngine dialect = postgresDialect{}
	engines                = []dialect{sqliteEngine, postgresEngine}
)

// dialectOf returns the dialect of the engine db runs on, for the helpers
// that build SQL from a *gorm.DB (filters, keyset pages, locks).
func dialectOf(db *gorm.DB) dialect {
	if db.Dialector.Name() == postgresEngine.name() {
		return postgresEngine
	}
	return sqliteEngine
}

// IsPostgresURL reports whether a CARNET_DB value names a PostgreSQL server
// (postgres:// or postgresql:// URL) rather than a SQLite file.
func IsPostgresURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// RedactDSN returns a CARNET_DB value fit for logs: a PostgreSQL URL without
// its password.
func RedactDSN(dsn string) string {
	if !IsPostgresURL(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://(unparsable URL)"
	}
	if q := u.Query(); q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.Redacted()
}

// sqlitePath returns the file of a CARNET_DB value naming a SQLite database:
// a path, or sqlite:path.
func sqlitePath(dsn string) string { return strings.TrimPrefix(dsn, "sqlite:") }

// forUpdate locks the rows a read returns until the write transaction ends,
// where the transaction will change them from what it read (a PATCH merged
// into the current state, a lifecycle transition). SQLite ignores it: its
// write transactions already hold the database's single write lock.
func forUpdate(tx *gorm.DB) *gorm.DB { return tx.Clauses(lockUpdate) }

// forShare locks the rows a read returns against change until the write
// transaction ends, where it writes a row that depends on them (a child
// under its parent, a referral to a service) without changing them.
func forShare(tx *gorm.DB) *gorm.DB { return tx.Clauses(lockShare) }

// forNoKeyUpdate locks the rows a read returns for an update of columns
// other than their key, until the write transaction ends: a service's
// actor, which every write of one of its services rescores (activeActor,
// lockServiceRow), a webhook subscription whose health an attempt updates.
// Taking the lock the write will need, rather than FOR SHARE then an
// UPDATE, is what keeps two such writers from deadlocking: two share locks
// on one row, each waiting for the other to let it upgrade. It does not
// block foreign-key checks (FOR KEY SHARE): services and referrals are
// still inserted under the actor meanwhile.
func forNoKeyUpdate(tx *gorm.DB) *gorm.DB { return tx.Clauses(lockNoKeyUpdate) }

// forKeyShare locks the rows a read returns against deletion (and key
// change) only, until the write transaction ends: the weakest lock, which
// another forKeyShare or forNoKeyUpdate does not wait for.
func forKeyShare(tx *gorm.DB) *gorm.DB { return tx.Clauses(lockKeyShare) }

// namedValues is args as database/sql takes them.
func namedValues(args []driver.NamedValue) []any {
	vs := make([]any, len(args))
	for i, a := range args {
		vs[i] = a.Value
	}
	return vs
}
