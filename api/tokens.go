package api

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"carnet/models"
)

// TokenConfig configures access tokens.
type TokenConfig struct {
	// Secret is the HMAC key that signs new tokens; at least 32 bytes.
	Secret []byte
	// PreviousSecrets are keys that signed tokens before a rotation. They
	// still verify until removed: keep a previous key for one token
	// lifetime after rotating, so that no session is cut.
	PreviousSecrets [][]byte
	Issuer          string
	Audience        string
	TTL             time.Duration
	// Now replaces the clock in tests.
	Now func() time.Time
}

// claims are the access token's contents. Roles are informative: the server
// reloads the account's current rights on every request.
type claims struct {
	jwt.RegisteredClaims
	// Kind says whether the subject is a person's account or a partner client.
	Kind    string      `json:"kind"`
	Admin   bool        `json:"adm,omitempty"`
	Roles   []roleClaim `json:"roles,omitempty"`
	Sources []string    `json:"sources,omitempty"`
	Scopes  []string    `json:"scope,omitempty"`
	// Session is a person's login session, checked on every request so
	// that logging out or changing a password ends the token at once.
	Session string `json:"sid,omitempty"`
	// Generation is a partner client's secret generation: rotating the
	// secret ends the tokens issued with the old one.
	Generation int64 `json:"gen,omitempty"`
}

// Identity is what a verified access token says about its bearer.
type Identity struct {
	Kind       string // KindUser or KindClient
	Subject    string // the account's or the client's id
	Session    string // a person's session
	Generation int64  // a client's secret generation
	// Scopes are a client's token's: those it was issued with, possibly
	// narrowed (POST /auth/token's scope), which bound the client's
	// current ones on every request.
	Scopes []string
}

// Token subject kinds.
const (
	KindUser   = "user"
	KindClient = "client"
)

type roleClaim struct {
	ActorID string `json:"actor_id"`
	Role    string `json:"role"`
}

// Tokens signs and verifies access tokens (HS256 JWTs).
type Tokens struct {
	cfg    TokenConfig
	kid    string
	keys   map[string][]byte // by key id: the current key and previous ones
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
	t := &Tokens{cfg: cfg, kid: keyID(cfg.Secret), keys: map[string][]byte{keyID(cfg.Secret): cfg.Secret}}
	for _, k := range cfg.PreviousSecrets {
		if len(k) < MinSecretLen {
			return nil, fmt.Errorf("a previous token secret must be at least %d bytes", MinSecretLen)
		}
		t.keys[keyID(k)] = k
	}
	// Pin everything a forged token could play with: the algorithm (no
	// "none", no RS/HS confusion), the issuer, the audience, and require an
	// expiry. A small leeway absorbs clock skew between servers.
	t.parser = jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(cfg.Issuer),
		jwt.WithAudience(cfg.Audience),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(tokenLeeway),
		jwt.WithTimeFunc(cfg.Now),
	)
	return t, nil
}

// strictToken refuses what the JWT library reads leniently (probe42, L3):
// a "crit" header, whose extensions this service understands none of
// (RFC 7515 §4.1.11: it must then be refused; an empty list is invalid
// too), and a time claim that is not a JSON number (RFC 7519 §2: a
// NumericDate is a number; the library also reads "1765…" as one).
func strictToken(tok *jwt.Token) error {
	if _, ok := tok.Header["crit"]; ok {
		return errors.New("the token lists critical header extensions")
	}
	parts := strings.Split(tok.Raw, ".")
	if len(parts) != 3 {
		return errors.New("malformed token")
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return err
	}
	var times struct {
		Exp, Iat, Nbf json.RawMessage
	}
	if err := json.Unmarshal(payload, &times); err != nil {
		return err
	}
	for _, v := range []json.RawMessage{times.Exp, times.Iat, times.Nbf} {
		if len(v) > 0 && (v[0] < '0' || v[0] > '9') && v[0] != '-' {
			return errors.New("a time claim is not a number")
		}
	}
	return nil
}

// tokenLeeway absorbs clock skew between servers.
const tokenLeeway = 30 * time.Second

func keyID(k []byte) string {
	sum := sha256.Sum256(k)
	return hex.EncodeToString(sum[:6])
}

// Issue returns a signed access token for p, a person or a partner client.
func (t *Tokens) Issue(p *models.Principal) (string, time.Time, error) {
	now := t.cfg.Now()
	exp := now.Add(t.cfg.TTL)
	sub, kind := p.UserID, KindUser
	if p.IsPartner() {
		sub, kind = p.ClientID, KindClient
	}
	c := claims{
		Kind:    kind,
		Sources: p.Sources,
		Scopes:  p.Scopes,
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    t.cfg.Issuer,
			Subject:   sub,
			Audience:  jwt.ClaimStrings{t.cfg.Audience},
			IssuedAt:  jwt.NewNumericDate(now),
			NotBefore: jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(exp),
			ID:        models.NewID(),
		},
		Admin:      p.PlatformAdmin,
		Session:    p.SessionID,
		Generation: p.SessionGeneration,
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

// Verify checks a token and returns who it names. A person's token must
// name its session, a client's its secret generation: both are checked
// against the database on every request.
func (t *Tokens) Verify(raw string) (Identity, error) {
	var c claims
	_, err := t.parser.ParseWithClaims(raw, &c, func(tok *jwt.Token) (any, error) {
		if err := strictToken(tok); err != nil {
			return nil, err
		}
		kid, _ := tok.Header["kid"].(string)
		key, ok := t.keys[kid]
		if !ok {
			return nil, errors.New("unknown key id")
		}
		return key, nil
	})
	if err != nil {
		msg := "The bearer token is invalid."
		if errors.Is(err, jwt.ErrTokenExpired) {
			msg = "The bearer token has expired; log in again."
		}
		return Identity{}, &models.Error{Code: models.EUNAUTHORIZED, Message: msg, Err: err}
	}
	// A token lives no longer than this service issues them for (the TTL,
	// with the leeway): one signed with a far expiry by whoever got hold of
	// a key would be good for as long as its session (probe33). Without
	// iat its lifetime is unknown.
	if c.IssuedAt == nil || c.ExpiresAt.Sub(c.IssuedAt.Time) > t.cfg.TTL+tokenLeeway {
		return Identity{}, models.Errorf(models.EUNAUTHORIZED, "The bearer token is invalid: it lives longer than this service's tokens do.")
	}
	if c.Subject == "" || c.Kind != KindUser && c.Kind != KindClient {
		return Identity{}, models.Errorf(models.EUNAUTHORIZED, "The bearer token names no account.")
	}
	if c.Kind == KindUser && c.Session == "" || c.Kind == KindClient && c.Generation < 1 {
		return Identity{}, models.Errorf(models.EUNAUTHORIZED, "The bearer token names no session; log in again.")
	}
	return Identity{Kind: c.Kind, Subject: c.Subject, Session: c.Session, Generation: c.Generation, Scopes: c.Scopes}, nil
}
