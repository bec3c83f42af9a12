package models

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// openPostgres connects to the PostgreSQL database at url (a postgres://
// URL; its query parameters such as sslmode, search_path or
// application_name are passed on) and applies pending migrations, one
// process at a time.
//
// Pools: writes use opt.WriteConns connections at READ COMMITTED, where the
// store's read-then-write transactions lock what they read (dialect
// postgres); reads use opt.ReadConns connections whose transactions are
// READ ONLY and REPEATABLE READ, so that a list's count and its page, or an
// export's many batches, see one snapshot, as SQLite's read transactions do.
func openPostgres(ctx context.Context, url string, cfg *gorm.Config, opt Options) (*Store, error) {
	open := func(conns int, params map[string]string) (*gorm.DB, *sql.DB, error) {
		cc, err := pgx.ParseConfig(url)
		if err != nil {
			return nil, nil, fmt.Errorf("CARNET_DB is not a usable PostgreSQL URL: %w", err)
		}
		if cc.RuntimeParams["application_name"] == "" {
			cc.RuntimeParams["application_name"] = "carnet"
		}
		for k, v := range params {
			cc.RuntimeParams[k] = v
		}
		db := stdlib.OpenDB(*cc, stdlib.OptionAfterConnect(func(_ context.Context, c *pgx.Conn) error {
			// Times come back in UTC, as written and as SQLite returns
			// them, whatever the server's or the process's time zone.
			c.TypeMap().RegisterType(&pgtype.Type{Name: "timestamptz", OID: pgtype.TimestamptzOID,
				Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC}})
			return nil
		}))
		db.SetMaxOpenConns(conns)
		db.SetMaxIdleConns(conns)
		// A replica behind a load balancer, or a failover of a managed
		// database, must not keep dead connections for ever.
		db.SetConnMaxLifetime(30 * time.Minute)
		db.SetConnMaxIdleTime(5 * time.Minute)
		if err := db.PingContext(ctx); err != nil {
			db.Close()
			return nil, nil, fmt.Errorf("connect to PostgreSQL (CARNET_DB): %w", err)
		}
		g, err := gorm.Open(postgres.New(postgres.Config{Conn: db}), cfg)
		if err != nil {
			db.Close()
			return nil, nil, err
		}
		return g, db, nil
	}
	w, wdb, err := open(opt.WriteConns, map[string]string{"TimeZone": "UTC"})
	if err != nil {
		return nil, err
	}
	// Replicas starting together: the first migrates, the others wait
	// for it on a session advisory lock, then find nothing to do.
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		wdb.Close()
		return nil, err
	}
	if err := migrate(ctx, wdb, postgresEngine, opt.Logger, goose.WithSessionLocker(locker)); err != nil {
		wdb.Close()
		return nil, err
	}
	r, _, err := open(opt.ReadConns, map[string]string{"TimeZone": "UTC",
		"default_transaction_isolation": "repeatable read", "default_transaction_read_only": "on"})
	if err != nil {
		wdb.Close()
		return nil, err
	}
	return &Store{w: w, r: r, d: postgresEngine}, nil
}
