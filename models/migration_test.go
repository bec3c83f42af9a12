package models

import (
	"context"
	"database/sql"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pressly/goose/v3"
)

// migrateTo applies the SQLite migrations up to version on a new database
// file and returns it with its provider, for tests of one migration's data
// changes: rows written as the schema before it stores them, then the
// migration, then what it made of them. The PostgreSQL twins run with the
// whole suite on PostgreSQL in CI (.ci/run); TestMigrationTwins pairs them.
func migrateTo(t *testing.T, version int64) (*sql.DB, *goose.Provider) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(t.TempDir(), "m.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	files, gd := sqliteEngine.migrations()
	p, err := goose.NewProvider(gd, db, files, goose.WithDisableGlobalRegistry(true), goMigrations(slog.New(slog.DiscardHandler)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(context.Background(), version); err != nil {
		t.Fatal(err)
	}
	return db, p
}

func mustExec(t *testing.T, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// TestMigration00085PublicScore: a link whose reasons owe nothing to phones
// and e-mails gets its score as public score; one with same_phone,
// same_email or named_domain among its reasons keeps NULL (shown only to
// those who may see both actors' contacts until detection compares its
// actors again) and is found by the pending index; down removes both.
func TestMigration00085PublicScore(t *testing.T) {
	db, p := migrateTo(t, 84)
	ctx := context.Background()
	link := func(id, reasons string, score float64) {
		mustExec(t, db, `INSERT INTO duplicate_links (id, actor_a, actor_b, score, name_score, address_score, status, created_at, updated_at, reasons)
			VALUES (?, ?, ?, ?, 0.9, 1, 'suggested', '2026-01-01 00:00:00', '2026-01-01 00:00:00', ?)`, id, "a-"+id, "b-"+id, score, reasons)
	}
	const name = `{"code":"same_name","label":"Même nom"}`
	link("plain", `[`+name+`]`, 0.71)
	link("pivot", `[{"code":"same_pivot","label":"Même SIRET"},`+name+`]`, 0.93)
	link("phone", `[{"code":"same_phone","label":"Même téléphone"},`+name+`]`, 0.8)
	link("email", `[{"code":"same_email","label":"Même e-mail"}]`, 0.65)
	link("domain", `[`+name+`,{"code":"named_domain","label":"Le nom dans le domaine"}]`, 0.62)
	link("none", `[]`, 0.6)
	if _, err := p.UpTo(ctx, 85); err != nil {
		t.Fatal(err)
	}
	want := map[string]*float64{"plain": ptrTo(0.71), "pivot": ptrTo(0.93), "phone": nil, "email": nil, "domain": nil, "none": ptrTo(0.6)}
	for id, w := range want {
		var got sql.NullFloat64
		if err := db.QueryRow("SELECT public_score FROM duplicate_links WHERE id = ?", id).Scan(&got); err != nil {
			t.Fatal(err)
		}
		switch {
		case w == nil && got.Valid:
			t.Errorf("%s: public score %v, want NULL (it owes to contacts)", id, got.Float64)
		case w != nil && (!got.Valid || got.Float64 != *w):
			t.Errorf("%s: public score %v, want %v", id, got, *w)
		}
	}
	var pending []string
	rows, err := db.Query("SELECT id FROM duplicate_links INDEXED BY duplicate_links_pending WHERE public_score IS NULL ORDER BY id")
	if err != nil {
		t.Fatalf("the pending index: %v", err)
	}
	for rows.Next() {
		var id string
		rows.Scan(&id)
		pending = append(pending, id)
	}
	rows.Close()
	if len(pending) != 3 || pending[0] != "domain" || pending[1] != "email" || pending[2] != "phone" {
		t.Errorf("pending links %v, want domain, email, phone", pending)
	}
	if _, err := p.DownTo(ctx, 84); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("SELECT public_score FROM duplicate_links"); err == nil {
		t.Error("down left the public_score column")
	}
}

// TestMigration00086PublicVersion: existing actors start with their version
// and time as public ones (what was shown stays shown), and existing
// changes are not private-only.
func TestMigration00086PublicVersion(t *testing.T) {
	db, p := migrateTo(t, 85)
	mustExec(t, db, `INSERT INTO actors (id, name, status, created_at, updated_at, version) VALUES ('x', 'Lieu', 'active', '2026-01-01 00:00:00', '2026-02-03 04:05:06', 7)`)
	mustExec(t, db, `INSERT INTO changes (entity, entity_id, op, version, at) VALUES ('actor', 'x', 'update', 7, '2026-02-03 04:05:06')`)
	if _, err := p.UpTo(context.Background(), 86); err != nil {
		t.Fatal(err)
	}
	var version int64
	var updated, publicUpdated string
	if err := db.QueryRow("SELECT public_version, updated_at, public_updated_at FROM actors WHERE id = 'x'").Scan(&version, &updated, &publicUpdated); err != nil {
		t.Fatal(err)
	}
	if version != 7 || publicUpdated != updated {
		t.Errorf("public version %d at %s, want 7 at %s", version, publicUpdated, updated)
	}
	var private bool
	if err := db.QueryRow("SELECT private_only FROM changes").Scan(&private); err != nil || private {
		t.Errorf("private_only %v (%v), want false", private, err)
	}
}

func ptrTo(f float64) *float64 { return &f }

// TestMigration00090StripInvisibleText: text stored before checkText
// refused the bidi marks, the separators and the invisible characters is
// cleaned (a record holding one could be patched on no field), a separator
// becoming a line break where text spans lines and a space elsewhere; a
// source's key is cleaned unless the cleaned key is another record's.
func TestMigration00090StripInvisibleText(t *testing.T) {
	db, p := migrateTo(t, 89)
	actor := func(id, name, description, sourceID string) {
		mustExec(t, db, `INSERT INTO actors (id, name, description, street, source, source_id, status, created_at, updated_at, version)
			VALUES (?, ?, ?, ?, 'hub', ?, 'active', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)`, id, name, description, "1\u00a0rue\u200b", sourceID)
	}
	actor("a", "Média\u00adthèque\u200e", "accompagnent \u200bles jeunes\u2028Ateliers\u2029", "k\u200b1")
	actor("b", "Tiers\u2028lieu\ufeff", "", "k\u200b2")
	actor("c", "Autre", "", "k2")
	actor("d", "Espace 👩\u200d💻", "", "")
	mustExec(t, db, `INSERT INTO services (id, actor_id, name, description, kind, status, created_at, updated_at, version) VALUES ('s', 'a', ?, ?, '', 'published', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)`,
		"Atelier\u2060", "Gratuit\u061c.")
	mustExec(t, db, `INSERT INTO users (id, email, password_hash, display_name, created_at, updated_at) VALUES ('u', 'u@example.fr', 'x', ?, '2026-01-01 00:00:00', '2026-01-01 00:00:00')`, "Camille\u200f")
	if _, err := p.UpTo(context.Background(), 90); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]string{
		"SELECT name || '|' || description || '|' || street || '|' || source_id FROM actors WHERE id = 'a'": "Médiathèque|accompagnent les jeunes\nAteliers\n|1\u00a0rue|k1",
		"SELECT name || '|' || source_id FROM actors WHERE id = 'b'":                                        "Tiers lieu|k\u200b2",
		"SELECT name FROM actors WHERE id = 'd'":                                                            "Espace 👩\u200d💻",
		"SELECT name || '|' || description FROM services":                                                   "Atelier|Gratuit.",
		"SELECT display_name FROM users":                                                                    "Camille",
	} {
		var got string
		if err := db.QueryRow(q).Scan(&got); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if got != want {
			t.Errorf("%s: %q, want %q", q, got, want)
		}
	}
}

// TestMigration00092CredentialsDisclosed: how earlier reset links were
// delivered was not kept, so an account whose password was last set with a
// link someone else issued is taken as disclosed to that issuer when it was
// used (a trace too many rather than a takeover untraced); one whose last
// link was its own, or that never used one, is not; down removes the
// columns.
func TestMigration00092CredentialsDisclosed(t *testing.T) {
	db, p := migrateTo(t, 91)
	for _, id := range []string{"taken", "own", "none", "again", "adm"} {
		mustExec(t, db, `INSERT INTO users (id, email, password_hash, created_at, updated_at) VALUES (?, ?, 'x', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`, id, id+"@example.fr")
	}
	reset := func(id, user, by, used string) {
		var usedAt any
		if used != "" {
			usedAt = used
		}
		mustExec(t, db, `INSERT INTO password_resets (id, user_id, token_hash, created_by, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, '2026-01-01 00:00:00', '2026-01-01 04:00:00', ?)`,
			id, user, "h-"+id, by, usedAt)
	}
	reset("1", "taken", "user:adm", "2026-01-01 01:00:00")
	reset("2", "taken", "user:adm", "") // issued, never used
	reset("3", "own", "user:adm", "2026-01-01 01:00:00")
	reset("4", "own", "user:own", "2026-01-01 02:00:00")
	reset("5", "again", "user:again", "2026-01-01 01:00:00")
	reset("6", "again", "user:adm", "2026-01-01 02:00:00")
	if _, err := p.UpTo(context.Background(), 92); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"taken": "adm", "own": "", "none": "", "again": "adm", "adm": ""}
	for id, by := range want {
		var at sql.NullString
		var gotBy string
		if err := db.QueryRow("SELECT credentials_disclosed_at, credentials_disclosed_by FROM users WHERE id = ?", id).Scan(&at, &gotBy); err != nil {
			t.Fatal(err)
		}
		if gotBy != by || at.Valid != (by != "") {
			t.Errorf("%s: disclosed to %q at %v, want to %q", id, gotBy, at, by)
		}
	}
	var unknown int
	if err := db.QueryRow("SELECT count(*) FROM password_resets WHERE delivery = 'unknown'").Scan(&unknown); err != nil || unknown != 6 {
		t.Errorf("%d links of unknown delivery (%v), want 6", unknown, err)
	}
	if _, err := p.DownTo(context.Background(), 91); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("SELECT credentials_disclosed_at FROM users"); err == nil {
		t.Error("down left the credentials_disclosed_at column")
	}
}

// TestMigration00093SnapshotSessions: the sessions and their keys, one
// session per source, a key recorded once (a batch replayed inserts it
// again, ignored), and down removes both tables.
func TestMigration00093SnapshotSessions(t *testing.T) {
	db, p := migrateTo(t, 93)
	mustExec(t, db, `INSERT INTO sync_snapshot_sessions (id, source, opened_at, expires_at) VALUES ('s1', 'hub', '2026-01-01 00:00:00', '2026-01-02 00:00:00')`)
	if _, err := db.Exec(`INSERT INTO sync_snapshot_sessions (id, source, opened_at, expires_at) VALUES ('s2', 'hub', '2026-01-01 00:00:00', '2026-01-02 00:00:00')`); err == nil {
		t.Error("two sessions of one source")
	}
	for range 2 {
		mustExec(t, db, `INSERT INTO sync_snapshot_keys (session_id, entity, source_id) VALUES ('s1', 'actor', 'lieu-1') ON CONFLICT DO NOTHING`)
	}
	mustExec(t, db, `INSERT INTO sync_snapshot_keys (session_id, entity, source_id) VALUES ('s1', 'service', 'lieu-1')`)
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM sync_snapshot_keys WHERE session_id = 's1'").Scan(&n); err != nil || n != 2 {
		t.Errorf("%d keys (%v), want 2: one per entity", n, err)
	}
	if _, err := p.DownTo(context.Background(), 92); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"sync_snapshot_sessions", "sync_snapshot_keys"} {
		if _, err := db.Exec("SELECT 1 FROM " + table); err == nil {
			t.Errorf("down left %s", table)
		}
	}
}

