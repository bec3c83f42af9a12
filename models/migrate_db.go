package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// This file moves a directory from SQLite into PostgreSQL (`carnet
// migrate-db`). It is the one place that reads both engines' catalogs: the
// source's rows are read as SQLite gives them, converted to the target
// column's type (0/1 to boolean, JSON text to jsonb…), and written with
// PostgreSQL's COPY, in one transaction.

// writtenAtOpen are the tables that opening a store, or a running service,
// may fill on an otherwise empty database: the schedule of periodic jobs,
// the version of the commune reference the addresses were resolved with,
// the cursors of the change log's durable followers (duplicate detection's
// is created with the schema).
var writtenAtOpen = map[string]bool{"job_runs": true, "reference_versions": true, "change_cursors": true}

// CopyTable is what CopyDatabase did with one table.
type CopyTable struct {
	Name     string
	Rows     int
	Duration time.Duration
}

// CopyDatabase copies every table of the SQLite store from into the
// PostgreSQL store to, which must be empty (freshly migrated). Both must be
// at the same migration version: they are when this binary opened both.
// from is read in one read transaction (a consistent snapshot, even if a
// process still writes to it); to is written in one transaction, so a
// failed copy leaves it empty. Identity sequences are moved past the
// copied seqs, so the change feed's cursors stay valid.
func CopyDatabase(ctx context.Context, from, to *Store, progress func(CopyTable)) ([]CopyTable, error) {
	if from.d != sqliteEngine || to.d != postgresEngine {
		return nil, errors.New("migrate-db copies a SQLite database (--from) into PostgreSQL (--to)")
	}
	src, err := from.r.DB()
	if err != nil {
		return nil, err
	}
	dst, err := to.w.DB()
	if err != nil {
		return nil, err
	}
	cat, err := postgresCatalog(ctx, dst)
	if err != nil {
		return nil, fmt.Errorf("read the target's catalog: %w", err)
	}
	order, err := cat.copyOrder()
	if err != nil {
		return nil, err
	}
	stx, err := src.BeginTx(ctx, nil) // the read pool is query-only
	if err != nil {
		return nil, err
	}
	defer stx.Rollback()
	var srcTables []string
	if err := queryStrings(ctx, stx, &srcTables, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'goose_db_version'"); err != nil {
		return nil, err
	}
	slices.Sort(srcTables)
	if want := slices.Sorted(slices.Values(order)); !slices.Equal(srcTables, want) {
		return nil, fmt.Errorf("the two databases do not have the same tables (source %v, target %v): open both with the same version of carnet", srcTables, want)
	}

	conn, err := dst.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var report []CopyTable
	err = conn.Raw(func(dc any) error {
		pg := dc.(*stdlib.Conn).Conn()
		tx, err := pg.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx)
		for _, table := range order {
			var n int64
			if err := tx.QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{table}.Sanitize()).Scan(&n); err != nil {
				return err
			}
			if n > 0 && !writtenAtOpen[table] {
				return fmt.Errorf("the target's table %s already has %d rows: migrate-db fills an empty database", table, n)
			}
			if writtenAtOpen[table] {
				// The source's bookkeeping wins.
				if _, err := tx.Exec(ctx, "DELETE FROM "+pgx.Identifier{table}.Sanitize()); err != nil {
					return err
				}
			}
			start := time.Now()
			rows, err := copyTable(ctx, stx, tx, table, cat)
			if err != nil {
				return fmt.Errorf("copy %s: %w", table, err)
			}
			ct := CopyTable{Name: table, Rows: rows, Duration: time.Since(start)}
			report = append(report, ct)
			if progress != nil {
				progress(ct)
			}
		}
		for _, id := range cat.identities {
			t, c := pgx.Identifier{id[0]}.Sanitize(), pgx.Identifier{id[1]}.Sanitize()
			q := fmt.Sprintf("SELECT setval(pg_get_serial_sequence($1, $2), COALESCE(MAX(%s), 0) + 1, false) FROM %s", c, t)
			if _, err := tx.Exec(ctx, q, t, id[1]); err != nil {
				return fmt.Errorf("move the sequence of %s.%s: %w", id[0], id[1], err)
			}
		}
		return tx.Commit(ctx)
	})
	if err != nil {
		return nil, err
	}
	return report, nil
}

