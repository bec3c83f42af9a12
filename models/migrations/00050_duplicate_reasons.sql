-- +goose Up
-- Duplicate detection weighs every signal a person would look at (issue 11):
-- the agreement of the identifiers (SIRET, phone, e-mail, website) is kept
-- beside the name and address scores, and each link lists its reasons as a
-- JSON array of {"code", "label"} (« même SIRET », « 40 m »).
ALTER TABLE duplicate_links ADD COLUMN identity_score REAL NOT NULL DEFAULT 0;
ALTER TABLE duplicate_links ADD COLUMN reasons TEXT NOT NULL DEFAULT '[]';

-- Detection loads the live actors of a département as its block.
CREATE INDEX actors_live_departement ON actors (departement) WHERE archived_at IS NULL;

-- +goose Down
DROP INDEX actors_live_departement;
ALTER TABLE duplicate_links DROP COLUMN reasons;
ALTER TABLE duplicate_links DROP COLUMN identity_score;
