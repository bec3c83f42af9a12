-- +goose Up
-- sort=name orders by a folded key of the name (models.NameKey: case,
-- accents and ligatures folded as search folds them), compared byte by
-- byte (the column's collation "C", as SQLite's BINARY): lower(name) put
-- every accented initial after z (« Élan » after « Zébu »; probe 35b,
-- L3). Every write sets it (Actor/Service setKeys); the rows stored before
-- are keyed by the store on opening (fillNameKeys, the same Go function as
-- on SQLite), which finds them by this index, their key still ''.
ALTER TABLE actors ADD COLUMN name_key TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN name_key TEXT COLLATE "C" NOT NULL DEFAULT '';
DROP INDEX actors_name;
DROP INDEX services_name;
CREATE INDEX actors_name ON actors (name_key, id);
CREATE INDEX services_name ON services (name_key, id);

-- +goose Down
DROP INDEX actors_name;
DROP INDEX services_name;
CREATE INDEX actors_name ON actors ((lower(name) COLLATE "C"), id);
CREATE INDEX services_name ON services ((lower(name) COLLATE "C"), id);
ALTER TABLE actors DROP COLUMN name_key;
ALTER TABLE services DROP COLUMN name_key;