// copyTable copies one table's rows from the SQLite transaction to the
// PostgreSQL one. Columns that refer to their own table (an actor's parent)
// are written after every row of the table is in.
func copyTable(ctx context.Context, src *sql.Tx, dst pgx.Tx, table string, cat *pgCatalog) (int, error) {
	rows, err := src.QueryContext(ctx, "SELECT * FROM "+pgx.Identifier{table}.Sanitize())
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	types := cat.columns[table]
	for _, c := range cols {
		if _, ok := types[c]; !ok {
			return 0, fmt.Errorf("the target has no column %s.%s: open both databases with the same version of carnet", table, c)
		}
	}
	if len(cols) != len(types) {
		return 0, fmt.Errorf("the target's table %s has %d columns, the source's %d", table, len(types), len(cols))
	}
	selfRef := cat.selfRefs[table]
	pk := cat.primaryKeys[table]
	var later [][]any // primary key values, then self-referencing values
	var data [][]any
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	flush := func() error {
		if len(data) == 0 {
			return nil
		}
		_, err := dst.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(data))
		data = data[:0]
		return err
	}
	n := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		row := make([]any, len(cols))
		var deferred []any
		for i, c := range cols {
			v, err := toPostgres(vals[i], types[c])
			if err != nil {
				return n, fmt.Errorf("row %d, column %s: %w", n+1, c, err)
			}
			if slices.Contains(selfRef, c) && v != nil {
				deferred = append(deferred, v)
				v = nil
			} else if slices.Contains(selfRef, c) {
				deferred = append(deferred, nil)
			}
			row[i] = v
		}
		if len(selfRef) > 0 && slices.ContainsFunc(deferred, func(v any) bool { return v != nil }) {
			key := make([]any, 0, len(pk)+len(deferred))
			for _, k := range pk {
				key = append(key, row[slices.Index(cols, k)])
			}
			later = append(later, append(key, deferred...))
		}
		data = append(data, row)
		n++
		if len(data) == 5000 {
			if err := flush(); err != nil {
				return n, err
			}
		}
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	if err := flush(); err != nil {
		return n, err
	}
	if len(later) > 0 {
		var set, where []string
		for i, c := range selfRef {
			set = append(set, fmt.Sprintf("%s = $%d", pgx.Identifier{c}.Sanitize(), len(pk)+i+1))
		}
		for i, k := range pk {
			where = append(where, fmt.Sprintf("%s = $%d", pgx.Identifier{k}.Sanitize(), i+1))
		}
		q := "UPDATE " + pgx.Identifier{table}.Sanitize() + " SET " + strings.Join(set, ", ") + " WHERE " + strings.Join(where, " AND ")
		for _, args := range later {
			if _, err := dst.Exec(ctx, q, args...); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// toPostgres converts a value as SQLite returns it to the target column's
// PostgreSQL type.
func toPostgres(v any, pgType string) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch pgType {
	case "boolean":
		switch x := v.(type) {
		case int64:
			return x != 0, nil
		case bool:
			return x, nil
		}
	case "jsonb", "text":
		switch x := v.(type) {
		case string:
			return x, nil
		case []byte:
			return string(x), nil
		}
	case "bytea":
		switch x := v.(type) {
		case []byte:
			return x, nil
		case string:
			return []byte(x), nil
		}
	case "timestamp with time zone":
		switch x := v.(type) {
		case time.Time:
			// timestamptz holds microseconds; a few times were written
			// with nanoseconds (the outbox's retry times).
			return x.UTC().Truncate(time.Microsecond), nil
		case string:
			for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano, "2006-01-02 15:04:05.999999999"} {
				if t, err := time.Parse(layout, x); err == nil {
					return t.UTC().Truncate(time.Microsecond), nil
				}
			}
		}
	case "bigint", "integer":
		if x, ok := v.(int64); ok {
			return x, nil
		}
	case "double precision":
		switch x := v.(type) {
		case float64:
			return x, nil
		case int64:
			return float64(x), nil
		}
	}
	return nil, fmt.Errorf("cannot store %T in a %s column", v, pgType)
}

