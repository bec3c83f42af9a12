package models

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// PartnerClient is a partner institution's information system, which
// exchanges its id and secret for short-lived tokens and writes the records
// of its own sources.
type PartnerClient struct {
	ID         string `gorm:"primaryKey"`
	Name       string
	SecretHash string
	Sources    StringList
	Scopes     StringList
	Disabled   bool
	// SecretGeneration counts the client's secrets, and its disablings:
	// its access tokens carry the generation they were issued under, so
	// rotating the secret ends the tokens of the old one, and disabling the
	// client ends them for good (enabling it again does not revive them, as
	// for a person's account, whose disabling ends its sessions).
	SecretGeneration int64
	CreatedBy        string
	CreatedAt        time.Time
	UpdatedAt        time.Time
	LastUsedAt       *time.Time
	// SharedSources are the sources it writes that another enabled
	// client writes too (registered so on purpose: ShareSources). Filled
	// on reads.
	SharedSources []string `gorm:"-"`
}

// NewPartnerClient describes a client to register.
type NewPartnerClient struct {
	Name    string
	Sources []string
	// Scopes are required: nil (absent, or null) is refused; an empty
	// list registers a client that only reads.
	Scopes []string
	// ShareSources says that a source another enabled client already
	// writes is granted on purpose (both are the same partner's):
	// without it, such a source is refused (checkClientRules).
	ShareSources bool
}

// PartnerClientUpdate changes a client; nil fields are kept.
type PartnerClientUpdate struct {
	Name     *string
	Sources  *[]string
	Scopes   *[]string
	Disabled *bool
	// ShareSources: as NewPartnerClient's.
	ShareSources bool
}

const clientSecretPrefix = "cs_"

// checkClient checks c's own fields; had is the sources it was granted
// before the change (none for a new client).
func checkClient(c *PartnerClient, had []string) error {
	var fe FieldErrors
	c.Name = strings.TrimSpace(c.Name)
	checkRequired(&fe, "name", c.Name, maxName)
	if len(c.Sources) == 0 {
		fe.Add("sources", "at least one source is required: a client writes only the records of its sources")
	}
	for i, src := range c.Sources {
		c.Sources[i] = strings.ToLower(strings.TrimSpace(src))
		if !validSlug(c.Sources[i]) {
			fe.Addf("sources["+strconv.Itoa(i)+"]", "%q is not a source name (a-z, 0-9, '.', '_', '-')", clip(src))
		} else if IsCarnetProducer(c.Sources[i]) && !slices.Contains(had, c.Sources[i]) {
			// No record may take it (checkSource); one granted before
			// the rule is kept through the client's other changes.
			fe.Add("sources["+strconv.Itoa(i)+"]", reservedSource)
		}
	}
	for i, sc := range c.Scopes {
		if !slices.Contains(AllScopes, sc) {
			fe.Addf("scopes["+strconv.Itoa(i)+"]", "%q is not a scope; scopes are %s", clip(sc), strings.Join(AllScopes, ", "))
		}
	}
	// Never nil: the trail records the lists as they are shown, [] when
	// empty.
	c.Sources = append([]string{}, slices.Compact(slices.Sorted(slices.Values(c.Sources)))...)
	c.Scopes = append([]string{}, slices.Compact(slices.Sorted(slices.Values(c.Scopes)))...)
	return fe.Err("The partner client is invalid.")
}