// TestMigration00094NormalizeSourceIDs: keys stored before NormalizeSourceID
// are read as it reads them (NFC, Unicode white space at the ends removed);
// of two records of a source whose keys become the same, the one stored
// with the normalised key keeps it and the other keeps its own (both
// kept, nothing merged); another source's same key is not a collision.
func TestMigration00094NormalizeSourceIDs(t *testing.T) {
	db, p := migrateTo(t, 93)
	actor := func(id, source, sourceID string) {
		mustExec(t, db, `INSERT INTO actors (id, name, source, source_id, status, created_at, updated_at, version)
			VALUES (?, 'Lieu', ?, ?, 'active', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)`, id, source, sourceID)
	}
	actor("a1", "hub", "caf-e\u0301-1")      // NFD alone: normalised
	actor("a2", "hub", "\u00a0lieu-9\u3000") // Unicode spaces at the ends
	actor("a3", "hub", "k-\u00e9")           // stored NFC…
	actor("a4", "hub", "k-e\u0301")          // …and NFD: kept as it is
	actor("a5", "other", "k-e\u0301")        // another source: normalised
	actor("a6", "hub", "dup-e\u0301")        // two NFD spellings, none NFC:
	actor("a7", "hub", "dup-e\u0301\u00a0")  // the older takes the key
	actor("a8", "hub", "plain id")           // a space inside stays
	mustExec(t, db, `INSERT INTO services (id, actor_id, name, description, kind, status, source, source_id, created_at, updated_at, version)
		VALUES ('s1', 'a1', 'Aide', '', '', 'published', 'hub', ?, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)`, "svc-e\u0301#offer")
	if _, err := p.UpTo(context.Background(), 94); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"a1": "caf-\u00e9-1", "a2": "lieu-9", "a3": "k-\u00e9", "a4": "k-e\u0301", "a5": "k-\u00e9",
		"a6": "dup-\u00e9", "a7": "dup-e\u0301\u00a0", "a8": "plain id"} {
		var got string
		if err := db.QueryRow("SELECT source_id FROM actors WHERE id = ?", id).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%s: %+q, want %+q", id, got, want)
		}
	}
	var got string
	if err := db.QueryRow("SELECT source_id FROM services WHERE id = 's1'").Scan(&got); err != nil || got != "svc-\u00e9#offer" {
		t.Errorf("service: %+q %v", got, err)
	}
	if _, err := p.DownTo(context.Background(), 93); err != nil {
		t.Fatal(err)
	}
}

