-- +goose Up
-- One invitation is pending per structure and address (probe 37a, L2): an
-- address held several, each token worked, and the role finally held
-- depended on the link used. A new invitation now replaces the open one
-- (models.replaceOpenInvitation); this index keeps two concurrent ones
-- from both staying open. The duplicates stored before are revoked here,
-- the newest kept, as revoked when the newer one was sent.
UPDATE invitations SET revoked_at = (SELECT min(n.created_at) FROM invitations n
        WHERE n.actor_id = invitations.actor_id AND n.email = invitations.email
        AND n.accepted_at IS NULL AND n.revoked_at IS NULL AND n.id > invitations.id)
    WHERE actor_id IS NOT NULL AND accepted_at IS NULL AND revoked_at IS NULL
    AND EXISTS (SELECT 1 FROM invitations n WHERE n.actor_id = invitations.actor_id AND n.email = invitations.email
        AND n.accepted_at IS NULL AND n.revoked_at IS NULL AND n.id > invitations.id);
CREATE UNIQUE INDEX invitations_open ON invitations (actor_id, email)
    WHERE actor_id IS NOT NULL AND accepted_at IS NULL AND revoked_at IS NULL;
-- The trail says when someone acted as a platform administrator (probe
-- 37a, L4): an administrator's read of a structure's statistics showed
-- as « compte sans nom », kind user, nothing more. '' for everyone else
-- and for the entries recorded before.
ALTER TABLE trail_events ADD COLUMN who_role TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE trail_events DROP COLUMN who_role;
DROP INDEX invitations_open;
