package models

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// erasedRequest replaces the request hash of a key whose record's personal
// data was erased: no request hashes to it, so every retry with the key is
// told it was used for another request.
const erasedRequest = "erased"

// IdempotencyTTL is how long a key's answer is kept and replayed.
const IdempotencyTTL = 24 * time.Hour

// IdempotencyLease is how long a claim of another process is respected
// before a retry may take it over. A claim is only ever taken over before
// its write committed (the write binds the key in its own transaction, and
// a request whose claim was taken over cannot commit), so the lease only
// decides how soon a retry after a crash runs again, never whether a record
// is created twice.
const IdempotencyLease = 10 * time.Second

// Entities a creating request may bind its key to, besides EntityActor and
// EntityService.
const (
	EntityReferral    = "referral"
	EntitySuggestion  = "suggestion"
	EntityJoinRequest = "join_request"
)

// IdempotentResponse is a stored answer to replay.
type IdempotentResponse struct {
	Status  int
	Headers map[string]string
	Body    []byte
	// ByReference stores no body: a replay renders the bound record again
	// for the caller, after checking its rights (referrals: the person's
	// data is never copied into the replay store).
	ByReference bool
}

// IdempotencyClaim is a request's hold on its key.
type IdempotencyClaim struct {
	Scope, KeyHash, Token string
	key                   string // the raw key: it encrypts the stored body
}

// IdempotencyStart is what BeginIdempotent found.
type IdempotencyStart struct {
	// Replay is the stored answer of the same request.
	Replay *IdempotentResponse
	// Entity and EntityID name the record the same request created when
	// its answer was not stored (a crash between the commit and the
	// answer, or an answer stored by reference): render it again.
	Entity, EntityID string
	// Claim is set when the request must run: pass it on with
	// WithIdempotencyClaim, then call FinishIdempotent.
	Claim *IdempotencyClaim
}

type idempotencyKey struct {
	Scope       string `gorm:"primaryKey"`
	KeyHash     string `gorm:"primaryKey"`
	RequestHash string
	State       string
	Owner       string
	ClaimToken  string
	ClaimedAt   time.Time
	Entity      string
	EntityID    string
	Status      int
	Headers     string
	Body        []byte
	CreatedAt   time.Time
}

func (idempotencyKey) TableName() string { return "idempotency_keys" }

// States of a key.
const (
	idemPending   = "pending"   // claimed; its write, if any, has not committed
	idemCommitted = "committed" // the write committed with the key; the answer is not stored yet
	idemDone      = "done"      // the answer is stored
)

type claimKey struct{}

// WithIdempotencyClaim makes the write transactions run with ctx bind the
// claimed key to the record they create, in the same transaction.
func WithIdempotencyClaim(ctx context.Context, c *IdempotencyClaim) context.Context {
	return context.WithValue(ctx, claimKey{}, c)
}

// bindIdempotency records, inside the transaction that creates entity id,
// that the claimed key's request committed. If a retry took the claim over
// meanwhile, the transaction is refused: the retry's write is the one that
// counts, and the record is not created twice.
func bindIdempotency(tx *gorm.DB, entity, id string) error {
	c, _ := tx.Statement.Context.Value(claimKey{}).(*IdempotencyClaim)
	if c == nil {
		return nil
	}
	res := tx.Model(&idempotencyKey{}).Where("scope = ? AND key_hash = ? AND claim_token = ? AND state = ?", c.Scope, c.KeyHash, c.Token, idemPending).
		Updates(map[string]any{"state": idemCommitted, "entity": entity, "entity_id": id})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return Errorf(ECONFLICT, "A retry with the same Idempotency-Key took this request over; its answer is the one that counts.")
	}
	return nil
}

func idempotencyKeyHash(scope, key string) string {
	sum := sha256.Sum256([]byte(scope + "\x00" + key))
	return hex.EncodeToString(sum[:])
}