// TestMigration00095ForwardedFromSentAt: a referral forwarded before the
// migration gets the time its original was sent (when the forwarding
// structure received the person's data, from which ReadTrace counts for
// it); one that forwards nothing keeps NULL; down removes the column.
func TestMigration00095ForwardedFromSentAt(t *testing.T) {
	db, p := migrateTo(t, 94)
	for _, a := range []string{"a", "b", "c"} {
		mustExec(t, db, `INSERT INTO actors (id, name, source, source_id, status, created_at, updated_at, version)
			VALUES (?, 'Lieu', 'carnet', ?, 'active', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)`, a, "lieu-"+a)
	}
	mustExec(t, db, `INSERT INTO users (id, email, password_hash, created_at, updated_at) VALUES ('u', 'u@example.fr', 'x', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`)
	for _, s := range []string{"b", "c"} {
		mustExec(t, db, `INSERT INTO services (id, actor_id, name, description, kind, status, source, source_id, created_at, updated_at, version)
			VALUES (?, ?, 'Aide', '', '', 'published', 'carnet', ?, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)`, "s"+s, s, "svc-"+s)
	}
	referral := func(id, from, to, created, forwardedFrom string) {
		mustExec(t, db, `INSERT INTO referrals (id, from_actor_id, sender_id, to_service_id, to_actor_id, contact_channel, consent_on, referent_commitment,
			status, created_at, updated_at, version, forwarded_from_id) VALUES (?, ?, 'u', ?, ?, 'phone', '2026-01-01', 1, 'sent', ?, ?, 1, ?)`,
			id, from, "s"+to, to, created, created, forwardedFrom)
	}
	referral("orig", "a", "b", "2026-01-02 09:00:00", "")
	referral("next", "b", "c", "2026-01-05 10:00:00", "orig")
	referral("alone", "a", "c", "2026-01-03 11:00:00", "")
	if _, err := p.UpTo(context.Background(), 95); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{"next": "2026-01-02 09:00:00", "orig": "", "alone": ""} {
		var got sql.NullTime
		if err := db.QueryRow("SELECT forwarded_from_sent_at FROM referrals WHERE id = ?", id).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if want == "" && got.Valid || want != "" && (!got.Valid || got.Time.UTC().Format(time.DateTime) != want) {
			t.Errorf("%s: %v, want %q", id, got, want)
		}
	}
	if _, err := p.DownTo(context.Background(), 94); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("SELECT forwarded_from_sent_at FROM referrals"); err == nil {
		t.Error("down left the forwarded_from_sent_at column")
	}
}