// pgCatalog is what the copy needs to know of the target's tables.
type pgCatalog struct {
	columns     map[string]map[string]string // table → column → data type
	primaryKeys map[string][]string
	selfRefs    map[string][]string
	deps        map[string][]string // table → the tables it refers to
	identities  [][2]string         // table, column
}

func postgresCatalog(ctx context.Context, db *sql.DB) (*pgCatalog, error) {
	c := &pgCatalog{columns: map[string]map[string]string{}, primaryKeys: map[string][]string{}, selfRefs: map[string][]string{}, deps: map[string][]string{}}
	rows, err := db.QueryContext(ctx, `SELECT table_name, column_name, data_type, is_identity FROM information_schema.columns
		WHERE table_schema = current_schema() AND table_name <> 'goose_db_version' ORDER BY table_name, ordinal_position`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var t, col, typ, ident string
		if err := rows.Scan(&t, &col, &typ, &ident); err != nil {
			rows.Close()
			return nil, err
		}
		if c.columns[t] == nil {
			c.columns[t] = map[string]string{}
		}
		c.columns[t][col] = typ
		if ident == "YES" {
			c.identities = append(c.identities, [2]string{t, col})
		}
	}
	rows.Close()
	rows, err = db.QueryContext(ctx, `SELECT c.relname, a.attname FROM pg_index i
		JOIN pg_class c ON c.oid = i.indrelid JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey)
		WHERE i.indisprimary AND c.relnamespace = current_schema()::regnamespace ORDER BY c.relname, array_position(i.indkey, a.attnum)`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var t, col string
		if err := rows.Scan(&t, &col); err != nil {
			rows.Close()
			return nil, err
		}
		c.primaryKeys[t] = append(c.primaryKeys[t], col)
	}
	rows.Close()
	rows, err = db.QueryContext(ctx, `SELECT c.relname, f.relname, a.attname FROM pg_constraint k
		JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class f ON f.oid = k.confrelid
		JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
		WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var t, f, col string
		if err := rows.Scan(&t, &f, &col); err != nil {
			return nil, err
		}
		if t == f {
			c.selfRefs[t] = append(c.selfRefs[t], col)
		} else if !slices.Contains(c.deps[t], f) {
			c.deps[t] = append(c.deps[t], f)
		}
	}
	return c, rows.Err()
}

// copyOrder lists the tables so that each comes after the tables it refers
// to.
func (c *pgCatalog) copyOrder() ([]string, error) {
	names := make([]string, 0, len(c.columns))
	for t := range c.columns {
		names = append(names, t)
	}
	slices.Sort(names)
	var order []string
	state := map[string]int{} // 1 visiting, 2 done
	var visit func(string) error
	visit = func(t string) error {
		switch state[t] {
		case 1:
			return fmt.Errorf("the tables' foreign keys make a cycle through %s", t)
		case 2:
			return nil
		}
		state[t] = 1
		for _, d := range c.deps[t] {
			if err := visit(d); err != nil {
				return err
			}
		}
		state[t] = 2
		order = append(order, t)
		return nil
	}
	for _, t := range names {
		if err := visit(t); err != nil {
			return nil, err
		}
	}
	return order, nil
}

func queryStrings(ctx context.Context, tx *sql.Tx, out *[]string, q string) error {
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return err
		}
		*out = append(*out, s)
	}
	return rows.Err()
}
