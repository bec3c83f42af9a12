package models

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"time"

	"carnet/models/commune"
)

// Role is what a principal may do for one structure (actor).
type Role string

const (
	RoleManager Role = "manager" // edits its actor (and child actors) and its members
	RoleMember  Role = "member"  // an aidant: reads, and orients people on its structure's behalf
)

// Membership grants a role on one actor.
type Membership struct {
	ActorID string
	Role    Role
	// Since is when the membership began: a member who joined after a
	// referral was sent leaves a trace when reading it.
	Since time.Time
}

// Territory is where a coordinator may act: départements and/or INSEE
// commune codes.
type Territory struct {
	Departements []string `json:"departements"`
	Communes     []string `json:"communes"`
}

// MarshalJSON writes a territory as the API shows one (snake_case, [] for
// an empty list): the security trail records it in its details, which
// clients read with the API's other fields.
func (t Territory) MarshalJSON() ([]byte, error) {
	type plain Territory
	return json.Marshal(plain{Departements: nonNil(t.Departements), Communes: nonNil(t.Communes)})
}

func nonNil(l []string) []string {
	if l == nil {
		return []string{}
	}
	return l
}

// CommuneCodes lists the INSEE codes a territory's communes cover, for SQL
// filters: each commune's own, and a city's arrondissements (places of
// Marseille are filed under 13201…13216).
func (t Territory) CommuneCodes() []string {
	out := slices.Clone(t.Communes)
	for _, c := range t.Communes {
		for _, a := range commune.Arrondissements(c) {
			out = append(out, a.Code)
		}
	}
	return out
}

// IsZero reports whether the territory covers nothing.
func (t Territory) IsZero() bool { return len(t.Departements) == 0 && len(t.Communes) == 0 }

// Covers reports whether a place with this département and INSEE code lies
// in the territory.
// A commune covers its arrondissements (a coordinator of Marseille, 13055,
// covers a place resolved to Marseille 2e, 13202), and the INSEE code of a
// place is the resolved commune's (see RefOf), so imported places whose file
// carried no code are covered too.
func (t Territory) Covers(departement, insee string) bool {
	if departement != "" && slices.Contains(t.Departements, departement) {
		return true
	}
	if insee == "" {
		return false
	}
	if slices.Contains(t.Communes, insee) {
		return true
	}
	c := commune.ByCode(insee)
	return c != nil && c.City != "" && slices.Contains(t.Communes, c.City)
}

// Principal is the authenticated caller, rebuilt from the database on every
// request (not trusted from the token alone), so that a removed membership or
// a disabled account loses access on its very next request.
type Principal struct {
	UserID string
	// Email is the login e-mail: private to the person, their own
	// structures' managers and administrators; never a label (PublicLabel).
	Email string
	// DisplayName and ProfessionalEmail are what the person shows others
	// (their card), as they were when the request began.
	DisplayName       string
	ProfessionalEmail string
	PlatformAdmin     bool
	Memberships       []Membership
	// Coordinates is the territory of a territorial coordinator; zero for
	// everyone else.
	Coordinates Territory
	// CredentialsDisclosedAt is when the account's password was set with a
	// token shown to someone else (a reset, or the invitation that created
	// the account, delivered by hand), CredentialsDisclosedBy (the issuer's
	// account id): whoever uses the account since may be that issuer, so
	// its reads of referrals sent before then leave a trace, and so do its
	// reads of later ones the issuer could not read untraced themself
	// (ReadTrace).
	CredentialsDisclosedAt *time.Time
	CredentialsDisclosedBy string
	// DisclosedTo is the issuer's rights as they are now; nil when their
	// account is gone or disabled (they still know the password).
	DisclosedTo *Principal

	// A partner client (machine-to-machine) has a ClientID instead of a
	// UserID, and may write only records of its own Sources.
	ClientID   string
	ClientName string
	Sources    []string
	Scopes     []string

	// SessionID is a person's login session, which their access tokens
	// name; SessionGeneration is the partner client's secret generation,
	// which its tokens carry. Both are checked on every request.
	SessionID         string
	SessionGeneration int64
}

