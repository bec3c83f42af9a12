-- +goose Up
-- Duplicate detection weighs every signal a person would look at (issue 11):
-- the agreement of the identifiers (SIRET, phone, e-mail, website) is kept
-- beside the name and address scores, and each link lists its reasons as a
-- JSON array of {"code", "label"} (« même SIRET », « 40 m »).
ALTER TABLE duplicate_links ADD COLUMN identity_score REAL NOT NULL DEFAULT 0;
ALTER TABLE duplicate_links ADD COLUMN reasons TEXT NOT NULL DEFAULT '[]';

-- +goose Down
ALTER TABLE duplicate_links DROP COLUMN reasons;
ALTER TABLE duplicate_links DROP COLUMN identity_score;
