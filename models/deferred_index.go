package models

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Deferred indexes: a first import into an empty directory (SQLite) drops
// the non-unique secondary indexes of the tables it fills, writes, and
// creates them again at its end.
//
// Why: each commit of an import copies into the WAL every page it touched,
// and the secondary indexes of actors, services and audit events (names,
// postal codes, dates, coordinates, entity ids) take their rows at random
// pages, so each commit of a 100,000-place import rewrote most of them: it
// wrote 3.5 to 4.5 times the final database's size. An index built once
// at the end sorts its rows and writes each page once (issue 11, item 6).
//
// Which: every index made by CREATE INDEX without UNIQUE on
// deferredIndexTables, when actors and services are both empty (the
// directory's first import: their indexes would be built from nothing but
// the import's rows). The primary keys and the unique indexes (the source
// keys) stay, so that every constraint holds during the import and the
// import's own lookups by source key keep their index. The audit events
// then hold no directory's record, only the few of accounts, so building
// their index again costs little more than the import's rows.
//
// Crash safety: the indexes are dropped in the import's first transaction,
// which also records them in deferred_indexes (name, table, the CREATE
// statement as sqlite_master held it), and created again after the
// import's last, each in a transaction that also deletes its record;
// when the import fails, it creates them again before it returns. A
// process that dies in between leaves the record: openSQLite creates the
// indexes again from it before anything else uses the store, and a server
// already running creates them once the import's lease lapsed
// (RepairDeferredIndexes, from its maintenance loop). Meanwhile,
// the readers of a server running beside the import read correct rows
// (nothing an index holds is lost: it is derived from the table), through
// scans of the tables the import is filling.
var deferredIndexTables = []string{"actors", "services", "audit_events"}

// appendedIndexes are the secondary indexes of deferredIndexTables that an
// import keeps: their keys grow with the order in which it inserts rows,
// so each new entry lands on the index's last page (or on the last page of
// one of a few runs), which a commit writes once. Ids are UUIDv7 (time
// first), created_at, updated_at and public_updated_at are the time of the
// write, audit_events' seq counts up, and an index on one column of few
// values (source, kind) orders each value's entries by rowid. Keeping them
// costs SQLite little more than appending; building them at the end cost
// a scan of the table and a sort each: together about half of the
// indexes' rebuild, 0.6 s of the writer's 4.9 s on a 100,000-place import
// (issue 11, item 6). The partial indexes an import leaves empty (parent,
// unscored) cost nothing either way. An index not named here is deferred:
// a new one is safe by default, only slower.
var appendedIndexes = map[string]bool{
	"actors_live": true, "actors_live_source": true, "actors_parent": true, "actors_public_updated": true,
	"actors_unscored": true, "actors_updated": true, "audit_events_entity": true,
	"services_actor": true, "services_kind": true, "services_live": true, "services_updated": true,
}

// deferredIndex is one dropped index and the statement that creates it.
type deferredIndex struct {
	Name    string
	TblName string
	SQL     string
}

// deferIndexes drops, in the transaction tx, the non-unique secondary
// indexes of deferredIndexTables when actors and services are empty, and
// records them in deferred_indexes; it returns what it dropped (nothing
// when the tables hold rows).
func deferIndexes(tx *gorm.DB) ([]deferredIndex, error) {
	var filled int
	if err := tx.Raw("SELECT EXISTS (SELECT 1 FROM actors) + EXISTS (SELECT 1 FROM services)").Scan(&filled).Error; err != nil {
		return nil, err
	}
	if filled > 0 {
		return nil, nil
	}
	// origin 'c': made by CREATE INDEX (not a PRIMARY KEY's or a UNIQUE
	// constraint's); "unique" = 0: enforcing nothing.
	var ixs []deferredIndex
	err := tx.Raw(`SELECT m.name AS name, m.tbl_name AS tbl_name, m.sql AS sql
		FROM sqlite_master m JOIN pragma_index_list(m.tbl_name) l ON l.name = m.name
		WHERE m.type = 'index' AND m.tbl_name IN ? AND m.sql IS NOT NULL AND l.origin = 'c' AND l."unique" = 0
		ORDER BY m.name`, deferredIndexTables).Scan(&ixs).Error
	if err != nil {
		return nil, err
	}
	ixs = slices.DeleteFunc(ixs, func(ix deferredIndex) bool { return appendedIndexes[ix.Name] })
	for _, ix := range ixs {
		if err := tx.Exec("INSERT INTO deferred_indexes (name, tbl_name, sql) VALUES (?, ?, ?)", ix.Name, ix.TblName, ix.SQL).Error; err != nil {
			return nil, err
		}
		if err := tx.Exec("DROP INDEX " + quoteIdent(ix.Name)).Error; err != nil {
			return nil, err
		}
	}
	return ixs, nil
}