// Scopes an administrator grants to partner clients.
const (
	// ScopeDirectoryWrite lets a client create and change its source's
	// actors and services through the REST API.
	ScopeDirectoryWrite = "directory:write"
	// ScopeSyncWrite lets a client push bulk batches and imports.
	ScopeSyncWrite = "sync:write"
	// ScopeWebhooksManage lets a client register and manage webhook
	// subscriptions of its own (see webhook.go).
	ScopeWebhooksManage = "webhooks:manage"
)

// AllScopes lists the scopes in the order they are documented.
var AllScopes = []string{ScopeDirectoryWrite, ScopeSyncWrite, ScopeWebhooksManage}

// HasScope reports whether a partner client holds scope. Accounts of people
// have no scopes: their rights come from their roles.
func (p *Principal) HasScope(scope string) bool {
	return p.IsPartner() && slices.Contains(p.Scopes, scope)
}

// ActorRef is what the authorization policies need to know about an actor.
// Policies are pure functions of a Principal and an ActorRef, so they are
// table-tested without HTTP or a database.
type ActorRef struct {
	ID          string
	Source      string
	Departement string
	InseeCode   string
	// Lineage is the actor's id followed by its ancestors' (its network,
	// the network's network…): a network's manager manages its members.
	Lineage []string
}

// Scope names the caller for per-caller state such as idempotency keys.
func (p *Principal) Scope() string {
	switch {
	case p == nil:
		return ""
	case p.ClientID != "":
		return "client:" + p.ClientID
	case p.UserID != "":
		return "user:" + p.UserID
	}
	return ""
}

// IsAnonymous reports whether nobody is authenticated.
func (p *Principal) IsAnonymous() bool { return p == nil || p.UserID == "" && p.ClientID == "" }

// IsPartner reports whether p is a partner client.
func (p *Principal) IsPartner() bool { return p != nil && p.ClientID != "" }

// IsAdmin reports whether p is a platform administrator.
func (p *Principal) IsAdmin() bool { return p != nil && p.UserID != "" && p.PlatformAdmin }

// IsCoordinator reports whether p coordinates a territory.
func (p *Principal) IsCoordinator() bool {
	return p != nil && p.UserID != "" && !p.Coordinates.IsZero()
}

// RoleOn returns p's strongest role on the actor or one of its ancestors: a
// network's manager manages its member structures; membership does not
// inherit (a network's aidant is not a member of every library).
func (p *Principal) RoleOn(ref ActorRef) Role {
	if p == nil || p.UserID == "" {
		return ""
	}
	var role Role
	for _, m := range p.Memberships {
		switch {
		case m.ActorID == ref.ID:
			if m.Role == RoleManager {
				return RoleManager
			}
			role = m.Role
		case m.Role == RoleManager && slices.Contains(ref.Lineage, m.ActorID):
			return RoleManager
		}
	}
	return role
}

// ManagesActor reports whether p manages the actor (directly or through its
// network).
func (p *Principal) ManagesActor(ref ActorRef) bool { return p.RoleOn(ref) == RoleManager }

// ManagesItself reports whether p is a manager of the actor itself (not
// through its network).
func (p *Principal) ManagesItself(actorID string) bool {
	if p == nil {
		return false
	}
	for _, m := range p.Memberships {
		if m.ActorID == actorID && m.Role == RoleManager {
			return true
		}
	}
	return false
}

// BelongsTo reports whether p is a member or manager of the actor itself.
func (p *Principal) BelongsTo(actorID string) bool {
	if p == nil {
		return false
	}
	for _, m := range p.Memberships {
		if m.ActorID == actorID {
			return true
		}
	}
	return false
}

// CoordinatesActor reports whether the actor lies in p's territory.
func (p *Principal) CoordinatesActor(ref ActorRef) bool {
	return p.IsCoordinator() && p.Coordinates.Covers(ref.Departement, ref.InseeCode)
}

// CanEditActor reports whether p may change or archive the actor and
// create, change or archive its services: administrators; coordinators of
// the actor's territory; managers of the actor or of its network; partner
// clients holding the directory:write scope for records of their own source.
func (p *Principal) CanEditActor(ref ActorRef) bool {
	switch {
	case p.IsAnonymous():
		return false
	case p.IsAdmin():
		return true
	case p.IsPartner():
		return p.HasScope(ScopeDirectoryWrite) && p.CanWriteSource(ref.Source)
	}
	return p.CoordinatesActor(ref) || p.ManagesActor(ref)
}