// CreatePartnerClient registers a client and returns its secret, shown once.
func (s *Store) CreatePartnerClient(ctx context.Context, in NewPartnerClient) (*PartnerClient, string, error) {
	secret, hash := newSecret(clientSecretPrefix)
	now := s.now()
	c := &PartnerClient{ID: NewID(), Name: in.Name, SecretHash: hash, Sources: slices.Clone(in.Sources), Scopes: slices.Clone(in.Scopes),
		SecretGeneration: 1, CreatedBy: PrincipalFrom(ctx).Scope(), CreatedAt: now, UpdatedAt: now}
	if err := checkClient(c, nil); err != nil || in.Scopes == nil {
		var fe FieldErrors
		var e *Error
		if errors.As(err, &e) {
			fe = e.Fields
		} else if err != nil {
			return nil, "", err
		}
		if in.Scopes == nil {
			// A client's rights are what it is granted: a registration
			// that forgot them must not pass for one that grants none.
			fe.Add("scopes", "is required: the scopes granted ("+strings.Join(AllScopes, ", ")+"), [] for a client that only reads")
		}
		return nil, "", fe.Err("The partner client is invalid.")
	}
	err := s.write(ctx, func(tx *gorm.DB) error {
		if err := checkClientRules(tx, c, nil, in.Sources, in.ShareSources); err != nil {
			return err
		}
		if err := tx.Create(c).Error; err != nil {
			return err
		}
		if err := bindIdempotency(tx, SubjectClient, c.ID); err != nil {
			return err
		}
		return s.trail(tx, TrailEvent{Action: TrailClientCreated, SubjectKind: SubjectClient, SubjectID: c.ID, SubjectLabel: c.Name},
			map[string]any{"sources": c.Sources, "scopes": c.Scopes, "shared_sources": c.SharedSources})
	})
	if err != nil {
		return nil, "", err
	}
	return c, secret, nil
}

// GetPartnerClient returns the client with id.
func (s *Store) GetPartnerClient(ctx context.Context, id string) (*PartnerClient, error) {
	c, err := getClient(s.read(ctx), id)
	if err != nil {
		return nil, err
	}
	return c, s.fillSharedSources(ctx, []*PartnerClient{c})
}

// fillSharedSources sets the SharedSources of list's clients.
func (s *Store) fillSharedSources(ctx context.Context, list []*PartnerClient) error {
	var all []PartnerClient
	if err := s.read(ctx).Find(&all).Error; err != nil {
		return dbError(err)
	}
	for _, c := range list {
		setSharedSources(c, all)
	}
	return nil
}

func getClient(db *gorm.DB, id string) (*PartnerClient, error) {
	if !ValidID(id) {
		return nil, Errorf(ENOTFOUND, "No partner client has the id %q.", clip(id))
	}
	var c PartnerClient
	err := db.Take(&c, "id = ?", id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, Errorf(ENOTFOUND, "No partner client has the id %q.", id)
	}
	return &c, dbError(err)
}

// ListPartnerClients pages through clients.
func (s *Store) ListPartnerClients(ctx context.Context, p ListParams) (Page[PartnerClient], error) {
	page, err := listPage(s, ctx, "partner_clients", p, func(q *gorm.DB) *gorm.DB { return q }, nil,
		func(c *PartnerClient) (string, string, time.Time) { return c.ID, c.Name, c.UpdatedAt })
	if err != nil {
		return page, err
	}
	list := make([]*PartnerClient, len(page.Items))
	for i := range page.Items {
		list[i] = &page.Items[i]
	}
	return page, s.fillSharedSources(ctx, list)
}

// UpdatePartnerClient changes a client. A disabled client's tokens stop
// working on their next request, because every request reloads the client;
// disabling also moves its generation on, so that enabling it again does not
// revive the tokens it held (stolen ones among them, often the reason for
// disabling).
func (s *Store) UpdatePartnerClient(ctx context.Context, id string, in PartnerClientUpdate) (*PartnerClient, error) {
	var out *PartnerClient
	err := s.write(ctx, func(tx *gorm.DB) error {
		// Locked: the generation written below must not undo a secret
		// rotation committed meanwhile.
		c, err := getClient(forUpdate(tx), id)
		if err != nil {
			return err
		}
		before := *c
		if in.Name != nil {
			c.Name = *in.Name
		}
		if in.Sources != nil {
			c.Sources = slices.Clone(*in.Sources)
		}
		if in.Scopes != nil {
			c.Scopes = slices.Clone(*in.Scopes)
		}
		if in.Disabled != nil {
			c.Disabled = *in.Disabled
		}
		if c.Disabled && !before.Disabled {
			c.SecretGeneration++
		}
		if err := checkClient(c, before.Sources); err != nil {
			return err
		}
		var requested []string
		if in.Sources != nil {
			requested = *in.Sources
		}
		if err := checkClientRules(tx, c, &before, requested, in.ShareSources); err != nil {
			return err
		}
		c.UpdatedAt = s.now()
		out = c
		if err := tx.Model(c).Select("name", "sources", "scopes", "disabled", "secret_generation", "updated_at").Updates(c).Error; err != nil {
			return err
		}
		d := changedValues(map[string][2]any{"name": {before.Name, c.Name}, "sources": {before.Sources, c.Sources},
			"scopes": {before.Scopes, c.Scopes}, "disabled": {before.Disabled, c.Disabled}})
		if len(d) == 0 {
			return nil
		}
		return s.trail(tx, TrailEvent{Action: TrailClientUpdated, SubjectKind: SubjectClient, SubjectID: c.ID, SubjectLabel: c.Name}, d)
	})
	return out, err
}

