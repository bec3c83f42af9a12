-- +goose Up
-- PostgreSQL twin of ../00090_strip_invisible_text.sql.
-- Text refuses the bidi marks, the line and paragraph separators and the
-- invisible characters since the fourteenth security pass (models.checkText):
-- a record stored before with one — a zero-width space in a description, a
-- left-to-right mark, a soft hyphen, all found in producers' files — could
-- no longer be patched on any other field (the whole record is validated).
-- The ones such files and copied text carry (U+00AD, U+200B, U+200E,
-- U+200F, U+061C, U+2060, U+FEFF) are removed, a line or paragraph
-- separator becomes a line break where text spans lines and a
-- space elsewhere; a source's key is cleaned unless another record of the
-- source already has the cleaned key. The history keeps what was stored.

UPDATE actors SET
    name = regexp_replace(regexp_replace(name, E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF]', '', 'g'), E'[\u2028\u2029]', ' ', 'g'),
    summary = regexp_replace(regexp_replace(summary, E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF]', '', 'g'), E'[\u2028\u2029]', E'\n', 'g'),
    description = regexp_replace(regexp_replace(description, E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF]', '', 'g'), E'[\u2028\u2029]', E'\n', 'g'),
    street = regexp_replace(regexp_replace(street, E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF]', '', 'g'), E'[\u2028\u2029]', ' ', 'g'),
    complement = regexp_replace(regexp_replace(complement, E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF]', '', 'g'), E'[\u2028\u2029]', ' ', 'g'),
    commune = regexp_replace(regexp_replace(commune, E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF]', '', 'g'), E'[\u2028\u2029]', ' ', 'g'),
    other_labels = regexp_replace(regexp_replace(other_labels, E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF]', '', 'g'), E'[\u2028\u2029]', E'\n', 'g'),
    producer = regexp_replace(regexp_replace(producer, E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF]', '', 'g'), E'[\u2028\u2029]', E'\n', 'g'),
    closure_reason = regexp_replace(regexp_replace(closure_reason, E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF]', '', 'g'), E'[\u2028\u2029]', E'\n', 'g')
WHERE name ~ E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF\u2028\u2029]' OR summary ~ E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF\u2028\u2029]' OR description ~ E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF\u2028\u2029]' OR street ~ E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF\u2028\u2029]' OR complement ~ E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF\u2028\u2029]' OR commune ~ E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF\u2028\u2029]' OR other_labels ~ E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF\u2028\u2029]' OR producer ~ E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF\u2028\u2029]' OR closure_reason ~ E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF\u2028\u2029]';

UPDATE services SET
    name = regexp_replace(regexp_replace(name, E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF]', '', 'g'), E'[\u2028\u2029]', ' ', 'g'),
    description = regexp_replace(regexp_replace(description, E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF]', '', 'g'), E'[\u2028\u2029]', E'\n', 'g'),
    fees_details = regexp_replace(regexp_replace(fees_details, E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF]', '', 'g'), E'[\u2028\u2029]', E'\n', 'g'),
    location_street = regexp_replace(regexp_replace(location_street, E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF]', '', 'g'), E'[\u2028\u2029]', ' ', 'g'),
    location_complement = regexp_replace(regexp_replace(location_complement, E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF]', '', 'g'), E'[\u2028\u2029]', ' ', 'g'),
    location_commune = regexp_replace(regexp_replace(location_commune, E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF]', '', 'g'), E'[\u2028\u2029]', ' ', 'g')
WHERE name ~ E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF\u2028\u2029]' OR description ~ E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF\u2028\u2029]' OR fees_details ~ E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF\u2028\u2029]' OR location_street ~ E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF\u2028\u2029]' OR location_complement ~ E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF\u2028\u2029]' OR location_commune ~ E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF\u2028\u2029]';

UPDATE users SET
    display_name = regexp_replace(regexp_replace(display_name, E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF]', '', 'g'), E'[\u2028\u2029]', ' ', 'g'),
    job_title = regexp_replace(regexp_replace(job_title, E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF]', '', 'g'), E'[\u2028\u2029]', ' ', 'g')
WHERE display_name ~ E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF\u2028\u2029]' OR job_title ~ E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF\u2028\u2029]';

UPDATE actors SET source_id = regexp_replace(regexp_replace(source_id, E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF]', '', 'g'), E'[\u2028\u2029]', ' ', 'g')
WHERE actors.source_id ~ E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF\u2028\u2029]'
  AND NOT EXISTS (SELECT 1 FROM actors other WHERE other.source = actors.source AND other.source_id = regexp_replace(regexp_replace(actors.source_id, E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF]', '', 'g'), E'[\u2028\u2029]', ' ', 'g'));

UPDATE services SET source_id = regexp_replace(regexp_replace(source_id, E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF]', '', 'g'), E'[\u2028\u2029]', ' ', 'g')
WHERE services.source_id ~ E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF\u2028\u2029]'
  AND NOT EXISTS (SELECT 1 FROM services other WHERE other.source = services.source AND other.source_id = regexp_replace(regexp_replace(services.source_id, E'[\u00AD\u200B\u200E\u200F\u061C\u2060\uFEFF]', '', 'g'), E'[\u2028\u2029]', ' ', 'g'));


-- +goose Down
-- What was removed is not kept: nothing to undo.
SELECT 1;
