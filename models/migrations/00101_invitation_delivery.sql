-- +goose Up
-- An invitation's token shown to its inviter (delivery manual: the service
-- sends no e-mail) lets the inviter accept it and choose the new account's
-- password: the account's credentials are known to the inviter from then
-- on, as after a reset delivered by hand (00092). The invitation keeps how
-- its token was delivered; accepting one not e-mailed records the
-- disclosure on the account it creates. Earlier invitations' delivery was
-- not kept ('unknown'): taken as manual, a trace too many rather than a
-- planted account untraced.
ALTER TABLE invitations ADD COLUMN delivery TEXT NOT NULL DEFAULT 'unknown';

-- +goose Down
ALTER TABLE invitations DROP COLUMN delivery;