// TestMigration00096ToEntrustedAt: a chain forwarded back and forth before
// the migration (a → b, b back to a, a on to b) gets, for each copy, the
// first time the chain brought each of its two structures the data; a
// referral that forwards nothing keeps NULL; down removes the column.
func TestMigration00096ToEntrustedAt(t *testing.T) {
	db, p := migrateTo(t, 95)
	for _, a := range []string{"a", "b"} {
		mustExec(t, db, `INSERT INTO actors (id, name, source, source_id, status, created_at, updated_at, version)
			VALUES (?, 'Lieu', 'carnet', ?, 'active', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)`, a, "lieu-"+a)
		mustExec(t, db, `INSERT INTO services (id, actor_id, name, description, kind, status, source, source_id, created_at, updated_at, version)
			VALUES (?, ?, 'Aide', '', '', 'published', 'carnet', ?, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)`, "s"+a, a, "svc-"+a)
	}
	mustExec(t, db, `INSERT INTO users (id, email, password_hash, created_at, updated_at) VALUES ('u', 'u@example.fr', 'x', '2026-01-01 00:00:00', '2026-01-01 00:00:00')`)
	referral := func(id, from, to, created, forwardedFrom string) {
		mustExec(t, db, `INSERT INTO referrals (id, from_actor_id, sender_id, to_service_id, to_actor_id, contact_channel, consent_on, referent_commitment,
			status, created_at, updated_at, version, forwarded_from_id) VALUES (?, ?, 'u', ?, ?, 'phone', '2026-01-01', 1, 'sent', ?, ?, 1, ?)`,
			id, from, "s"+to, to, created, created, forwardedFrom)
	}
	referral("r1", "a", "b", "2026-01-02 09:00:00", "")
	referral("r2", "b", "a", "2026-01-05 10:00:00", "r1")
	referral("r3", "a", "b", "2026-01-07 11:00:00", "r2")
	if _, err := p.UpTo(context.Background(), 96); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ id, from, to string }{
		{"r1", "", ""}, {"r2", "2026-01-02 09:00:00", "2026-01-02 09:00:00"}, {"r3", "2026-01-02 09:00:00", "2026-01-02 09:00:00"},
	} {
		var from, to sql.NullTime
		if err := db.QueryRow("SELECT forwarded_from_sent_at, to_entrusted_at FROM referrals WHERE id = ?", tc.id).Scan(&from, &to); err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			got  sql.NullTime
			want string
		}{{from, tc.from}, {to, tc.to}} {
			if c.want == "" && c.got.Valid || c.want != "" && (!c.got.Valid || c.got.Time.UTC().Format(time.DateTime) != c.want) {
				t.Errorf("%s: %v, want %q", tc.id, c.got, c.want)
			}
		}
	}
	if _, err := p.DownTo(context.Background(), 95); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("SELECT to_entrusted_at FROM referrals"); err == nil {
		t.Error("down left the to_entrusted_at column")
	}
}