// BeginIdempotent looks key up for a request with the given hash: the stored
// answer or the record created by the same request when there is one, a
// claim to run it otherwise. It answers EINVALID when the key was used for
// a different request and ECONFLICT while the same request is still running.
// A claim left by a request that died before its write committed is taken
// over: at once when it was this process's or a stopped process's of this
// machine (a restart: ownerGone), after IdempotencyLease for another
// process's.
func (s *Store) BeginIdempotent(ctx context.Context, scope, key, hash string) (*IdempotencyStart, error) {
	kh := idempotencyKeyHash(scope, key)
	var out IdempotencyStart
	// A claim is registered as running before its write commits: a write
	// committed in the same group (Store.writeGrouped) reads the pending
	// claim in the group's transaction, and must see it running, not
	// abandoned (it took it over, and both requests ran).
	claimed := func(c *IdempotencyClaim) {
		out.Claim = c
		s.claims.Store(c.Token, true)
	}
	err := s.write(ctx, func(tx *gorm.DB) error {
		now := s.now()
		// Expired keys are deleted here rather than by a job: the
		// index on created_at makes it cheap, and it bounds the table.
		if err := tx.Where("created_at < ?", now.Add(-IdempotencyTTL)).Delete(&idempotencyKey{}).Error; err != nil {
			return err
		}
		claim := &IdempotencyClaim{Scope: scope, KeyHash: kh, Token: NewID(), key: key}
		var k idempotencyKey
		err := tx.Take(&k, "scope = ? AND key_hash = ?", scope, kh).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			// Another process (a replica) may claim the same key between
			// the read and the insert: the key is then taken.
			res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&idempotencyKey{Scope: scope, KeyHash: kh, RequestHash: hash,
				State: idemPending, Owner: s.instance, ClaimToken: claim.Token, ClaimedAt: now, Headers: "{}", CreatedAt: now})
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected == 0 {
				return &Error{Code: ECONFLICT, Message: "A request with this Idempotency-Key is still being processed; retry in a moment.", RetryAfter: time.Second}
			}
			claimed(claim)
			return nil
		}
		if err != nil {
			return err
		}
		if k.RequestHash != hash {
			return &Error{Code: EINVALID, Message: "This Idempotency-Key was already used for a different request; use a new key for a new request.",
				Fields: []FieldError{{Field: "Idempotency-Key", Reason: "reused with a different method, path or body"}}}
		}
		switch k.State {
		case idemDone:
			if k.Body == nil && k.EntityID != "" {
				out.Entity, out.EntityID = k.Entity, k.EntityID
				return nil
			}
			body, err := openBody(key, scope, k.Body)
			if err != nil {
				return err
			}
			out.Replay = &IdempotentResponse{Status: k.Status, Body: body}
			return json.Unmarshal([]byte(k.Headers), &out.Replay.Headers)
		case idemCommitted:
			out.Entity, out.EntityID = k.Entity, k.EntityID
			return nil
		}
		// Pending: running, or abandoned before its write committed.
		// Another process's claim is respected for the lease, unless
		// that process is known to have stopped (ownerGone: this
		// service's earlier life, restarted).
		mine := k.Owner == s.instance
		if mine && s.inflight(k.ClaimToken) || !mine && !ownerGone(k.Owner) && now.Sub(k.ClaimedAt) < IdempotencyLease {
			wait := time.Second
			if !mine {
				wait = max(time.Second, IdempotencyLease-now.Sub(k.ClaimedAt))
			}
			return &Error{Code: ECONFLICT, Message: "A request with this Idempotency-Key is still being processed; retry in a moment.", RetryAfter: wait}
		}
		res := tx.Model(&idempotencyKey{}).Where("scope = ? AND key_hash = ? AND claim_token = ?", scope, kh, k.ClaimToken).
			Updates(map[string]any{"owner": s.instance, "claim_token": claim.Token, "claimed_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			// Another replica took the abandoned claim over first.
			return &Error{Code: ECONFLICT, Message: "A request with this Idempotency-Key is still being processed; retry in a moment.", RetryAfter: time.Second}
		}
		claimed(claim)
		return nil
	})
	if err != nil {
		if out.Claim != nil {
			s.claims.Delete(out.Claim.Token) // its write did not commit
		}
		return nil, err
	}
	return &out, nil
}

func (s *Store) inflight(token string) bool {
	_, ok := s.claims.Load(token)
	return ok
}

// ReleaseClaim forgets that this process runs the claim: a request that
// ended without FinishIdempotent (a panic) may then be taken over at once.
func (s *Store) ReleaseClaim(c *IdempotencyClaim) { s.claims.Delete(c.Token) }

// FinishIdempotent stores the answer of a claimed key, or releases the key
// when resp is nil (the request failed on the server's side, so a retry must
// run again; a write that committed keeps its key). The body is encrypted
// under a key derived from the raw Idempotency-Key, which is stored only as
// a hash: the table alone reveals no answer (invitation tokens, client
// secrets).
func (s *Store) FinishIdempotent(ctx context.Context, c *IdempotencyClaim, resp *IdempotentResponse) error {
	defer s.ReleaseClaim(c)
	return s.write(ctx, func(tx *gorm.DB) error {
		q := tx.Model(&idempotencyKey{}).Where("scope = ? AND key_hash = ? AND claim_token = ? AND state IN ?", c.Scope, c.KeyHash, c.Token, []string{idemPending, idemCommitted})
		if resp == nil {
			return tx.Where("scope = ? AND key_hash = ? AND claim_token = ? AND state = ?", c.Scope, c.KeyHash, c.Token, idemPending).Delete(&idempotencyKey{}).Error
		}
		h, err := json.Marshal(resp.Headers)
		if err != nil {
			return err
		}
		var body []byte
		if !resp.ByReference {
			if body, err = sealBody(c.key, c.Scope, resp.Body); err != nil {
				return err
			}
		}
		return q.Updates(map[string]any{"state": idemDone, "status": resp.Status, "headers": string(h), "body": body}).Error
	})
}

// bodyCipher derives the AEAD that seals a stored answer from the raw key.
func bodyCipher(key, scope string) (cipher.AEAD, error) {
	k := sha256.Sum256([]byte("carnet idempotency answer\x00" + scope + "\x00" + key))
	block, err := aes.NewCipher(k[:])
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

func sealBody(key, scope string, body []byte) ([]byte, error) {
	aead, err := bodyCipher(key, scope)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return nil, err
	}
	return aead.Seal(nonce, nonce, body, nil), nil
}

func openBody(key, scope string, sealed []byte) ([]byte, error) {
	aead, err := bodyCipher(key, scope)
	if err != nil {
		return nil, err
	}
	if len(sealed) < aead.NonceSize() {
		return nil, Internal(errors.New("stored idempotent answer is truncated"))
	}
	b, err := aead.Open(nil, sealed[:aead.NonceSize()], sealed[aead.NonceSize():], nil)
	if err != nil {
		return nil, Internal(err)
	}
	if b == nil {
		b = []byte{}
	}
	return b, nil
}
