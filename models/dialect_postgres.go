package models

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/pressly/goose/v3"
	"gorm.io/gorm"
)

// postgresDialect: many writers at once, from several processes. What
// SQLite's single writer gave for free is asked for explicitly:
//
//   - Commit order of the logs. Identity values are handed out when a row is
//     inserted, not when its transaction commits, so a follower reading
//     "seq > cursor" could pass over a row whose transaction commits after a
//     later seq's, and never see it (the classic trap of outbox and feed
//     tables). Appends take a transaction-level advisory lock first and hold
//     it until commit; PostgreSQL makes a transaction visible before it
//     releases its locks, so every seq below a visible one is already
//     visible, and "seq > cursor" is safe for the followers, /changes and
//     /referrals/changes alike. The store appends to the change log at the
//     end of a write transaction (see Store.write), so the lock is held only
//     for the insert and the commit: writers overlap until then.
//   - Read-then-write transactions lock what they read: FOR UPDATE on the
//     row they change (forUpdate), FOR NO KEY UPDATE on a row they will
//     update but not delete (forNoKeyUpdate: a service's actor, which its
//     writes rescore), FOR SHARE on the rows their write depends on
//     (forShare), and an advisory lock per key where they read a set (one
//     sync batch per source at a time, lockKey).
//   - In one order: a place, then its services (lockServiceRow); a webhook
//     subscription, then its deliveries. Two transactions taking the same
//     rows in opposite orders deadlock, and PostgreSQL fails one (40P01,
//     503 « The database is busy »).
//   - Reads that must agree with themselves (a list's total and its page,
//     an export) run on a read pool whose transactions are REPEATABLE READ
//     and read only (see openPostgres).
type postgresDialect struct{}

func (postgresDialect) name() string { return "postgres" }

// lower() folds every letter the database's ctype knows, not only ASCII;
// COLLATE "C" then orders byte-wise, whatever the database's collation,
// as the actors_name and services_name indexes are declared.
func (postgresDialect) placeholder(n int) string { return "$" + strconv.Itoa(n) }

func (postgresDialect) insertInto() string { return "INSERT INTO" }

// pgx binds a time.Time as a timestamp.
func (postgresDialect) timeText() bool { return false }

func (postgresDialect) rowLocks() bool { return true }

func (postgresDialect) execBatch(ctx context.Context, pool gorm.ConnPool, query string, args []driver.NamedValue) error {
	_, err := pool.ExecContext(ctx, query, namedValues(args)...)
	return err
}

// A locale's collation ignores punctuation at first (« carnet-5f » sorts
// after « carnet. »); COLLATE "C" compares bytes.
func (postgresDialect) bytewise(expr string) string { return expr + ` COLLATE "C"` }

func (postgresDialect) containsCaseless(column string) string {
	return column + ` ILIKE ? ESCAPE '\'`
}

// jsonb_exists_any is the function behind jsonb's ?| operator, which GORM
// would take for a placeholder: true when one of the strings is an element
// of the array. One placeholder per value: GORM would write a bound slice
// as a row, (…), which ARRAY[] does not take.
func (postgresDialect) anyOf(column string, values []string) (string, []any) {
	vars := make([]any, len(values))
	for i, v := range values {
		vars[i] = v
	}
	return "jsonb_exists_any(" + column + ", ARRAY[" + strings.TrimSuffix(strings.Repeat("?,", len(values)), ",") + "]::text[])", vars
}

// inKeys is GORM's IN list, a placeholder a key.
func (postgresDialect) inKeys(column string, keys []string) (string, any) {
	return column + " IN ?", asVars(keys)
}

func (postgresDialect) nonEmptyArray(column string) string {
	return "jsonb_array_length(" + column + ") > 0"
}

// A regular expression of the same letter classes as SQLite's GLOB
// pattern; a JSON-array column is matched on its text.
func (postgresDialect) containsWord(column, w string) (string, any) {
	return "CAST(" + column + " AS text) ~ ?", regexpWord(w)
}

func (postgresDialect) greatest(a, b string) string { return "GREATEST(" + a + ", " + b + ")" }

// The key includes the schema, so that Carnet databases sharing one server
// (or the tests, one schema each) do not wait for each other.
const logsLockKey = "carnet:ordered-logs"

func (d postgresDialect) lockLogs(tx *gorm.DB) error { return d.lockKey(tx, logsLockKey) }

func (postgresDialect) lockKey(tx *gorm.DB, key string) error {
	return tx.Exec("SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ':' || ?, 0))", key).Error
}

