-- +goose Up
-- A referral forwarded back to a structure that already held the person's
-- data (A → B, then B back to A) keeps when that structure first held it
-- through the chain, so that its reads are traced from then
-- (Principal.ReadTrace): a member who joined A after A's first referral
-- read the copy untraced. NULL when the receiving structure had not held
-- the data before. forwarded_from_sent_at, likewise, becomes the first
-- time the forwarding structure held it in the whole chain, not only
-- through the referral it forwarded. Referrals forwarded before this
-- migration get both from their chain now.
ALTER TABLE referrals ADD COLUMN to_entrusted_at TIMESTAMP;
UPDATE referrals SET to_entrusted_at = (
    WITH RECURSIVE anc(id, prev, from_actor_id, to_actor_id, created_at) AS (
        SELECT o.id, o.forwarded_from_id, o.from_actor_id, o.to_actor_id, o.created_at FROM referrals o WHERE o.id = referrals.forwarded_from_id
        UNION
        SELECT o.id, o.forwarded_from_id, o.from_actor_id, o.to_actor_id, o.created_at FROM referrals o JOIN anc ON o.id = anc.prev
    )
    SELECT MIN(anc.created_at) FROM anc WHERE anc.from_actor_id = referrals.to_actor_id OR anc.to_actor_id = referrals.to_actor_id)
WHERE forwarded_from_id <> '';
UPDATE referrals SET forwarded_from_sent_at = (
    WITH RECURSIVE anc(id, prev, from_actor_id, to_actor_id, created_at) AS (
        SELECT o.id, o.forwarded_from_id, o.from_actor_id, o.to_actor_id, o.created_at FROM referrals o WHERE o.id = referrals.forwarded_from_id
        UNION
        SELECT o.id, o.forwarded_from_id, o.from_actor_id, o.to_actor_id, o.created_at FROM referrals o JOIN anc ON o.id = anc.prev
    )
    SELECT MIN(anc.created_at) FROM anc WHERE anc.from_actor_id = referrals.from_actor_id OR anc.to_actor_id = referrals.from_actor_id)
WHERE forwarded_from_id <> '';

-- +goose Down
ALTER TABLE referrals DROP COLUMN to_entrusted_at;
