package models

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"

	"github.com/pressly/goose/v3"
)

// goMigrations are the migrations SQL cannot write on both engines, with
// the version they take among the SQL files' (which have none of theirs).
func goMigrations(log *slog.Logger) goose.ProviderOption {
	return goose.WithGoMigrations(
		goose.NewGoMigration(94,
			&goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error { return normalizeStoredSourceIDs(ctx, tx, log) }},
			// What was stored is in the history: nothing to undo.
			&goose.GoFunc{RunTx: func(context.Context, *sql.Tx) error { return nil }}),
	)
}

// normalizeStoredSourceIDs is migration 94: the partners' keys stored
// before NormalizeSourceID read them are read as it reads them now, so
// that a batch sending a key as before still finds its record (SQLite has
// no Unicode normalisation, hence Go, on both engines).
//
// Two records of one source whose keys become the same (a place created
// twice, once with « é » and once with « e » and an accent) are both kept,
// the one whose key changes with its key as it was: merging them would
// choose between two records' data, which a person does through the
// duplicates (GET /api/v1/duplicates). The record stored with the
// normalised key is the one batches now update; the other is logged
// (« source_id kept: another record has its normalised form ») and a
// snapshot that does not name it archives it, as any record its source no
// longer sends. The history and versions do not move: the record did not
// change, its key is read another way; its fingerprint, of the key as it
// was, makes the next batch that sends it report it updated once.
func normalizeStoredSourceIDs(ctx context.Context, tx *sql.Tx, log *slog.Logger) error {
	for _, table := range []string{"actors", "services"} {
		changes, err := sourceIDsToNormalize(ctx, tx, table)
		if err != nil {
			return err
		}
		for _, c := range changes {
			var other string
			err := tx.QueryRowContext(ctx, "SELECT id FROM "+table+" WHERE source = $1 AND source_id = $2", c.source, c.to).Scan(&other)
			switch {
			case err == nil:
				log.Warn("source_id kept: another record has its normalised form", "table", table, "id", c.id, "source", c.source,
					"source_id", fmt.Sprintf("%+q", c.from), "normalised", c.to, "other_id", other)
				continue
			case err != sql.ErrNoRows:
				return err
			}
			if _, err := tx.ExecContext(ctx, "UPDATE "+table+" SET source_id = $1 WHERE id = $2", c.to, c.id); err != nil {
				return fmt.Errorf("normalise %s %s source_id: %w", table, c.id, err)
			}
		}
	}
	return nil
}

type sourceIDChange struct{ id, source, from, to string }

// sourceIDsToNormalize lists the records of table whose key
// NormalizeSourceID reads as another string, in the order they were
// created (ids are UUIDv7): of two whose keys become the same, the older
// takes it.
func sourceIDsToNormalize(ctx context.Context, tx *sql.Tx, table string) ([]sourceIDChange, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id, source, source_id FROM "+table+" WHERE source_id <> '' ORDER BY id")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []sourceIDChange
	for rows.Next() {
		var c sourceIDChange
		if err := rows.Scan(&c.id, &c.source, &c.from); err != nil {
			return nil, err
		}
		if c.to = NormalizeSourceID(c.from); c.to != c.from && c.to != "" {
			out = append(out, c)
		}
	}
	return out, rows.Err()
}