// TestMigration00098ProducerDatePlaceholders: actors stored before the
// producer-date floor kept a placeholder (1969-12-31, 1900-01-01) as their
// producer's date and, from a sync, as their checked_on. They are read as
// a fresh import reads them: no producer's date, and a checked_on that came
// from the placeholder becomes the day the record was stored, undated; a
// checked_on a person set since, and real dates, stay.
func TestMigration00098ProducerDatePlaceholders(t *testing.T) {
	db, p := migrateTo(t, 97)
	actor := func(id, producerDate, checkedOn string, archived bool) {
		arch := any(nil)
		if archived {
			arch = "2026-02-01 00:00:00"
		}
		mustExec(t, db, `INSERT INTO actors (id, name, source, source_id, status, created_at, updated_at, version, producer_updated_on, checked_on, archived_at)
			VALUES (?, 'Lieu', 'hub', ?, 'active', '2025-01-01 00:00:00', '2025-06-07 08:09:10', 1, ?, ?, ?)`, id, "lieu-"+id, producerDate, checkedOn, arch)
	}
	actor("sync1969", "1969-12-31", "1969-12-31", false)
	actor("sync1900", "1900-01-01", "1900-01-01", true)
	actor("person", "1970-01-01", "2025-05-05", false) // a person confirmed it since
	actor("dated", "2024-03-04", "2024-03-04", false)
	actor("undated", "", "2025-06-07", false)
	if _, err := p.UpTo(context.Background(), 98); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]string{
		"sync1969": " 2025-06-07 true",
		"sync1900": " 2025-06-07 true",
		"person":   " 2025-05-05 false",
		"dated":    "2024-03-04 2024-03-04 false",
		"undated":  " 2025-06-07 false",
	} {
		var producer, checked string
		var undated bool
		if err := db.QueryRow("SELECT producer_updated_on, checked_on, checked_on_undated FROM actors WHERE id = ?", id).Scan(&producer, &checked, &undated); err != nil {
			t.Fatal(err)
		}
		if got := producer + " " + checked + " " + map[bool]string{true: "true", false: "false"}[undated]; got != want {
			t.Errorf("%s: %q, want %q", id, got, want)
		}
	}
	if _, err := p.DownTo(context.Background(), 97); err != nil {
		t.Fatal(err)
	}
}