// CanCreateActor reports whether p may add this new actor: administrators;
// coordinators inside their territory; managers of the network it joins;
// partner clients for their own source. ref describes the actor to create.
func (p *Principal) CanCreateActor(ref ActorRef) bool { return p.CanEditActor(ref) }

// ActorChange describes a write of an actor for AuthorizeActorChange.
type ActorChange struct {
	// Before is the stored actor; nil when creating.
	Before *ActorRef
	// After is the actor as the write leaves it, with the lineage of its
	// (new) network.
	After ActorRef
	// Parent is the network the actor joins, when parent_id is set on
	// creation or changed.
	Parent *ActorRef
	// SourceChanged says source or source_id is set on creation or changed.
	SourceChanged bool
	// ProvenanceChanged names the first of producer and producer_updated_on
	// the write changes on a record a partner syncs ("" when neither).
	ProvenanceChanged string
	// Sync says the write comes through a partner's bulk sync or an import.
	Sync bool
	// ParentChanged says the write joins, moves or leaves a network
	// (parent_id set on creation, or changed, or cleared).
	ParentChanged bool
	// HasTeam says the stored actor has members: what it decides of itself
	// (its network, publishing its contacts) is then its own.
	HasTeam bool
	// ContactsPublished says the write sets contact_public on an actor
	// with a team that had hidden its phones and e-mails.
	ContactsPublished bool
}

// forbidden refuses a change, naming the field that made it forbidden
// ("" when the record as a whole is out of reach), so that a sync report
// says which field to fix.
func forbidden(field, msg string) error {
	e := &Error{Code: EFORBIDDEN, Message: msg}
	if field != "" {
		e.Fields = []FieldError{{Field: field, Reason: msg}}
	}
	return e
}

// AuthorizeActorChange is the one decision on a write of an actor, whatever
// the path: a direct create, PUT or PATCH, an accepted suggestion (the
// moderator must be allowed to make the change directly), a sync batch, an
// import, a restore. The Store applies it inside the write's transaction, on
// the state as it will be stored:
//   - administrators may make any change;
//   - partner clients (with directory:write, or sync:write through sync)
//     write only records of their own sources, before and after, and attach
//     actors only to networks of their sources;
//   - people never write a partner's source: source and source_id are set by
//     the partner's sync or an administrator, and stay as they are; so do
//     the producer and its date on a partner's record (its provenance: the
//     exports' source and date_maj), which people set only on records no
//     partner syncs;
//   - coordinators and managers must be allowed to edit the actor as it was,
//     as it will be (its territory, its network) and the network it joins;
//   - the structure's own decisions need its managers (its own or its
//     network's; see ownDecisions): joining, moving or leaving a network,
//     and publishing the contacts of a structure with a team. A
//     coordinator's right to edit the places of a territory grants no
//     network (whose managers would then manage the place's team and could
//     invite themselves in to read its referrals), and partners decide
//     neither for a structure with a team.
func (p *Principal) AuthorizeActorChange(ch ActorChange) error {
	if done, err := p.changeGate(ch.Sync, ch.SourceChanged); done || err != nil {
		return err
	}
	if p.IsPartner() {
		if ch.Before != nil && !p.CanWriteSource(ch.Before.Source) || !p.CanWriteSource(ch.After.Source) {
			return forbidden("source", "A partner client writes only records whose source is one of its own ("+strings.Join(p.Sources, ", ")+").")
		}
		if ch.Parent != nil && !p.CanWriteSource(ch.Parent.Source) {
			return forbidden("parent_id", "A partner client attaches actors only to networks of its own sources.")
		}
		return p.ownDecisions(ch)
	}
	if ch.ProvenanceChanged != "" {
		return forbidden(ch.ProvenanceChanged, "People's accounts do not change the provenance of a partner's record: producer and producer_updated_on are set by the partner's sync or an administrator, and are kept as they are on other changes.")
	}
	if ch.Before != nil && !p.editsDirectly(*ch.Before) {
		return forbidden("", "Your account may not change this actor.")
	}
	if ch.Parent != nil && !p.editsDirectly(*ch.Parent) {
		return forbidden("parent_id", "Your account may not attach actors to the network "+ch.Parent.ID+".")
	}
	if !p.editsDirectly(ch.After) {
		return forbidden("address", "This change would put the actor outside what your account may edit (its territory or its network).")
	}
	return p.ownDecisions(ch)
}