// SQLSTATE codes the store expects (PostgreSQL's appendix A).
const (
	pgUniqueViolation     = "23505"
	pgForeignKeyViolation = "23503"
	pgSerializationFail   = "40001"
	pgDeadlock            = "40P01"
	pgLockNotAvailable    = "55P03"
	pgTooManyConnections  = "53300"
	pgQueryCanceled       = "57014"
	pgAdminShutdown       = "57P01"
	pgCannotConnectNow    = "57P03"
	pgDiskFull            = "53100"
)

func (postgresDialect) translate(err error) error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		var ce *pgconn.ConnectError
		if errors.As(err, &ce) {
			return &Error{Code: EUNAVAILABLE, Message: "The database is not reachable.", Err: err}
		}
		if connectionLost(err) {
			return &Error{Code: EUNAVAILABLE, Message: ConnectionLostMessage, Err: err, RetryAfter: time.Second}
		}
		return nil
	}
	// The error's detail quotes the offending values (an e-mail, a
	// partner's key): keep only the code and the constraint, since Err is
	// logged.
	cause := fmt.Errorf("postgres %s %s on %s.%s", pe.Code, pe.Message, pe.TableName, pe.ConstraintName)
	switch pe.Code {
	case pgUniqueViolation:
		return &Error{Code: ECONFLICT, Message: "A record with the same key already exists.", Err: cause}
	case pgForeignKeyViolation:
		return &Error{Code: ECONFLICT, Message: "The record refers to a record that does not exist.", Err: cause}
	case pgDiskFull:
		return storageFull(cause)
	case pgSerializationFail, pgDeadlock, pgLockNotAvailable, pgTooManyConnections, pgQueryCanceled, pgAdminShutdown, pgCannotConnectNow:
		return &Error{Code: EUNAVAILABLE, Message: "The database is busy; retry shortly.", Err: cause}
	}
	if strings.HasPrefix(pe.Code, "08") { // connection exceptions
		return &Error{Code: EUNAVAILABLE, Message: "The database is not reachable.", Err: cause}
	}
	return nil
}

// ConnectionLostMessage is the message of a write whose connection to the
// database was lost before it reached its commit: nothing was written.
const ConnectionLostMessage = "The connection to the database was lost; nothing was written: retry shortly."

// connectionLost says whether err is the loss of the connection itself: a
// pooled connection the server closed (a failover, a proxy restarting,
// pg_terminate_backend) fails the next statement sent on it with « write
// failed: … broken pipe » or an unexpected end of the stream, before any
// answer. It was answered 500 « internal », which a client cannot tell is
// safe to retry; the pool drops the connection and the next write heals
// (TestConnectionLostIsUnavailable).
func connectionLost(err error) bool {
	var ne net.Error
	return pgconn.SafeToRetry(err) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) || errors.As(err, &ne)
}

// PostgreSQL names the index and, in the detail, its columns: "Key (source,
// source_id)=(…) already exists."; they are returned in SQLite's wording.
func (postgresDialect) uniqueColumns(err error) (string, bool) {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) || pe.Code != pgUniqueViolation {
		return "", false
	}
	d := pe.Detail
	i, j := strings.Index(d, "Key ("), strings.Index(d, ")=(")
	if i < 0 || j < i {
		return pe.ConstraintName, true
	}
	cols := strings.Split(d[i+len("Key ("):j], ", ")
	for k, c := range cols {
		cols[k] = pe.TableName + "." + c
	}
	return strings.Join(cols, ", "), true
}

// personalTables are the tables where retention, an account's deletion or
// the outbox's purge erase or delete personal data.
var personalTables = []string{"referrals", "referral_messages", "outbox", "signups", "users", "audit_events", "trail_events"}

// PostgreSQL has no secure_delete: an UPDATE leaves the old row version in
// the table until VACUUM reclaims its space (and does not zero it), and the
// WAL keeps it until recycled. VACUUM of the tables that hold personal data
// makes the space reusable soon; it cannot run in a transaction. What stays
// (free space not yet overwritten, WAL segments, base backups and archives)
// is the operator's to protect: the README says so.
func (postgresDialect) eraseLeftovers(ctx context.Context, w *gorm.DB) error {
	for _, table := range personalTables {
		if err := w.WithContext(ctx).Exec("VACUUM " + table).Error; err != nil {
			return dbError(err)
		}
	}
	return nil
}

func (postgresDialect) migrations() (fs.FS, goose.Dialect) {
	sub, err := fs.Sub(migrationFiles, "migrations/postgres")
	if err != nil {
		panic(err) // the embedded directory exists: a build error otherwise
	}
	return sub, goose.DialectPostgres
}