// changedValues keeps the pairs whose old and new values differ, as
// {"field": {"old", "new"}} for the trail.
func changedValues(pairs map[string][2]any) map[string]any {
	out := map[string]any{}
	for k, v := range pairs {
		if !equalJSON(v[0], v[1]) {
			out[k] = map[string]any{"old": v[0], "new": v[1]}
		}
	}
	return out
}

// RotateClientSecret replaces a client's secret; the old one stops working
// at once, and so do the access tokens issued with it (their generation is
// checked on every request).
func (s *Store) RotateClientSecret(ctx context.Context, id string) (string, error) {
	secret, hash := newSecret(clientSecretPrefix)
	err := s.write(ctx, func(tx *gorm.DB) error {
		c, err := getClient(tx, id)
		if err != nil {
			return err
		}
		err = tx.Model(&PartnerClient{}).Where("id = ?", id).
			Updates(map[string]any{"secret_hash": hash, "secret_generation": gorm.Expr("secret_generation + 1"), "updated_at": s.now()}).Error
		if err != nil {
			return err
		}
		return s.trail(tx, TrailEvent{Action: TrailClientSecretRotated, SubjectKind: SubjectClient, SubjectID: c.ID, SubjectLabel: c.Name}, nil)
	})
	return secret, err
}

var errBadClient = Errorf(EUNAUTHORIZED, "The client id or secret is incorrect, or the client is disabled.")

// AuthenticateClient checks a client's credentials.
func (s *Store) AuthenticateClient(ctx context.Context, id, secret string) (*PartnerClient, error) {
	c, err := getClient(s.read(ctx), id)
	if ErrorCode(err) == ENOTFOUND {
		return nil, errBadClient
	}
	if err != nil {
		return nil, err
	}
	if !sameHash(c.SecretHash, hashSecret(secret)) || c.Disabled {
		return nil, errBadClient
	}
	now := s.now()
	if err := s.write(ctx, func(tx *gorm.DB) error {
		return tx.Model(&PartnerClient{}).Where("id = ?", id).Update("last_used_at", now).Error
	}); err != nil {
		return nil, err
	}
	c.LastUsedAt = &now
	return c, nil
}

// LoadClientPrincipal rebuilds a partner client's rights; a disabled or
// deleted client yields EUNAUTHORIZED. generation is the secret generation
// the token was issued under (0 when issuing one): a token of a rotated
// secret is refused.
func (s *Store) LoadClientPrincipal(ctx context.Context, id string, generation int64) (*Principal, error) {
	c, err := getClient(s.read(ctx), id)
	if ErrorCode(err) == ENOTFOUND || err == nil && c.Disabled {
		return nil, Errorf(EUNAUTHORIZED, "The partner client of this token is disabled or no longer exists.")
	}
	if err != nil {
		return nil, err
	}
	if generation != 0 && generation != c.SecretGeneration {
		return nil, Errorf(EUNAUTHORIZED, "This token was issued with a client secret that has been rotated, or before the client was disabled; get a new token.")
	}
	return &Principal{ClientID: c.ID, ClientName: c.Name, Sources: c.Sources, Scopes: c.Scopes, SessionGeneration: c.SecretGeneration}, nil
}
