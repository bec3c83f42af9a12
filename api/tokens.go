package api

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"carnet/models"
)

// TokenConfig configures access tokens.
type TokenConfig struct {
	// Secret is the HMAC key; at least 32 bytes.
	Secret   []byte
	Issuer   string
	Audience string
	TTL      time.Duration
	// Now replaces the clock in tests.
	Now func() time.Time
}

// claims are the access token's contents. Roles are informative: the server
// reloads the account's current rights on every request.
type claims struct {
	jwt.RegisteredClaims
	Admin bool        `json:"adm,omitempty"`
	Roles []roleClaim `json:"roles,omitempty"`
}

type roleClaim struct {
	ActorID string `json:"actor_id"`
	Role    string `json:"role"`
}

// Tokens signs and verifies access tokens (HS256 JWTs).
type Tokens struct {
	cfg    TokenConfig
	kid    string
	parser *jwt.Parser
}

// MinSecretLen is the shortest accepted HMAC secret: HS256 keys shorter than
// the hash output weaken it.
const MinSecretLen = 32

// NewTokens checks cfg and returns a Tokens.
func NewTokens(cfg TokenConfig) (*Tokens, error) {
	if len(cfg.Secret) < MinSecretLen {
		return nil, fmt.Errorf("the token signing secret must be at least %d bytes", MinSecretLen)
	}
	if cfg.Issuer == "" || cfg.Audience == "" {
		return nil, errors.New("the token issuer and audience must be set")
	}
	if cfg.TTL <= 0 {
		cfg.TTL = 15 * time.Minute
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	// The key id is derived from the key, so that a rotated key gets a new
	// id without configuration, and verification can pick the right key.
	sum := sha256.Sum256(cfg.Secret)
	t := &Tokens{cfg: cfg, kid: hex.EncodeToString(sum[:6])}
	// Pin everything a forged token could play with: the algorithm (no
	// "none", no RS/HS confusion), the issuer, the audience, and require an
	// expiry. A small leeway absorbs clock skew between servers.
	t.parser = jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(cfg.Issuer),
		jwt.WithAudience(cfg.Audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(30*time.Second),
		jwt.WithTimeFunc(cfg.Now),
	)
	return t, nil
}

// Issue returns a signed access token for p.
func (t *Tokens) Issue(p *models.Principal) (string, time.Time, error) {
	now := t.cfg.Now()
	exp := now.Add(t.cfg.TTL)
	c := claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    t.cfg.Issuer,
			Subject:   p.UserID,
			Audience:  jwt.ClaimStrings{t.cfg.Audience},
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(exp),
			ID:        models.NewID(),
		},
		Admin: p.PlatformAdmin,
	}
	for _, m := range p.Memberships {
		c.Roles = append(c.Roles, roleClaim{ActorID: m.ActorID, Role: string(m.Role)})
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodHS256, c)
	tok.Header["kid"] = t.kid
	s, err := tok.SignedString(t.cfg.Secret)
	if err != nil {
		return "", time.Time{}, models.Internal(err)
	}
	return s, exp, nil
}

// Verify checks a token and returns its subject (the account id).
func (t *Tokens) Verify(raw string) (string, error) {
	var c claims
	_, err := t.parser.ParseWithClaims(raw, &c, func(tok *jwt.Token) (any, error) {
		if kid, ok := tok.Header["kid"].(string); ok && kid != t.kid {
			return nil, errors.New("unknown key id")
		}
		return t.cfg.Secret, nil
	})
	if err != nil {
		msg := "The bearer token is invalid."
		if errors.Is(err, jwt.ErrTokenExpired) {
			msg = "The bearer token has expired; log in again."
		}
		return "", &models.Error{Code: models.EUNAUTHORIZED, Message: msg, Err: err}
	}
	if c.Subject == "" {
		return "", models.Errorf(models.EUNAUTHORIZED, "The bearer token names no account.")
	}
	return c.Subject, nil
}