// restoreIndexes creates again, in the transaction tx, the indexes ixs
// that are absent (the opening of another process may have created them
// already: see restoreDeferredIndexes) and deletes their record.
func restoreIndexes(tx *gorm.DB, ixs []deferredIndex) error {
	for _, ix := range ixs {
		var n int
		if err := tx.Raw("SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = ?", ix.Name).Scan(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			if err := tx.Exec(ix.SQL).Error; err != nil {
				return fmt.Errorf("create index %s again: %w", ix.Name, err)
			}
		}
		if err := tx.Exec("DELETE FROM deferred_indexes WHERE name = ?", ix.Name).Error; err != nil {
			return err
		}
	}
	return nil
}

// restoreDeferredIndexes creates again the indexes an import recorded in
// deferred_indexes and did not create again (its process died midway),
// in one transaction of db, a writer (BEGIN IMMEDIATE). An import still
// running in another process finds them present at its end.
func restoreDeferredIndexes(ctx context.Context, db *sql.DB) error {
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM deferred_indexes").Scan(&n); err != nil || n == 0 {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT d.name, d.sql, m.name IS NOT NULL
		FROM deferred_indexes d LEFT JOIN sqlite_master m ON m.type = 'index' AND m.name = d.name ORDER BY d.name`)
	if err != nil {
		return err
	}
	type pending struct {
		name, sql string
		present   bool
	}
	var ps []pending
	for rows.Next() {
		var p pending
		if err := rows.Scan(&p.name, &p.sql, &p.present); err != nil {
			rows.Close()
			return err
		}
		ps = append(ps, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, p := range ps {
		if !p.present {
			if _, err := tx.ExecContext(ctx, p.sql); err != nil {
				return fmt.Errorf("create index %s again (an import stopped before its end): %w", p.name, err)
			}
		}
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM deferred_indexes"); err != nil {
		return err
	}
	return tx.Commit()
}

// quoteIdent quotes an SQL identifier.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// deferredLease is how long an import's hold on the indexes it deferred
// lasts without renewal; it renews it in each of its transactions (one
// every maxStreamHold at most while it writes), so that only a process
// that died, or stalls this long, loses it.
const deferredLease = 2 * time.Minute

// leaseDeferred gives holder, until until, the indexes ixs it deferred.
func leaseDeferred(tx *gorm.DB, ixs []deferredIndex, holder string, until time.Time) error {
	names := make([]string, len(ixs))
	for i, ix := range ixs {
		names[i] = ix.Name
	}
	return tx.Exec("UPDATE deferred_indexes SET holder = ?, lease_until = ? WHERE name IN ?", holder, until, names).Error
}

// DeferredIndexStats count the indexes a first import dropped and has not
// created again: Running those of an import that holds its lease, Lapsed
// those of an import that died (RepairDeferredIndexes creates them).
type DeferredIndexStats struct {
	Running, Lapsed int
}

// lapsedDeferred selects the deferred indexes whose import's lease lapsed
// (or which no lease covers: recorded before leases existed).
const lapsedDeferred = "holder = '' OR lease_until IS NULL OR lease_until <= ?"

// DeferredIndexes counts the indexes dropped by a first import and not
// created again (SQLite; always none on PostgreSQL).
func (s *Store) DeferredIndexes(ctx context.Context) (DeferredIndexStats, error) {
	var st DeferredIndexStats
	if s.d != sqliteEngine {
		return st, nil
	}
	err := s.read(ctx).Raw("SELECT count(*) FILTER (WHERE "+lapsedDeferred+") AS lapsed, count(*) AS running FROM deferred_indexes", s.now()).
		Row().Scan(&st.Lapsed, &st.Running)
	st.Running -= st.Lapsed
	return st, dbError(err)
}

// RepairDeferredIndexes creates again the indexes of a first import whose
// process died (its lease lapsed), one transaction per index as the import
// itself does, and returns how many; an import still running is left
// alone. A running server calls it periodically: otherwise the indexes
// would wait for the next opening of the database (probe 39a, F6).
func (s *Store) RepairDeferredIndexes(ctx context.Context) (int, error) {
	if s.d != sqliteEngine {
		return 0, nil
	}
	var ixs []deferredIndex
	if err := s.read(ctx).Raw("SELECT name, tbl_name, sql FROM deferred_indexes WHERE "+lapsedDeferred+" ORDER BY name", s.now()).
		Scan(&ixs).Error; err != nil || len(ixs) == 0 {
		return 0, dbError(err)
	}
	n := 0
	for _, ix := range ixs {
		err := s.write(withBulk(ctx), func(tx *gorm.DB) error {
			// Read again under the writer: the import may have renewed
			// its lease, or ended, since.
			var still int
			if err := tx.Raw("SELECT count(*) FROM deferred_indexes WHERE name = ? AND ("+lapsedDeferred+")", ix.Name, s.now()).Scan(&still).Error; err != nil || still == 0 {
				return err
			}
			n++
			return restoreIndexes(tx, []deferredIndex{ix})
		})
		if err != nil {
			return n, err
		}
	}
	return n, nil
}
