-- +goose Up
-- The name key now folds NFKC compatibility forms (full-width letters,
-- ligatures) and the modifier letters typed for an apostrophe (models.NameKey;
-- verify36 N7). Only a name with a character outside ASCII can fold
-- otherwise: its key is cleared, and the store keys it again on opening
-- (keyUnkeyed finds it by the name index, its key '').
UPDATE actors SET name_key = '' WHERE octet_length(name) <> char_length(name);
UPDATE services SET name_key = '' WHERE octet_length(name) <> char_length(name);

-- +goose Down
-- The keys written since fold more; sorting by them stays sound.
SELECT 1;
