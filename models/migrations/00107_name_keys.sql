-- +goose Up
-- sort=name orders by a folded key of the name (models.NameKey: case,
-- accents and ligatures folded as search folds them), compared byte by
-- byte: NOCASE put every accented initial after z (« Élan » after
-- « Zébu »; probe 35b, L3). Every write sets it (Actor/Service setKeys);
-- the rows stored before are keyed by the store on opening (fillNameKeys:
-- SQLite has no function to fold accents), which finds them by this
-- index, their key still ''.
ALTER TABLE actors ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
DROP INDEX actors_name;
DROP INDEX services_name;
CREATE INDEX actors_name ON actors (name_key, id);
CREATE INDEX services_name ON services (name_key, id);

-- +goose Down
DROP INDEX actors_name;
DROP INDEX services_name;
CREATE INDEX actors_name ON actors (name COLLATE NOCASE, id);
CREATE INDEX services_name ON services (name COLLATE NOCASE, id);
ALTER TABLE actors DROP COLUMN name_key;
ALTER TABLE services DROP COLUMN name_key;
