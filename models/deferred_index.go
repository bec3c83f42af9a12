package models

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

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
// indexes again from it before anything else uses the store. Meanwhile,
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