// TestRestoreReadsPlaceholderDate: an actor archived with a placeholder
// producer's date (before the floor, or from a backup older than migration
// 00098) came back from the archive « checked in 1969 »: restoring it reads
// the date as an import does, and the change log says so.
func TestRestoreReadsPlaceholderDate(t *testing.T) {
	s := openTestStore(t)
	ctx := WithChannel(context.Background(), ChannelSystem)
	a := validActor()
	if err := s.CreateActor(ctx, &a); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ArchiveActor(ctx, a.ID, Precondition{}); err != nil {
		t.Fatal(err)
	}
	if err := s.w.Exec("UPDATE actors SET producer_updated_on = '1969-12-31', checked_on = '1969-12-31', checked_on_undated = FALSE WHERE id = ?", a.ID).Error; err != nil {
		t.Fatal(err)
	}
	got, err := s.RestoreActor(ctx, a.ID, Precondition{}, RestoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	today := s.now().Format(time.DateOnly)
	stored, err := s.GetActor(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range []*Actor{got, stored} {
		if x.ProducerUpdatedOn != "" || x.CheckedOn != today || !x.CheckedOnUndated || x.ArchivedAt != nil {
			t.Errorf("restored: producer %q, checked_on %q undated %v, archived %v; want no date, %s, undated", x.ProducerUpdatedOn, x.CheckedOn, x.CheckedOnUndated, x.ArchivedAt, today)
		}
	}
	// A real date is left alone.
	b := validActor()
	b.Name = "Autre lieu"
	if err := s.CreateActor(ctx, &b); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ArchiveActor(ctx, b.ID, Precondition{}); err != nil {
		t.Fatal(err)
	}
	if err := s.w.Exec("UPDATE actors SET producer_updated_on = '2024-03-04', checked_on = '2024-03-04' WHERE id = ?", b.ID).Error; err != nil {
		t.Fatal(err)
	}
	if got, err := s.RestoreActor(ctx, b.ID, Precondition{}, RestoreOptions{}); err != nil || got.ProducerUpdatedOn != "2024-03-04" || got.CheckedOn != "2024-03-04" || got.CheckedOnUndated {
		t.Errorf("a real date: %+v %v", got, err)
	}
}

// TestMigration00099WhoLabels: the history, the trail and suggestions
// stored people's login e-mails as labels, shown to other structures'
// managers and to coordinators. The migration names each account as it is
// named to others now (display name, else professional e-mail, else
// « compte sans nom »; « compte supprimé » stays), touches no partner
// client, and leaves both tables append-only but for that deletion label.
func TestMigration00099WhoLabels(t *testing.T) {
	db, p := migrateTo(t, 98)
	user := func(id, email, name, pro string, deleted bool) {
		mustExec(t, db, `INSERT INTO users (id, email, password_hash, created_at, updated_at, display_name, professional_email, deleted_at)
			VALUES (?, ?, '', '2026-01-01 00:00:00', '2026-01-01 00:00:00', ?, ?, CASE WHEN ? THEN '2026-02-01 00:00:00' END)`, id, email, name, pro, deleted)
	}
	user("named", "named@login.fr", "Olivier Dupont", "pro@named.fr", false)
	user("pro", "pro@login.fr", "", "accueil@pro.fr", false)
	user("bare", "bare@login.fr", "", "", false)
	user("gone", "deleted-x@invalid", "", "", true)
	want := map[string]string{"named": "Olivier Dupont", "pro": "accueil@pro.fr", "bare": "compte sans nom", "gone": "compte supprimé"}
	for id := range want {
		label := id + "@login.fr"
		if id == "gone" {
			label = "compte supprimé"
		}
		mustExec(t, db, `INSERT INTO audit_events (entity, entity_id, actor_id, action, channel, who_kind, who_id, who_label, version, at, changes)
			VALUES ('actor', 'a', 'a', 'update', 'api', 'user', ?, ?, 1, '2026-01-01 00:00:00', '[]')`, id, label)
		mustExec(t, db, `INSERT INTO trail_events (at, action, subject_kind, subject_id, subject_label, who_kind, who_id, who_label, channel)
			VALUES ('2026-01-01 00:00:00', 'referral.read', 'referral', 'r', '', 'user', ?, ?, 'api')`, id, label)
		mustExec(t, db, `INSERT INTO suggestions (id, entity, entity_id, actor_id, author_id, changes, base_version, status, created_at)
			VALUES (?, 'actor', 'a', 'a', ?, '{}', 1, 'pending', '2026-01-01 00:00:00')`, "s-"+id, id)
	}
	mustExec(t, db, `INSERT INTO audit_events (entity, entity_id, actor_id, action, channel, who_kind, who_id, who_label, version, at, changes)
		VALUES ('actor', 'a', 'a', 'update', 'sync', 'client', 'named', 'CAF 13', 1, '2026-01-01 00:00:00', '[]')`)
	if _, err := p.UpTo(context.Background(), 99); err != nil {
		t.Fatal(err)
	}
	for id, w := range want {
		for _, q := range []string{"SELECT who_label FROM audit_events WHERE who_kind = 'user' AND who_id = ?",
			"SELECT who_label FROM trail_events WHERE who_id = ?", "SELECT author_label FROM suggestions WHERE author_id = ?"} {
			var got string
			if err := db.QueryRow(q, id).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != w {
				t.Errorf("%s (%s): %q, want %q", id, q, got, w)
			}
		}
	}
	var client string
	if err := db.QueryRow("SELECT who_label FROM audit_events WHERE who_kind = 'client'").Scan(&client); err != nil || client != "CAF 13" {
		t.Errorf("a partner client's label: %q %v", client, err)
	}
	for _, table := range []string{"audit_events", "trail_events"} {
		if _, err := db.Exec("UPDATE " + table + " SET who_label = 'quelqu''un' WHERE who_id = 'named'"); err == nil {
			t.Errorf("%s: a label was rewritten: no longer append-only", table)
		}
		if _, err := db.Exec("UPDATE " + table + " SET who_label = 'compte supprimé' WHERE who_id = 'named'"); err != nil {
			t.Errorf("%s: a deleted account's label: %v", table, err)
		}
	}
}

// TestMigration00106TrailSubjectLabels: the trail named the accounts it was
// about by their login e-mails (probe 35, L2), and a webhook its
// administrator owner. The migration names them as people are named now,
// rewrites no other label, and leaves the trail append-only.
func TestMigration00106TrailSubjectLabels(t *testing.T) {
	db, p := migrateTo(t, 105)
	mustExec(t, db, `INSERT INTO users (id, email, password_hash, created_at, updated_at, display_name, professional_email)
		VALUES ('named', 'named@login.fr', '', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 'Olivier Dupont', ''),
		       ('bare', 'bare@login.fr', '', '2026-01-01 00:00:00', '2026-01-01 00:00:00', '', '')`)
	event := func(kind, id, label string) {
		mustExec(t, db, `INSERT INTO trail_events (at, action, subject_kind, subject_id, subject_label, who_kind, who_id, who_label, channel)
			VALUES ('2026-01-01 00:00:00', 'membership.added', ?, ?, ?, 'system', '', '', 'api')`, kind, id, label)
	}
	event("account", "named", "named@login.fr")
	event("account", "bare", "Bare@Login.fr")
	event("invitation", "named", "named@login.fr")
	if _, err := p.UpTo(context.Background(), 106); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ kind, id, want string }{
		{"account", "named", "Olivier Dupont"}, {"account", "bare", "compte sans nom"}, {"invitation", "named", "named@login.fr"},
	} {
		var got string
		if err := db.QueryRow("SELECT subject_label FROM trail_events WHERE subject_kind = ? AND subject_id = ?", c.kind, c.id).Scan(&got); err != nil || got != c.want {
			t.Errorf("%s %s: %q %v, want %q", c.kind, c.id, got, err, c.want)
		}
	}
	if _, err := db.Exec("UPDATE trail_events SET subject_label = 'x' WHERE subject_id = 'named'"); err == nil {
		t.Error("the trail is no longer append-only")
	}
}

// TestMigration00109NameKeysNFKC: a name key written by the fold before
// NFKC (« ｅｓｐａｃｅ » kept full-width) is cleared, for the store to key it
// again on opening; an ASCII name, whose key cannot change, keeps its own.
func TestMigration00109NameKeysNFKC(t *testing.T) {
	db, p := migrateTo(t, 107)
	for _, r := range [][3]string{{"w", "ＥＳＰＡＣＥ", "ｅｓｐａｃｅ"}, {"a", "Espace", "espace"}, {"e", "Médiathèque", "mediatheque"}} {
		mustExec(t, db, `INSERT INTO actors (id, name, name_key, status, created_at, updated_at, version) VALUES (?, ?, ?, 'active', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)`, r[0], r[1], r[2])
	}
	if _, err := p.UpTo(context.Background(), 109); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"w": "", "a": "espace", "e": ""}
	rows, err := db.Query("SELECT id, name_key FROM actors")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, key string
		if err := rows.Scan(&id, &key); err != nil {
			t.Fatal(err)
		}
		if key != want[id] {
			t.Errorf("%s: name_key %q, want %q", id, key, want[id])
		}
	}
	if NameKey("ＥＳＰＡＣＥ") != "espace" || NameKey("Lʼisle") != NameKey("L'Isle") {
		t.Errorf("NameKey: %q %q", NameKey("ＥＳＰＡＣＥ"), NameKey("Lʼisle"))
	}
}

