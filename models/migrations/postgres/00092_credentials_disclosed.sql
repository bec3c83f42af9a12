-- +goose Up
-- PostgreSQL twin of ../00092_credentials_disclosed.sql.
-- A reset token shown to whoever issued it (delivery manual) and used to
-- set an account's password makes the account's credentials known to that
-- issuer: the account keeps when and to whom, and its reads of referrals
-- sent before then are traced (Principal.ReadTrace). Earlier links' delivery
-- is unknown: an account whose password was last set with a link someone
-- else issued is taken as disclosed then.
ALTER TABLE password_resets ADD COLUMN delivery text NOT NULL DEFAULT 'unknown';
ALTER TABLE users ADD COLUMN credentials_disclosed_at timestamptz;
ALTER TABLE users ADD COLUMN credentials_disclosed_by text NOT NULL DEFAULT '';
UPDATE users SET
    credentials_disclosed_at = (SELECT r.used_at FROM password_resets r
        WHERE r.user_id = users.id AND r.used_at IS NOT NULL ORDER BY r.used_at DESC LIMIT 1),
    credentials_disclosed_by = (SELECT CASE WHEN r.created_by LIKE 'user:%' THEN substr(r.created_by, 6) ELSE r.created_by END
        FROM password_resets r WHERE r.user_id = users.id AND r.used_at IS NOT NULL ORDER BY r.used_at DESC LIMIT 1)
WHERE (SELECT r.created_by FROM password_resets r
        WHERE r.user_id = users.id AND r.used_at IS NOT NULL ORDER BY r.used_at DESC LIMIT 1) <> 'user:' || users.id;

-- +goose Down
ALTER TABLE users DROP COLUMN credentials_disclosed_by;
ALTER TABLE users DROP COLUMN credentials_disclosed_at;
ALTER TABLE password_resets DROP COLUMN delivery;
