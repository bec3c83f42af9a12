-- +goose Up
-- PostgreSQL twin of ../00110_one_open_invitation.sql: one pending
-- invitation per structure and address (the duplicates stored before are
-- revoked, the newest kept), and the trail's who_role.
UPDATE invitations SET revoked_at = (SELECT min(n.created_at) FROM invitations n
        WHERE n.actor_id = invitations.actor_id AND n.email = invitations.email
        AND n.accepted_at IS NULL AND n.revoked_at IS NULL AND n.id > invitations.id)
    WHERE actor_id IS NOT NULL AND accepted_at IS NULL AND revoked_at IS NULL
    AND EXISTS (SELECT 1 FROM invitations n WHERE n.actor_id = invitations.actor_id AND n.email = invitations.email
        AND n.accepted_at IS NULL AND n.revoked_at IS NULL AND n.id > invitations.id);
CREATE UNIQUE INDEX invitations_open ON invitations (actor_id, email)
    WHERE actor_id IS NOT NULL AND accepted_at IS NULL AND revoked_at IS NULL;
ALTER TABLE trail_events ADD COLUMN who_role text NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE trail_events DROP COLUMN who_role;
DROP INDEX invitations_open;
