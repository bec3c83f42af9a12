-- +goose Up
-- A reset token shown to whoever issued it (delivery manual: the service
-- sends no e-mail) and used to set an account's password makes the
-- account's credentials known to that issuer, who may log in as the account
-- from then on. The account keeps when and to whom (the issuer's account
-- id): its reads of referrals sent before then are traced in their
-- structures' trail (Principal.ReadTrace), as an administrator's are. A reset
-- e-mailed to the account ends it; the account changing its password itself
-- does not (the issuer knows the password and could be the one changing it).
ALTER TABLE password_resets ADD COLUMN delivery TEXT NOT NULL DEFAULT 'unknown';
ALTER TABLE users ADD COLUMN credentials_disclosed_at TIMESTAMP;
ALTER TABLE users ADD COLUMN credentials_disclosed_by TEXT NOT NULL DEFAULT '';
-- How earlier links were delivered was not kept ('unknown'): an account
-- whose password was last set with a link someone else issued is taken as
-- disclosed then — a trace too many rather than a takeover untraced. Its
-- next e-mailed reset ends it.
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