// TestMigration00110OneOpenInvitation: of the invitations open to one
// structure and address, the newest stays open and the others are revoked
// as of its sending; an accepted one and another structure's are left
// alone; two open ones can no longer be stored; down drops the index.
func TestMigration00110OneOpenInvitation(t *testing.T) {
	db, p := migrateTo(t, 107)
	inv := func(id, actor, accepted, created string) {
		mustExec(t, db, `INSERT INTO invitations (id, email, token_hash, actor_id, role, created_by, created_at, expires_at, accepted_at)
			VALUES (?, 'u1@example.fr', ?, ?, 'member', 'system', ?, '2027-01-01 00:00:00', ?)`, id, "h"+id, actor, created, accepted)
	}
	inv("1", "a", "", "2026-01-01 00:00:00")
	inv("2", "a", "", "2026-01-02 00:00:00")
	inv("3", "a", "", "2026-01-03 00:00:00")
	inv("4", "b", "", "2026-01-01 00:00:00")
	mustExec(t, db, "UPDATE invitations SET accepted_at = NULL WHERE accepted_at = ''")
	inv("5", "a", "2026-01-04 00:00:00", "2026-01-04 00:00:00")
	if _, err := p.UpTo(context.Background(), 110); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query("SELECT id, COALESCE(revoked_at, '') FROM invitations ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for rows.Next() {
		var id, revoked string
		if err := rows.Scan(&id, &revoked); err != nil {
			t.Fatal(err)
		}
		got[id] = revoked
	}
	rows.Close()
	if !strings.HasPrefix(got["1"], "2026-01-02") || !strings.HasPrefix(got["2"], "2026-01-03") || got["3"] != "" || got["4"] != "" || got["5"] != "" {
		t.Errorf("revoked: %v", got)
	}
	if _, err := db.Exec(`INSERT INTO invitations (id, email, token_hash, actor_id, role, created_by, created_at, expires_at)
		VALUES ('6', 'u1@example.fr', 'h6', 'a', 'member', 'system', '2026-01-05 00:00:00', '2027-01-01 00:00:00')`); err == nil {
		t.Error("a second open invitation was stored")
	}
	if _, err := p.DownTo(context.Background(), 107); err != nil {
		t.Fatal(err)
	}
}
