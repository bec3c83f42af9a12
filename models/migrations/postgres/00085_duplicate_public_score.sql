-- +goose Up
-- PostgreSQL twin of ../00085_duplicate_public_score.sql.
-- The score a duplicate link's pair gets from public data alone, without
-- phones and e-mails that are not public (models.DuplicateLink.PublicScore):
-- a caller who may not see both actors' contacts is shown a link only when
-- it reaches the threshold, since a link owed to a shared private phone or
-- e-mail told them the two places share it. A link whose reasons owe
-- nothing to phones and e-mails scored the same without them; the others
-- stay NULL, shown only to those who may see both actors' contacts, until
-- detection compares their actors again (it takes pending ones along on
-- each pass, found by the partial index).
ALTER TABLE duplicate_links ADD COLUMN public_score double precision;
UPDATE duplicate_links SET public_score = score
 WHERE NOT reasons @> '[{"code": "same_phone"}]' AND NOT reasons @> '[{"code": "same_email"}]'
   AND NOT reasons @> '[{"code": "named_domain"}]';
CREATE INDEX duplicate_links_pending ON duplicate_links (actor_a) WHERE public_score IS NULL;

-- +goose Down
DROP INDEX duplicate_links_pending;
ALTER TABLE duplicate_links DROP COLUMN public_score;