// ownDecisions applies, after the right to edit, the rule for what only a
// structure decides of itself: its network and, once it has a team,
// whether its phones and e-mails are public. Joining, moving or leaving a
// network needs the right to manage the structure as a manager (its own,
// or its current network's) and, to join one, the right to manage that
// network too: both sides consent, since the network's managers will
// manage the structure's team. A new actor has no side of its own: its
// creator must manage the network it joins. Partners, whose records a
// team may have joined, change neither for a structure with a team (a
// record that omits the field keeps it).
func (p *Principal) ownDecisions(ch ActorChange) error {
	if p.IsPartner() {
		switch {
		case ch.ParentChanged && ch.HasTeam:
			return forbidden("parent_id", "A structure with a team decides its network: its managers join or leave one (omit parent_id to keep it).")
		case ch.ContactsPublished:
			return forbidden("contact_public", "A structure with a team decides whether its phones and e-mails are public: its managers publish them (omit contact_public to keep its choice).")
		}
		return nil
	}
	if ch.ParentChanged {
		if ch.Before != nil && !p.ManagesActor(*ch.Before) {
			return forbidden("parent_id", "Joining or leaving a network is the structure's decision: only its managers (or its network's) and administrators change parent_id.")
		}
		if ch.Parent != nil && !p.ManagesActor(*ch.Parent) {
			return forbidden("parent_id", "A structure joins the network "+ch.Parent.ID+" only with the consent of its managers: only they (and administrators) attach actors to it.")
		}
	}
	if ch.ContactsPublished && !p.ManagesActor(*ch.Before) {
		return forbidden("contact_public", "Publishing a structure's phones and e-mails is its own decision: only its managers (or its network's) and administrators set contact_public.")
	}
	return nil
}

// ServiceChange describes a write of a service for AuthorizeServiceChange.
// A service never changes actor.
type ServiceChange struct {
	Actor ActorRef
	// BeforeSource is the stored service's source; Before says there is one.
	Before        bool
	BeforeSource  string
	Source        string
	SourceChanged bool
	Sync          bool
	// OpensReferrals says the write turns accepts_referrals on for a
	// structure with a team that had it off.
	OpensReferrals bool
}

// AuthorizeServiceChange is AuthorizeActorChange for services: the caller
// must be allowed to edit the service's actor, partners write their own
// sources only, people never set or change a source. Reopening a service
// to referrals, when its structure has a team, is the structure's own
// commitment (people's personal data will reach its members): its
// managers (or its network's) and administrators make it, not a
// coordinator nor a partner.
func (p *Principal) AuthorizeServiceChange(ch ServiceChange) error {
	if done, err := p.changeGate(ch.Sync, ch.SourceChanged); done || err != nil {
		return err
	}
	if p.IsPartner() {
		if !p.CanWriteSource(ch.Actor.Source) || ch.Before && !p.CanWriteSource(ch.BeforeSource) || !p.CanWriteSource(ch.Source) {
			return forbidden("source", "A partner client writes only services whose source, and whose actor's source, is one of its own ("+strings.Join(p.Sources, ", ")+").")
		}
	} else if !p.editsDirectly(ch.Actor) {
		return forbidden("", "Your account may not change services of this actor.")
	}
	if ch.OpensReferrals && !p.ManagesActor(ch.Actor) {
		return forbidden("accepts_referrals", "Receiving referrals (people's personal data) is the structure's own commitment: only its managers (or its network's) and administrators open a service to them (omit accepts_referrals to keep its choice).")
	}
	return nil
}

// changeGate applies the rules shared by writes of actors and services:
// administrators pass, anonymous callers do not, partner clients need the
// scope of the channel (then their sources are checked), people never sync
// nor write a source. done says the decision is made.
func (p *Principal) changeGate(sync, sourceChanged bool) (done bool, err error) {
	switch {
	case p.IsAdmin():
		return true, nil
	case p.IsAnonymous():
		return true, forbidden("", "This change needs an account.")
	case p.IsPartner():
		scope := ScopeDirectoryWrite
		if sync {
			scope = ScopeSyncWrite
		}
		if !p.HasScope(scope) {
			return true, forbidden("", "This partner client lacks the "+scope+" scope.")
		}
		return false, nil
	case sync:
		return true, forbidden("", "Bulk sync and imports are for administrators and partner clients.")
	case sourceChanged:
		return true, forbidden("source", "People's accounts do not write partners' sources: source and source_id are set by a partner's sync or an administrator, and are kept as they are on other changes.")
	}
	return false, nil
}

