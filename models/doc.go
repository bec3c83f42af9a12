// Package models is Carnet's domain and persistence: the records (actors,
// services, referrals, accounts), the rules every write of them obeys, and
// the Store that reads and writes them in SQLite or PostgreSQL. The HTTP
// layer (handlers) and the command line call the Store only; nothing here
// knows HTTP. Errors leave as *Error with a Code and the offending fields
// (errors.go), which the handlers map to HTTP in one place.
//
// Its parts, by file name (the prefix says the part):
//
//   - The directory: actor.go, service.go, service_kinds.go and
//     stringlist.go are the records and their validation; place.go and
//     postal_forms.go read addresses against the commune reference;
//     closure.go, quality.go, public_contacts.go and fingerprint.go are
//     what a record says of itself (closed, how useful, which contacts are
//     public, whether it changed). actor_store.go, service_store.go,
//     service_follow.go, public_store.go and restore_store.go read and
//     write them.
//   - Partners' syncs and imports: sync_store.go (one batch: records
//     matched by source and key, created, updated or archived),
//     sync_absent.go (a key left out keeps the stored value), sync_bulk.go
//     and bulk_insert.go (a batch prepared whole and written by multi-row
//     statements), sync_archive.go, snapshot_store.go (a snapshot over
//     several requests), source_id.go and migrate_source_ids.go (a
//     partner's keys), deferred_index.go (a first import's indexes built
//     once at its end), sync_carnet_check.go (a value a person set in
//     Carnet outlives the producer's next row).
//   - Duplicates across sources: duplicate_detect.go (detection, following
//     the change log after commit, scoring with models/dedup),
//     duplicate_store.go and duplicate_decide.go (links, and a
//     coordinator's confirm or dismiss).
//   - Referrals (personal data: visible only to the two structures):
//     referral.go (statuses and rules), referral_store.go,
//     referral_followup.go, referral_message_store.go,
//     referral_archived.go, disclosure.go (statistics' threshold),
//     feed_key.go.
//   - People and access: user.go, principal.go (roles per structure),
//     ref.go (what policies need), account_store.go, membership_store.go,
//     invitation_store.go, invitation_list.go, join_request_store.go,
//     signup_store.go, reset_store.go, refresh_store.go (sessions),
//     password.go and password_policy.go (argon2id, NIST 800-63B-4),
//     client_store.go and client_rules.go (partner clients),
//     ratelimit_store.go, secret.go, suggestion_store.go (a change
//     proposed to a structure), decision_trail.go (who may open a
//     structure's service to referrals).
//   - History and trails: change.go and follow.go (the change log every
//     write appends to, and its followers), feed_store.go (the public
//     change feed), audit.go and audit_rebuild.go (a record's history),
//     trail.go (the security trail a structure reads), json_append.go.
//   - Delivery: webhook.go, webhook_store.go, webhook_queue.go,
//     notification.go, outbox_store.go (e-mail), job_store.go and
//     worker_health.go (background jobs), error_kind.go.
//   - Reads for others: export_store.go and fastscan.go (exports),
//     search_source.go (read models kept beside the database, such as the
//     search index of models/search), page.go and name_key.go (keyset
//     pages and name order), precondition.go and idempotency*.go
//     (conditional and replayed writes).
//   - The database: store.go, store_sqlite.go, store_postgres.go,
//     dialect*.go (the few statements each engine writes its own way),
//     checkpoint_sqlite.go, storage_full.go, backup.go, migrate_db.go
//     (SQLite to PostgreSQL), file_modes.go, id.go, date_only.go,
//     fields.go (limits on free text). Migrations are in migrations/, one
//     SQL file a version, with a PostgreSQL twin.
//
// Subpackages hold what needs no Store: commune (the official commune
// reference), vocab (the standard's vocabularies), dedup (comparing two
// places), search (the search index), opendata (reading and writing the
// standard's files), hsds (the Open Referral view), openinghours, contact,
// ident, notify, webhook, mail, editdist, textlen (how lengths count),
// jsonenc; dbtest and modeltest are for tests.
package models
