package models

import (
	"context"
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"
	"gorm.io/gorm"

	"carnet/models/vocab"
)

// NameKey is the key sort=name orders names by, on every list and in
// search: the name folded as search folds words (vocab.Slugify): case and
// accents folded, œ and æ written oe and ae, each run of spaces and
// punctuation one « - », which sorts before every letter and digit, so
// that a word ends before a longer one (« Ancienne école » before
// « Anciennes… »). Nothing else is dropped (no article, no « L' »): the
// order stays the one a reader predicts from the name as written.
// Compared byte by byte (SQLite's BINARY, PostgreSQL's "C" collation, Go's
// strings.Compare), it sorts alike on both engines and in memory. It was
// lower(name) on PostgreSQL and NOCASE on SQLite, which put every accented
// initial after z (« Élan » after « Zébu »).
//
// The name goes through NFKC first, and the modifier letters written for an
// apostrophe become one: full-width letters (« ＭＥＤＩＡ »), ligatures (« ﬁ »)
// and « ʼ » were kept as written, so the name filter, which folds its input
// alike, missed them (verify36 N7). Rows keyed before
// are keyed again on opening (migration 00109 clears their keys).
func NameKey(name string) string {
	return vocab.Slugify(strings.Map(apostrophe, norm.NFKC.String(name)))
}

// apostrophe maps the modifier letters typed for an apostrophe (« ʼ », « ʻ »,
// « ʽ », « ʹ ») to it: they are letters, which the fold keeps, where « ' »
// and « ’ » separate words.
func apostrophe(r rune) rune {
	switch r {
	case '\u02bc', '\u02bb', '\u02bd', '\u02b9':
		return '\''
	}
	return r
}

// keyed is a model with columns derived from its others, which every
// writer sets before writing it: GORM's hooks for its own writes,
// insertRows and updateRow for theirs.
type keyed interface{ setKeys() }

func (a *Actor) setKeys()   { a.nameKey.set(&a.NameKey, a.Name) }
func (s *Service) setKeys() { s.nameKey.set(&s.NameKey, s.Name) }

// nameKeyMemo remembers the name a record's NameKey was folded from:
// PrepareSyncBatch folds a sync batch's names beside the writes, and the
// writer's setKeys then only compares the name (the same string, most
// often the same pointer). Folded by the writer, they took 0.14 s of its
// CPU on a 100,000-place import (issue 11, item 6). A record loaded from
// the database, or whose name changed since, is folded again.
type nameKeyMemo struct {
	name string
	done bool
}

func (m *nameKeyMemo) set(key *string, name string) {
	if m.done && m.name == name {
		return
	}
	*key = NameKey(name)
	m.name, m.done = name, true
}

// setKeysLike is setKeys taking the key of a record of the same name, a
// prepared actor, rather than folding the name again: an imported place's
// offer takes its name, and folding it twice was 100,000 allocations of a
// 100,000-place first import (issue 11, item 6; TestSetKeysLike). The key
// is a function of the name alone.
func (s *Service) setKeysLike(a *Actor) {
	if a != nil && a.nameKey.done && a.nameKey.name == s.Name {
		s.NameKey, s.nameKey = a.NameKey, a.nameKey
		return
	}
	s.setKeys()
}

// BeforeSave sets the derived columns on GORM's writes.
func (a *Actor) BeforeSave(*gorm.DB) error { a.setKeys(); return nil }

// BeforeSave sets the derived columns on GORM's writes.
func (s *Service) BeforeSave(*gorm.DB) error { s.setKeys(); return nil }

// setKeysOf sets row's derived columns when it has some.
func setKeysOf(row any) {
	if k, ok := row.(keyed); ok {
		k.setKeys()
	}
}

// keyUnkeyed sets the name key of the rows stored before migration 00107
// (or by a writer that did not set it): SQL cannot fold accents alike on
// both engines, so the store does it on opening, in batches, each in its
// turn on the writer. Found by the name index (their key is ”), walked
// by id so that a name folding to nothing (punctuation alone) is read
// once: opening a keyed database reads no row.
func (s *Store) keyUnkeyed(ctx context.Context) error {
	for _, table := range []string{"actors", "services"} {
		for after := ""; ; {
			var rows []struct{ ID, Name string }
			err := s.w.WithContext(ctx).Table(table).Select("id, name").
				Where("name_key = '' AND name <> '' AND id > ?", after).Order("id").Limit(1000).Scan(&rows).Error
			if err != nil {
				return err
			}
			if len(rows) == 0 {
				break
			}
			err = s.takeTurn(ctx, func() error {
				return s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
					for _, r := range rows {
						if err := tx.Table(table).Where("id = ?", r.ID).UpdateColumn("name_key", NameKey(r.Name)).Error; err != nil {
							return err
						}
					}
					return nil
				})
			})
			if err != nil {
				return fmt.Errorf("key the names of %s: %w", table, err)
			}
			after = rows[len(rows)-1].ID
		}
	}
	return nil
}

// nameContains keeps the rows of table whose name holds part, compared as
// sort=name compares names: by their folded keys, so that case, accents,
// ligatures and punctuation are folded alike on SQLite (whose LIKE folds
// ASCII letters only: « MÉDIATHÈQUE » missed « Médiathèque ») and on
// PostgreSQL, and « l'isle » finds « L’Isle ». A part made of punctuation
// alone has no key: it is looked for as written.
func nameContains(q *gorm.DB, table, part string) *gorm.DB {
	if key := NameKey(part); key != "" {
		return q.Where(table+`.name_key LIKE ? ESCAPE '\'`, "%"+escapeLike(key)+"%")
	}
	return q.Where(dialectOf(q).containsCaseless(table+".name"), "%"+escapeLike(composedText(part))+"%")
}