// editsDirectly: a coordinator of the actor's territory or a manager of it
// or of its network.
func (p *Principal) editsDirectly(ref ActorRef) bool {
	return p.CoordinatesActor(ref) || p.ManagesActor(ref)
}

// CanWriteSource reports whether p may create or change records whose source
// is source: administrators any, partner clients only their own.
func (p *Principal) CanWriteSource(source string) bool {
	switch {
	case p.IsAnonymous():
		return false
	case p.IsAdmin():
		return true
	case p.IsPartner():
		return source != "" && slices.Contains(p.Sources, source)
	}
	return false
}

// CanSync reports whether p may push bulk batches and imports for source:
// administrators any source; partner clients holding the sync:write scope
// their own sources.
func (p *Principal) CanSync(source string) bool {
	if p.IsPartner() && !p.HasScope(ScopeSyncWrite) {
		return false
	}
	return p.CanWriteSource(source)
}

// CanModerate reports whether p may accept or reject suggestions about the
// actor (and confirm or dismiss duplicate links): its managers, the
// coordinators of its territory, administrators.
func (p *Principal) CanModerate(ref ActorRef) bool {
	if p.IsAnonymous() || p.IsPartner() {
		return false
	}
	return p.IsAdmin() || p.CoordinatesActor(ref) || p.ManagesActor(ref)
}

// CanDecideDuplicate reports whether p may move a duplicate link between
// actors a and b from status current to next. Confirming hides the newer
// actor, so it needs the right to moderate both; dismissing a suggested
// link shows both again and needs the right on either (a manager clears a
// false link on its own structure); dismissing a confirmed link undoes a
// decision that needed both, and so needs both.
func (p *Principal) CanDecideDuplicate(a, b ActorRef, current, next string) bool {
	ma, mb := p.CanModerate(a), p.CanModerate(b)
	if next == DuplicateDismissed && current != DuplicateConfirmed {
		return ma || mb
	}
	return ma && mb
}

// CanManageMembers reports whether p may list, add, change and remove the
// actor's members: its managers and administrators. Coordinators edit the
// directory, not structures' teams.
func (p *Principal) CanManageMembers(ref ActorRef) bool {
	if p.IsAnonymous() || p.IsPartner() {
		return false
	}
	return p.IsAdmin() || p.ManagesActor(ref)
}

// Grant is what an invitation gives: a role on a structure, a territory to
// coordinate, platform administration.
type Grant struct {
	Actor         *ActorRef
	PlatformAdmin bool
	Coordinates   Territory
}

// CanGrant reports whether p may give g: platform administration and a
// territory are given by administrators, a role on a structure by those who
// manage its members. It is decided when an invitation is sent and again
// when it is accepted, so that a pending invitation does not outlive its
// sender's rights (a manager removed from the team, an administrator
// demoted or disabled cannot come back through one they sent beforehand).
func (p *Principal) CanGrant(g Grant) bool {
	if p.IsAnonymous() || p.IsPartner() {
		return false
	}
	if (g.PlatformAdmin || !g.Coordinates.IsZero()) && !p.IsAdmin() {
		return false
	}
	return g.Actor == nil || p.CanManageMembers(*g.Actor)
}

// Account is what the reset policy knows of an account: its platform-wide
// rights and the structures it belongs to.
type Account struct {
	ID            string
	PlatformAdmin bool
	Coordinator   bool
	Structures    []ActorRef
}

// CanIssueReset reports whether p may issue a password reset link for the
// account: administrators for any account; a manager for an account whose
// every right comes from structures they manage (not an administrator, not
// a coordinator, not themself, in at least one team). It is decided when
// the link is issued and again when it is used, so that a link outlives
// neither its issuer's rights nor the account's rights changing.
func (p *Principal) CanIssueReset(a Account) bool {
	switch {
	case p.IsAnonymous() || p.IsPartner():
		return false
	case p.IsAdmin():
		return true
	case a.PlatformAdmin || a.Coordinator || a.ID == p.UserID || len(a.Structures) == 0:
		return false
	}
	for _, ref := range a.Structures {
		if !p.ManagesActor(ref) {
			return false
		}
	}
	return true
}

// CanReadHistory reports whether p may read the actor's audit history:
// its managers, the coordinators of its territory and administrators.
func (p *Principal) CanReadHistory(ref ActorRef) bool { return p.CanModerate(ref) }

// MaySeeContacts is the one rule for an actor's phones and e-mails on every
// surface: everyone when the structure made them public (contactPublic),
// otherwise only those who may see its unpublished records — its members,
// its managers and its network's, the coordinators of its territory,
// partner clients of its source with directory:write, and administrators.
// Anonymous surfaces (lists and reads without a token, search, the public
// change feed, open-data exports) therefore show them only when public.
func (p *Principal) MaySeeContacts(ref ActorRef, contactPublic bool) bool {
	return contactPublic || p.CanSeeUnpublished(ref)
}

// ManagesSomething reports whether p manages at least one structure.
func (p *Principal) ManagesSomething() bool {
	if p == nil {
		return false
	}
	for _, m := range p.Memberships {
		if m.Role == RoleManager {
			return true
		}
	}
	return false
}

// CanSeeUnpublished reports whether p may read what the actor does not
// publish: its private phones and e-mails (MaySeeContacts). Draft services
// are not weighed here but by draftsVisibleTo (Store.ServiceVisibleTo for
// one service), which weighs a partner's sources against the service's own
// source: an actor of a partner's source may hold drafts its managers made.
func (p *Principal) CanSeeUnpublished(ref ActorRef) bool {
	return p.CanEditActor(ref) || p.BelongsTo(ref.ID) || p.WritesSourceDrafts() && p.CanWriteSource(ref.Source)
}

// WritesSourceDrafts reports whether p is a partner client that writes its
// sources' records by one channel or the other (directory:write through the
// REST API, sync:write through batches and imports): it sees their drafts,
// in lists as in single reads. A read-only client sees none.
func (p *Principal) WritesSourceDrafts() bool {
	return p.IsPartner() && (p.HasScope(ScopeDirectoryWrite) || p.HasScope(ScopeSyncWrite))
}

type principalKey struct{}

// WithPrincipal returns a context carrying p. Store methods read it to know
// who acts (for audit) without every signature growing a parameter.
func WithPrincipal(ctx context.Context, p *Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the caller stored in ctx, or nil for anonymous.
func PrincipalFrom(ctx context.Context) *Principal {
	p, _ := ctx.Value(principalKey{}).(*Principal)
	return p
}

// Channel says how a change reached the directory, for the audit history.
type Channel string

const (
	ChannelAPI        Channel = "api"        // a client called the REST API
	ChannelSync       Channel = "sync"       // a bulk sync or an import through the API
	ChannelSuggestion Channel = "suggestion" // an accepted suggestion
	ChannelCLI        Channel = "cli"        // an operator's command
	ChannelSystem     Channel = "system"     // a background job
)

type channelKey struct{}

// WithChannel marks writes made with ctx as coming through ch.
func WithChannel(ctx context.Context, ch Channel) context.Context {
	return context.WithValue(ctx, channelKey{}, ch)
}

// ChannelFrom returns the channel of ctx, ChannelAPI by default.
func ChannelFrom(ctx context.Context) Channel {
	if ch, ok := ctx.Value(channelKey{}).(Channel); ok {
		return ch
	}
	return ChannelAPI
}

type bulkKey struct{}

// withBulk marks writes made with ctx as a bulk sync or an import (see
// Store.syncWrite), whatever channel they came through: the routes of
// partners (ChannelSync) or the operator's import command (ChannelCLI).
// The rules of bulk writes — the sync:write scope, the producer's date as
// checked_on, the row hashes an import keeps — follow this mark; the
// history records the channel.
func withBulk(ctx context.Context) context.Context {
	return context.WithValue(ctx, bulkKey{}, true)
}

// bulkWrite reports whether ctx's writes are a bulk sync or an import.
func bulkWrite(ctx context.Context) bool {
	b, _ := ctx.Value(bulkKey{}).(bool)
	return b
}
