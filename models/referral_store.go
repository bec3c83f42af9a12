package models

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"sort"
	"strings"
	"time"

	"gorm.io/gorm"

	"carnet/models/vocab"
)

// Kinds of referral events.
const (
	EventStatus   = "status"   // the referral entered Status
	EventMessage  = "message"  // a message was posted (its text is never in the event)
	EventReminder = "reminder" // the platform reminded the receiving structure
)

// ReferralEvent is one step of a referral's lifecycle. It holds no personal
// data: a kind, the status, who acted, when, and a refusal reason code.
type ReferralEvent struct {
	Seq         int64 `gorm:"primaryKey"`
	ReferralID  string
	FromActorID string
	ToActorID   string
	Kind        string
	Status      string
	ByUserID    string
	ByActorID   string
	// ByLabel names ByUserID as they were named when they acted
	// (PersonLabel), recorded with the event: naming them from their
	// current card let a member rename an act of theirs (PATCH /me).
	ByLabel string
	Reason  string
	At      time.Time
}

// CreateReferral records a new referral from a member of r.FromActorID to an
// open service of another structure, and tells the receiving structure.
func (s *Store) CreateReferral(ctx context.Context, r *Referral) error {
	now := s.now()
	r.Normalize()
	if err := r.Validate(now); err != nil {
		return s.WithReferralTargetErrors(ctx, r, err)
	}
	return s.write(ctx, func(tx *gorm.DB) error { return s.insertReferral(tx, r, now) })
}

// WithReferralTargetErrors adds to err, the refusal of a new referral r's
// own fields (its body's, the model's), what insertReferral would refuse in
// its target service and in reaching the person through its sender
// (referralTargetErrors): named with the body's fields, not after the
// client fixed those, as a forward's are. err is returned as is when it is
// not a refusal of fields.
func (s *Store) WithReferralTargetErrors(ctx context.Context, r *Referral, err error) error {
	var e *Error
	if !errors.As(err, &e) || e.Code != EINVALID || len(e.Fields) == 0 {
		return err
	}
	n := *r
	n.Normalize()
	target, terr := referralTargetErrors(s.read(ctx), &n, s.now())
	if terr != nil {
		return dbError(terr)
	}
	return withNewFields(slices.Clone(e.Fields), target).Err(e.Message)
}

// withNewFields appends to fe the errors of more on fields fe does not
// name yet: one reason per field, the first check's.
func withNewFields(fe, more FieldErrors) FieldErrors {
	for _, m := range more {
		if !slices.ContainsFunc(fe, func(x FieldError) bool { return x.Field == m.Field }) {
			fe = append(fe, m)
		}
	}
	return fe
}

// archivedService is the refusal of a new referral (or a forward) to an
// archived service: it left the directory and takes nobody. A referral
// sent before may still be followed up (its to_service says the service's
// status).
const archivedService = "the service was archived: it takes no referrals; choose another service"

// insertReferral checks what needs the database (both structures active
// and open today, the service published and open to referrals, the sender
// reachable when the person is to be reached through them), inserts r as
// sent by the caller (binding the request's Idempotency-Key to it) and
// tells the receiving structure's members.
func (s *Store) insertReferral(tx *gorm.DB, r *Referral, now time.Time) error {
	// The lock order of the directory (see lockServiceRow): the places,
	// in the order of their ids (two referrals crossing between two
	// places), then the service. Locking the service, then its place
	// (activeActorRef below), deadlocked with a write of the service.
	var toIDs []string
	if dialectOf(tx).rowLocks() {
		if err := tx.Model(&Service{}).Where("id = ?", r.ToServiceID).Pluck("actor_id", &toIDs).Error; err != nil {
			return err
		}
	}
	if len(toIDs) == 1 && toIDs[0] < r.FromActorID {
		if err := lockActorFor(tx, toIDs[0]); err != nil {
			return err
		}
	}
	from, err := activeActorRef(tx, r.FromActorID, "from_actor_id")
	if err != nil {
		return err
	}
	if !from.OpenAt(now) {
		return &Error{Code: EINVALID, Message: from.closedMessage(now) + " A closed structure does not send referrals.",
			Fields: []FieldError{{Field: "from_actor_id", Reason: "is closed today"}}}
	}
	if len(toIDs) == 1 && toIDs[0] > r.FromActorID {
		if err := lockActorFor(tx, toIDs[0]); err != nil {
			return err
		}
	}
	var sv Service
	err = forShare(tx).Take(&sv, "id = ?", r.ToServiceID).Error
	if err == nil && sv.IsArchived() {
		return referralInvalid("to_service_id", archivedService)
	}
	if errors.Is(err, gorm.ErrRecordNotFound) || err == nil && !sv.IsPublished() {
		return referralInvalid("to_service_id", "no published service has this id")
	}
	if err != nil {
		return err
	}
	if sv.ReferralsClosed {
		return &Error{Code: EINVALID, Message: "This service does not take referrals at the moment; contact the structure directly or choose another service.",
			Fields: []FieldError{{Field: "to_service_id", Reason: "does not take referrals"}}}
	}
	to, err := activeActorRef(tx, sv.ActorID, "to_service_id")
	if err != nil {
		return err
	}
	if !to.OpenAt(now) {
		return &Error{Code: EINVALID, Message: to.closedMessage(now) + " Choose another place for this person, or send the referral once it has reopened.",
			Fields: []FieldError{{Field: "to_service_id", Reason: "its structure is closed today"}}}
	}
	if sv.ActorID == r.FromActorID {
		return referralInvalid("to_service_id", "is a service of your own structure; a referral goes to another structure")
	}
	if team, err := hasTeam(tx, sv.ActorID); err != nil || !team {
		if err != nil {
			return err
		}
		return &Error{Code: EINVALID, Message: "Nobody in Carnet works for this service's structure yet: nobody could read the referral. Contact the structure directly or choose another service.",
			Fields: []FieldError{{Field: "to_service_id", Reason: reasonNoTeam}}}
	}
	sender := PrincipalFrom(tx.Statement.Context).UserID
	if r.ContactChannel == ContactReferent {
		u, err := getUser(tx, sender)
		if err != nil {
			return err
		}
		if !u.CanBeReached() {
			return referralInvalid("person.contact_channel", "referent means the structure reaches the person through you, but your profile shares no professional phone nor a verified e-mail (your login address): add one (PATCH /api/v1/me) or give the person's own contact")
		}
	}
	r.ID, r.ToActorID, r.SenderID = NewID(), sv.ActorID, sender
	r.Status, r.RefusalReason, r.RefusalDetails, r.HandlerID, r.ForwardedToID, r.RemindedStatus = ReferralSent, "", "", "", "", ""
	r.CreatedAt, r.UpdatedAt, r.AcceptedAt, r.ClosedAt, r.AnonymizedAt, r.RemindedAt, r.Version = now, now, nil, nil, nil, nil, 1
	if err := tx.Create(r).Error; err != nil {
		return err
	}
	if err := bindIdempotency(tx, EntityReferral, r.ID); err != nil {
		return err
	}
	if err := addReferralEvent(tx, r, EventStatus, r.SenderID, r.FromActorID, "", now); err != nil {
		return err
	}
	return s.tell(tx, NotifyReferralReceived, referralParams(r, from.Name, to.Name, sv.Name), membersOf(r.ToActorID))
}

// reasonNoTeam refuses a referral to a structure with no member: nobody
// could read it (a partner's sync may open its services to referrals
// before anyone of the structure joins Carnet), and it sat unread until it
// expired while its sender waited.
const reasonNoTeam = "its structure has no member in Carnet to read the referral"

// referralTargetErrors names, reading without locks, what insertReferral
// would refuse in r's target service and in reaching the person through
// its sender, with the same reasons: a request already invalid for other
// fields names these too, every offending field at once. insertReferral
// makes the same checks, under its locks, when everything else is valid.
// A malformed to_service_id, which Validate names, is not looked up.
func referralTargetErrors(tx *gorm.DB, r *Referral, now time.Time) (FieldErrors, error) {
	var fe FieldErrors
	if ValidID(r.ToServiceID) {
		var sv Service
		err := tx.Take(&sv, "id = ?", r.ToServiceID).Error
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, err
		}
		var to Actor
		toErr := gorm.ErrRecordNotFound
		if err == nil {
			toErr = tx.Take(&to, "id = ?", sv.ActorID).Error
			if toErr != nil && !errors.Is(toErr, gorm.ErrRecordNotFound) {
				return nil, toErr
			}
		}
		switch {
		case err == nil && sv.IsArchived():
			fe.Add("to_service_id", archivedService)
		case err != nil || !sv.IsPublished():
			fe.Add("to_service_id", "no published service has this id")
		case sv.ReferralsClosed:
			fe.Add("to_service_id", "does not take referrals")
		case toErr != nil || to.IsArchived():
			fe.Add("to_service_id", "no active structure has this id")
		case !to.OpenAt(now):
			fe.Add("to_service_id", "its structure is closed today")
		case sv.ActorID == r.FromActorID:
			fe.Add("to_service_id", "is a service of your own structure; a referral goes to another structure")
		default:
			if team, err := hasTeam(tx, sv.ActorID); err != nil || !team {
				if err != nil {
					return nil, err
				}
				fe.Add("to_service_id", reasonNoTeam)
			}
		}
	}
	if r.ContactChannel == ContactReferent {
		u, err := getUser(tx, PrincipalFrom(tx.Statement.Context).UserID)
		if err != nil {
			return nil, err
		}
		if !u.CanBeReached() {
			fe.Add("person.contact_channel", "referent means the structure reaches the person through you, but your profile shares no professional phone nor a verified e-mail (your login address): add one (PATCH /api/v1/me) or give the person's own contact")
		}
	}
	return fe, nil
}

// referralParams are what a referral's e-mails say: names of the
// structures and the service, the status, the link. Never the person.
func referralParams(r *Referral, fromName, toName, serviceName string) map[string]string {
	return map[string]string{"referral_id": r.ID, "status": r.Status, "from_actor_name": fromName, "to_actor_name": toName, "service_name": serviceName}
}

// referralParamsOf looks the names up.
func referralParamsOf(tx *gorm.DB, r *Referral) map[string]string {
	var names []string
	tx.Model(&Service{}).Where("id = ?", r.ToServiceID).Limit(1).Pluck("name", &names)
	service := ""
	if len(names) > 0 {
		service = names[0]
	}
	return referralParams(r, actorName(tx, r.FromActorID), actorName(tx, r.ToActorID), service)
}

// senderSide selects who follows a referral for the sending structure: its
// sender while still a member, else the structure's managers.
func senderSide(r *Referral) func(*gorm.DB) *gorm.DB {
	return func(q *gorm.DB) *gorm.DB {
		return q.Where("users.id IN (SELECT user_id FROM memberships WHERE actor_id = ? AND (user_id = ? OR (role = ? AND NOT EXISTS "+
			"(SELECT 1 FROM memberships m2 WHERE m2.actor_id = ? AND m2.user_id = ?))))", r.FromActorID, r.SenderID, string(RoleManager), r.FromActorID, r.SenderID)
	}
}

// receiverSide selects who follows it for the receiving structure: the
// member who accepted it while still a member, else all its members.
func receiverSide(r *Referral) func(*gorm.DB) *gorm.DB {
	return func(q *gorm.DB) *gorm.DB {
		return q.Where("users.id IN (SELECT user_id FROM memberships WHERE actor_id = ? AND (user_id = ? OR NOT EXISTS "+
			"(SELECT 1 FROM memberships m2 WHERE m2.actor_id = ? AND m2.user_id = ?)))", r.ToActorID, r.HandlerID, r.ToActorID, r.HandlerID)
	}
}

func referralInvalid(field, reason string) error {
	return &Error{Code: EINVALID, Message: "The referral is invalid.", Fields: []FieldError{{Field: field, Reason: reason}}}
}

// lockActorFor takes the lock activeActorRef takes (lockActor's), without
// its checks, which come in their turn.
func lockActorFor(tx *gorm.DB, id string) error {
	var ids []string
	return forUpdate(tx).Model(&Actor{}).Where("id = ?", id).Pluck("id", &ids).Error
}

func activeActorRef(tx *gorm.DB, id, field string) (*Actor, error) {
	a, err := lockActor(tx, id, Precondition{})
	switch ErrorCode(err) {
	case "":
		return a, nil
	case ENOTFOUND, EGONE:
		return nil, referralInvalid(field, "no active structure has this id")
	}
	return nil, err
}

// addReferralEvent logs a step of r's lifecycle. The referral feed pages by
// the events' seq, so they are appended like the change log: at the end of
// the transaction, in commit order (do not read them back in the same
// transaction).
func addReferralEvent(tx *gorm.DB, r *Referral, kind, byUser, byActor, reason string, at time.Time) error {
	ev := ReferralEvent{ReferralID: r.ID, FromActorID: r.FromActorID, ToActorID: r.ToActorID, Kind: kind, Status: r.Status,
		ByUserID: byUser, ByActorID: byActor, Reason: reason, At: at}
	if byUser != "" {
		label, err := labelOf(tx, byUser)
		if err != nil {
			return err
		}
		ev.ByLabel = label
	}
	return appendLog(tx, func(p *pendingLogs) { p.referralEvents = append(p.referralEvents, ev) })
}

// labelOf is how the account userID is named to others now (PersonLabel):
// the request's principal's as it began, else the account's stored name.
func labelOf(tx *gorm.DB, userID string) (string, error) {
	if p := PrincipalFrom(tx.Statement.Context); p != nil && p.UserID == userID && !p.IsPartner() {
		return p.PublicLabel(), nil
	}
	var u struct {
		DisplayName, ProfessionalEmail, Email string
		DeletedAt                             *time.Time
	}
	err := tx.Table("users").Select("display_name", "professional_email", "email", "deleted_at").Where("id = ?", userID).Take(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || err == nil && u.DeletedAt != nil {
		return DeletedAccountLabel, nil
	}
	if err != nil {
		return "", err
	}
	return PersonLabel(u.DisplayName, SharedEmail(u.ProfessionalEmail, u.Email)), nil
}

// GetReferral returns the referral with id and its events; the caller checks
// that the viewer belongs to one of its two structures.
func (s *Store) GetReferral(ctx context.Context, id string) (*Referral, []ReferralEvent, error) {
	if !ValidID(id) {
		return nil, nil, Errorf(ENOTFOUND, "No referral has the id %q.", clip(id))
	}
	var r Referral
	var events []ReferralEvent
	err := s.read(ctx).Transaction(func(tx *gorm.DB) error {
		err := tx.Take(&r, "id = ?", id).Error
		if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
			return err
		}
		// Asked whether or not the referral exists: an id naming none
		// takes the same queries as another structure's referral, whose
		// answer is the same 404 (see RecordMissingReferralAttempt).
		if err := tx.Where("referral_id = ?", id).Order("seq").Find(&events).Error; err != nil {
			return err
		}
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return Errorf(ENOTFOUND, "No referral has the id %q.", id)
		}
		return nil
	})
	if err != nil {
		return nil, nil, dbError(err)
	}
	return &r, events, nil
}

// ReferralTransition is a requested move in a referral's lifecycle.
type ReferralTransition struct {
	To      string
	Reason  string // refusal reason code
	Details string // refusal precision (personal data)
	// ByActorID is the structure on whose behalf the caller acts; the
	// handler has checked the caller belongs to it.
	ByActorID string
	Side      string
}

// TransitionReferral moves a referral along its lifecycle. A move the
// lifecycle does not allow from the current status answers ECONFLICT; a
// move reserved to the other side answers EFORBIDDEN.
func (s *Store) TransitionReferral(ctx context.Context, id string, pre Precondition, t ReferralTransition) (*Referral, error) {
	t.Reason, t.Details = strings.TrimSpace(t.Reason), strings.TrimSpace(t.Details)
	var fe FieldErrors
	if t.Side != SideSystem && !slices.Contains(userStatuses, t.To) {
		fe.Addf("status", "must be one of %s (sent and expired are set by the platform)", strings.Join(userStatuses, ", "))
	}
	if t.To == ReferralRefused {
		if !slices.Contains(RefusalReasons, t.Reason) {
			fe.Addf("reason", "is required when refusing: one of %s", strings.Join(RefusalReasons, ", "))
		}
		if t.Reason == "other" && t.Details == "" {
			fe.Add("details", "is required when the reason is other")
		}
		checkLen(&fe, "details", t.Details, maxShortText)
	} else {
		// Each field given is named: the client is told which one to drop.
		if t.Reason != "" {
			fe.Add("reason", "is only given when refusing")
		}
		if t.Details != "" {
			fe.Add("details", "is only given when refusing")
		}
	}
	if err := fe.Err("The transition is invalid."); err != nil {
		return nil, err
	}
	var out Referral
	err := s.write(ctx, func(tx *gorm.DB) error {
		err := forUpdate(tx).Take(&out, "id = ?", id).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return Errorf(ENOTFOUND, "No referral has the id %q.", clip(id))
		}
		if err != nil {
			return err
		}
		if err := pre.Check("referral", out.Version); err != nil {
			return err
		}
		if out.AnonymizedAt != nil {
			return erasedReferral("transitions")
		}
		side, ok := ReferralSideFor(out.Status, t.To)
		if !ok {
			return Errorf(ECONFLICT, "A referral cannot go from %s to %s.", out.Status, t.To)
		}
		if side != t.Side {
			return Errorf(EFORBIDDEN, "Only the %s structure may move a referral to %s.", side, t.To)
		}
		if !IsClosedReferralStatus(t.To) {
			// Accepting: the one move that does not close it.
			if err := refuseArchivedAct(tx, &out, t.ByActorID, "accept"); err != nil {
				return err
			}
		}
		now := s.now()
		out.Status, out.UpdatedAt, out.Version = t.To, now, out.Version+1
		switch {
		case t.To == ReferralAccepted:
			out.AcceptedAt, out.HandlerID = &now, PrincipalFrom(ctx).UserID
		case IsClosedReferralStatus(t.To):
			out.ClosedAt = &now
		}
		if t.To == ReferralRefused {
			out.RefusalReason, out.RefusalDetails = t.Reason, t.Details
		}
		if err := tx.Model(&out).Select("status", "updated_at", "version", "accepted_at", "closed_at", "refusal_reason", "refusal_details", "handler_id").Updates(&out).Error; err != nil {
			return err
		}
		if err := addReferralEvent(tx, &out, EventStatus, PrincipalFrom(ctx).UserID, t.ByActorID, out.RefusalReason, now); err != nil {
			return err
		}
		// The other side hears of it: the sender of a decision or an
		// outcome, the receiving structure of a cancellation.
		tell := senderSide(&out)
		if side == SideSender {
			tell = receiverSide(&out)
		}
		return s.tell(tx, NotifyReferralStatus, referralParamsOf(tx, &out), tell)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

func utf8Len(s string) int { return len([]rune(s)) }

// userStatuses are the statuses people may ask for; the platform sets sent
// (on creation) and expired (the job).
var userStatuses = []string{ReferralAccepted, ReferralRefused, ReferralCompleted, ReferralNoShow, ReferralCancelled}

// ReferralFilter selects the referrals of the viewer's structures.
type ReferralFilter struct {
	// ActorIDs are the structures whose referrals may be listed (the
	// viewer's); required.
	ActorIDs      []string
	Direction     string // "sent", "received" or "" for both
	Statuses      []string
	CreatedAfter  *time.Time
	CreatedBefore *time.Time
	ServiceIDs    []string // sent to one of these services
	SenderIDs     []string // sent by one of these accounts
	// Mine is an account id: referrals it sent or accepted.
	Mine string
	// Name matches the person's names: every word of it must begin a word
	// of the first or last name, accents and case ignored. Names are
	// matched in memory, never through an index (an index of names would
	// be a second copy of them, outside retention's reach).
	Name string
	// All returns every match in one page, without counting apart (the
	// CSV export of a structure's list).
	All bool
	ListParams
}

// ReferralPage is a page of referrals. A name search's total counts every
// referral the name matched, on this page or not: Matched lists them
// (their ids, structures and creation times only), for the reads that
// must leave a trace (Principal.ReadTrace) — the count alone says whether
// the structure follows someone of that name.
type ReferralPage struct {
	Page[Referral]
	Matched []Referral
}

// ListReferrals pages through referrals sent or received by f.ActorIDs,
// newest first.
func (s *Store) ListReferrals(ctx context.Context, f ReferralFilter) (ReferralPage, error) {
	f.ListParams = normalizeParams(f.ListParams)
	f.Sort = SortID
	var page ReferralPage
	var after string
	if f.Cursor != "" {
		c, err := decodeCursor(f.Cursor, SortID)
		if err != nil {
			return page, err
		}
		after = c.ID
	}
	if len(f.ActorIDs) == 0 {
		return page, nil
	}
	filter := func(q *gorm.DB) *gorm.DB {
		switch f.Direction {
		case "sent":
			q = q.Where("referrals.from_actor_id IN ?", f.ActorIDs)
		case "received":
			q = q.Where("referrals.to_actor_id IN ?", f.ActorIDs)
		default:
			q = q.Where("(referrals.from_actor_id IN ? OR referrals.to_actor_id IN ?)", f.ActorIDs, f.ActorIDs)
		}
		if len(f.Statuses) > 0 {
			q = q.Where("referrals.status IN ?", f.Statuses)
		}
		if f.CreatedAfter != nil {
			q = q.Where("referrals.created_at >= ?", f.CreatedAfter.UTC())
		}
		if f.CreatedBefore != nil {
			q = q.Where("referrals.created_at < ?", f.CreatedBefore.UTC())
		}
		if len(f.ServiceIDs) > 0 {
			q = q.Where("referrals.to_service_id IN ?", f.ServiceIDs)
		}
		if len(f.SenderIDs) > 0 {
			q = q.Where("referrals.sender_id IN ?", f.SenderIDs)
		}
		if f.Mine != "" {
			q = q.Where("(referrals.sender_id = ? OR referrals.handler_id = ?)", f.Mine, f.Mine)
		}
		return q
	}
	err := s.read(ctx).Transaction(func(tx *gorm.DB) error {
		if words := nameWords(f.Name); len(words) > 0 {
			return pageByName(tx, filter, words, after, f.Limit, f.All, &page)
		}
		q := filter(tx.Model(&Referral{}))
		if after != "" {
			q = q.Where("referrals.id < ?", after)
		}
		if f.All {
			err := q.Order("referrals.id DESC").Find(&page.Items).Error
			page.Total = int64(len(page.Items))
			return err
		}
		if err := filter(tx.Model(&Referral{})).Count(&page.Total).Error; err != nil {
			return err
		}
		if err := q.Order("referrals.id DESC").Limit(f.Limit + 1).Find(&page.Items).Error; err != nil {
			return err
		}
		if len(page.Items) > f.Limit {
			page.Items = page.Items[:f.Limit]
			page.NextCursor = encodeCursor(cursor{Sort: SortID, ID: page.Items[f.Limit-1].ID})
		}
		return nil
	})
	return page, dbError(err)
}

// pageByName reads the names of every referral the other filters select
// (erased ones have none), keeps those matching words, and loads the page
// after the cursor. Reading a structure's names is a few milliseconds for
// thousands of referrals, and leaves no trace of the query anywhere.
func pageByName(tx *gorm.DB, filter func(*gorm.DB) *gorm.DB, words []string, after string, limit int, all bool, page *ReferralPage) error {
	var cands []struct {
		ID, PersonFirstName, PersonLastName, FromActorID, ToActorID string
		CreatedAt                                                   time.Time
		ForwardedFromSentAt, ToEntrustedAt                          *time.Time
	}
	if err := filter(tx.Model(&Referral{})).Where("referrals.anonymized_at IS NULL").
		Select("referrals.id, referrals.person_first_name, referrals.person_last_name, referrals.from_actor_id, referrals.to_actor_id, referrals.created_at, " +
			"referrals.forwarded_from_sent_at, referrals.to_entrusted_at").
		Order("referrals.id DESC").Scan(&cands).Error; err != nil {
		return err
	}
	var ids []string
	for _, c := range cands {
		if matchesName(words, c.PersonFirstName+" "+c.PersonLastName) {
			ids = append(ids, c.ID)
			page.Matched = append(page.Matched, Referral{ID: c.ID, FromActorID: c.FromActorID, ToActorID: c.ToActorID, CreatedAt: c.CreatedAt,
				ForwardedFromSentAt: c.ForwardedFromSentAt, ToEntrustedAt: c.ToEntrustedAt})
		}
	}
	page.Total = int64(len(ids))
	if after != "" {
		i, _ := slices.BinarySearchFunc(ids, after, func(id, target string) int { return strings.Compare(target, id) })
		for i < len(ids) && ids[i] >= after {
			i++
		}
		ids = ids[i:]
	}
	if all {
		limit = len(ids)
	}
	if len(ids) > limit {
		ids = ids[:limit+1]
	}
	if len(ids) == 0 {
		return nil
	}
	// In chunks: SQLite caps the number of bound variables.
	for chunk := range slices.Chunk(ids, 500) {
		var items []Referral
		if err := tx.Where("id IN ?", chunk).Order("id DESC").Find(&items).Error; err != nil {
			return err
		}
		page.Items = append(page.Items, items...)
	}
	if len(page.Items) > limit {
		page.Items = page.Items[:limit]
		page.NextCursor = encodeCursor(cursor{Sort: SortID, ID: page.Items[limit-1].ID})
	}
	return nil
}

// NameSearchable reports whether a person_name filter has a word to look
// for: one with no letter or digit (« % », « * ») folds to no word, and
// was read as no filter at all, listing every referral.
func NameSearchable(q string) bool { return len(nameWords(q)) > 0 }

// nameWords folds a name query into words (lower case, no accents).
func nameWords(q string) []string {
	return strings.FieldsFunc(vocab.Slugify(q), func(r rune) bool { return r == '-' })
}

// matchesName reports whether every query word begins a word of name.
func matchesName(words []string, name string) bool {
	have := nameWords(name)
	for _, w := range words {
		if !slices.ContainsFunc(have, func(h string) bool { return strings.HasPrefix(h, w) }) {
			return false
		}
	}
	return true
}

// ReferralChange is one status change in the feed of a structure's
// referrals.
type ReferralChange struct {
	ReferralEvent
	Direction string // from the viewer's structures' point of view
}

// ReferralChanges returns status changes of referrals sent or received by
// actorIDs, in commit order after seq (or at or after updatedAfter), with
// whether more are waiting. The sequence is the events table's, so a
// follower never misses or repeats a change.
func (s *Store) ReferralChanges(ctx context.Context, actorIDs []string, after int64, updatedAfter *time.Time, limit int) ([]ReferralChange, bool, error) {
	if limit <= 0 || limit > MaxLimit {
		limit = DefaultLimit
	}
	if len(actorIDs) == 0 {
		return nil, false, nil
	}
	q := s.read(ctx).Model(&ReferralEvent{}).Where("(from_actor_id IN ? OR to_actor_id IN ?)", actorIDs, actorIDs).Where("seq > ?", after)
	if updatedAfter != nil {
		q = q.Where("at >= ?", updatedAfter.UTC())
	}
	var evs []ReferralEvent
	if err := q.Order("seq").Limit(limit + 1).Find(&evs).Error; err != nil {
		return nil, false, dbError(err)
	}
	more := len(evs) > limit
	if more {
		evs = evs[:limit]
	}
	out := make([]ReferralChange, len(evs))
	for i, e := range evs {
		dir := "received"
		if slices.Contains(actorIDs, e.FromActorID) {
			dir = "sent"
		}
		out[i] = ReferralChange{ReferralEvent: e, Direction: dir}
	}
	return out, more, nil
}

// ExpireReferrals moves referrals left "sent" since before olderThan to
// "expired" and returns how many.
func (s *Store) ExpireReferrals(ctx context.Context, olderThan time.Time) (int, error) {
	return s.closeByPlatform(ctx, ReferralExpired, "status = ? AND created_at < ?", ReferralSent, olderThan.UTC())
}

// closeByPlatform closes the referrals that where selects as status (a move
// of the platform's: expired, no_outcome), records each move and tells
// their senders. Returns how many.
func (s *Store) closeByPlatform(ctx context.Context, status, where string, args ...any) (int, error) {
	n := 0
	err := s.write(ctx, func(tx *gorm.DB) error {
		var due []Referral
		// Locked, so that a structure answering one at the same moment
		// either goes first (and PostgreSQL skips the row, no longer
		// due) or finds it closed.
		if err := forUpdate(tx).Where(where, args...).Order("id").Find(&due).Error; err != nil {
			return err
		}
		now := s.now()
		for i := range due {
			r := &due[i]
			r.Status, r.UpdatedAt, r.ClosedAt, r.Version = status, now, &now, r.Version+1
			if err := tx.Model(r).Select("status", "updated_at", "closed_at", "version").Updates(r).Error; err != nil {
				return err
			}
			if err := addReferralEvent(tx, r, EventStatus, "", "", "", now); err != nil {
				return err
			}
			if err := s.tell(tx, NotifyReferralStatus, referralParamsOf(tx, r), senderSide(r)); err != nil {
				return err
			}
		}
		n = len(due)
		return nil
	})
	return n, err
}

// AnonymizeReferrals erases the person's data of referrals closed before
// closedBefore, and of every referral created before createdBefore whatever
// its status. Statuses, dates, structures, services and themes remain, so
// statistics survive. Returns how many referrals were anonymised.
func (s *Store) AnonymizeReferrals(ctx context.Context, closedBefore, createdBefore time.Time) (int, error) {
	// A referral still open at the retention limit is closed first, as
	// the platform closes a forgotten one: left sent, expired; accepted
	// without an outcome, no_outcome (closed_at set, its sender told).
	// Erased and open, it stayed in the receiver's open work and took an
	// outcome about nobody (probe 43).
	if _, err := s.closeByPlatform(ctx, ReferralExpired, "status = ? AND created_at < ?", ReferralSent, createdBefore.UTC()); err != nil {
		return 0, err
	}
	if _, err := s.closeByPlatform(ctx, ReferralNoOutcome, "status = ? AND created_at < ?", ReferralAccepted, createdBefore.UTC()); err != nil {
		return 0, err
	}
	var n int64
	err := s.write(ctx, func(tx *gorm.DB) error {
		now := s.now()
		due := "anonymized_at IS NULL AND ((closed_at IS NOT NULL AND closed_at < ?) OR created_at < ?)"
		// The referrals are locked first: a message posted at the same
		// moment (which locks its referral too) then either commits
		// before the messages are deleted, or finds the referral erased.
		var locked []string
		if err := forUpdate(tx).Model(&Referral{}).Where(due, closedBefore.UTC(), createdBefore.UTC()).Pluck("id", &locked).Error; err != nil {
			return err
		}
		// The messages go with the person's data: they are about them.
		erase := tx.Session(&gorm.Session{NewDB: true}).Model(&Referral{}).Select("id").Where(due, closedBefore.UTC(), createdBefore.UTC())
		// So does what the idempotency keys that created them remember
		// of their requests: a key's request hash is a digest of a body
		// full of the person's data, and a replay of the same body
		// answered « already done » where another body got 422, which
		// confirmed the erased data to whoever still held the key. The
		// key stays used: any body sent with it now gets the same 422.
		messages := tx.Session(&gorm.Session{NewDB: true}).Model(&ReferralMessage{}).Select("id").Where("referral_id IN (?)", erase)
		if err := tx.Model(&idempotencyKey{}).
			Where("(entity = ? AND entity_id IN (?)) OR (entity = ? AND entity_id IN (?))", EntityReferral, erase, EntityReferralMessage, messages).
			Updates(map[string]any{"request_hash": erasedRequest, "headers": "", "body": nil}).Error; err != nil {
			return err
		}
		if err := tx.Where("referral_id IN (?)", erase).Delete(&ReferralMessage{}).Error; err != nil {
			return err
		}
		res := tx.Model(&Referral{}).
			Where(due, closedBefore.UTC(), createdBefore.UTC()).
			Updates(map[string]any{
				"situation": "", "person_first_name": "", "person_last_name": "", "contact_value": "",
				"availability": "", "message": "", "refusal_details": "", "anonymized_at": now,
			})
		n = res.RowsAffected
		if res.Error != nil || n == 0 {
			return res.Error
		}
		return oweErasure(tx, now)
	})
	return int(n), err
}

// ReferralStatsFilter restricts statistics to a territory or structures;
// nil restrictions mean the whole platform.
type ReferralStatsFilter struct {
	ActorIDs  []string   // referrals sent or received by these structures
	Territory *Territory // referrals sent or received in this territory
	From, To  *time.Time // created in [From, To)
}

// ReferralStats are counts without any personal data.
type ReferralStats struct {
	Total                      int
	ByStatus                   map[string]int
	ByTheme                    map[string]int
	ByMonth                    map[string]int // "2026-11"
	ByRefusalReason            map[string]int
	Sent, Received             map[string]int // per structure id
	Names                      map[string]string
	MedianHoursToAcceptance    *float64
	AcceptedCount, ClosedCount int
	// Reminders counts the reminders sent about these referrals.
	Reminders int
	// Keys are the cell keys of the counts above (see Cell.Key), under
	// the same names.
	Keys ReferralStatsKeys
}

// ReferralStatsKeys are the cell keys of ReferralStats' counts.
type ReferralStatsKeys struct {
	Total, Accepted, Reminders                  int
	ByStatus, ByTheme, ByMonth, ByRefusalReason map[string]int
	Sent, Received                              map[string]int
}

// ReferralStats computes statistics over the filtered referrals.
func (s *Store) ReferralStats(ctx context.Context, f ReferralStatsFilter) (*ReferralStats, error) {
	scope := func(q *gorm.DB) *gorm.DB {
		if f.ActorIDs != nil {
			q = q.Where("(from_actor_id IN ? OR to_actor_id IN ?)", f.ActorIDs, f.ActorIDs)
		}
		if t := f.Territory; t != nil {
			in := "SELECT id FROM actors WHERE departement IN ? OR insee_code IN ?"
			q = q.Where("(from_actor_id IN ("+in+") OR to_actor_id IN ("+in+"))", t.Departements, t.CommuneCodes(), t.Departements, t.CommuneCodes())
		}
		if f.From != nil {
			q = q.Where("created_at >= ?", f.From.UTC())
		}
		if f.To != nil {
			q = q.Where("created_at < ?", f.To.UTC())
		}
		return q
	}
	q := scope(s.read(ctx).Model(&Referral{}))
	var rows []struct {
		ID            string
		FromActorID   string
		ToActorID     string
		Themes        StringList
		Status        string
		RefusalReason string
		CreatedAt     time.Time
		AcceptedAt    *time.Time
		StatsKey      int
	}
	if err := q.Select("id", "from_actor_id", "to_actor_id", "themes", "status", "refusal_reason", "created_at", "accepted_at", "stats_key").Scan(&rows).Error; err != nil {
		return nil, dbError(err)
	}
	st := &ReferralStats{ByStatus: map[string]int{}, ByTheme: map[string]int{}, ByMonth: map[string]int{}, ByRefusalReason: map[string]int{},
		Sent: map[string]int{}, Received: map[string]int{}, Names: map[string]string{}}
	k := &st.Keys
	k.ByStatus, k.ByTheme, k.ByMonth, k.ByRefusalReason = map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	k.Sent, k.Received = map[string]int{}, map[string]int{}
	count := func(counts, keys map[string]int, name string, key int) {
		counts[name]++
		keys[name] = AddKey(keys[name], key)
	}
	keyOf := make(map[string]int, len(rows))
	var hours []float64
	for _, r := range rows {
		keyOf[r.ID] = r.StatsKey
		st.Total++
		k.Total = AddKey(k.Total, r.StatsKey)
		count(st.ByStatus, k.ByStatus, r.Status, r.StatsKey)
		for _, th := range r.Themes {
			count(st.ByTheme, k.ByTheme, th, r.StatsKey)
		}
		count(st.ByMonth, k.ByMonth, r.CreatedAt.UTC().Format("2006-01"), r.StatsKey)
		if r.RefusalReason != "" {
			count(st.ByRefusalReason, k.ByRefusalReason, r.RefusalReason, r.StatsKey)
		}
		count(st.Sent, k.Sent, r.FromActorID, r.StatsKey)
		count(st.Received, k.Received, r.ToActorID, r.StatsKey)
		if r.AcceptedAt != nil {
			hours = append(hours, r.AcceptedAt.Sub(r.CreatedAt).Hours())
			k.Accepted = AddKey(k.Accepted, r.StatsKey)
		}
		if IsClosedReferralStatus(r.Status) {
			st.ClosedCount++
		}
	}
	st.AcceptedCount = len(hours)
	var reminded []string // one referral id per reminder sent
	err := s.read(ctx).Model(&ReferralEvent{}).
		Where("kind = ? AND referral_id IN (?)", EventReminder, scope(s.read(ctx).Model(&Referral{})).Select("id")).Pluck("referral_id", &reminded).Error
	if err != nil {
		return nil, dbError(err)
	}
	st.Reminders = len(reminded)
	for _, id := range reminded {
		k.Reminders = AddKey(k.Reminders, keyOf[id])
	}
	if len(hours) > 0 {
		sort.Float64s(hours)
		m := hours[len(hours)/2]
		if len(hours)%2 == 0 {
			m = (hours[len(hours)/2-1] + hours[len(hours)/2]) / 2
		}
		st.MedianHoursToAcceptance = &m
	}
	ids := make([]string, 0, len(st.Sent)+len(st.Received))
	for id := range st.Sent {
		ids = append(ids, id)
	}
	for id := range st.Received {
		ids = append(ids, id)
	}
	if len(ids) > 0 {
		var names []struct{ ID, Name string }
		if err := s.read(ctx).Model(&Actor{}).Select("id", "name").Where("id IN ?", ids).Scan(&names).Error; err != nil {
			return nil, dbError(err)
		}
		for _, n := range names {
			st.Names[n.ID] = n.Name
		}
	}
	return st, nil
}

// ReferralPolicy sets the referral lifecycle's clocks.
type ReferralPolicy struct {
	// Expiry: a referral left "sent" this long becomes "expired".
	Expiry time.Duration
	// Retention: the person's data is erased this long after closure.
	Retention time.Duration
	// MaxRetention: and in any case this long after creation.
	MaxRetention time.Duration
	// RemindSent: the receiving structure is reminded of a referral left
	// "sent" this long (0: never).
	RemindSent time.Duration
	// RemindAccepted: and of one accepted this long ago without an outcome
	// (0: never).
	RemindAccepted time.Duration
	// NoOutcome: a referral accepted this long ago without an outcome is
	// closed as "no_outcome" (0: never).
	NoOutcome time.Duration
	// OutboxRetention: sent and failed e-mails are deleted this long after
	// they were queued.
	OutboxRetention time.Duration
}

// DefaultReferralPolicy is 30 days to answer, a reminder after 7 days
// without an answer and after 30 days without an outcome, closing as
// no_outcome 90 days after acceptance, 6 months of retention after closure,
// 24 months at most; sent e-mails are forgotten after 30 days.
var DefaultReferralPolicy = ReferralPolicy{Expiry: 30 * 24 * time.Hour, Retention: 183 * 24 * time.Hour, MaxRetention: 730 * 24 * time.Hour,
	RemindSent: 7 * 24 * time.Hour, RemindAccepted: 30 * 24 * time.Hour, NoOutcome: 90 * 24 * time.Hour, OutboxRetention: 30 * 24 * time.Hour}

// MaintainReferrals expires unanswered referrals and erases personal data
// past retention, with the rest of Maintain. The periodic job and `carnet
// referrals maintain` call Maintain.
func (s *Store) MaintainReferrals(ctx context.Context, p ReferralPolicy) (expired, anonymized int, err error) {
	r, err := s.Maintain(ctx, p)
	return r.Expired, r.Anonymized, err
}

// RecordReferralReads writes, in one transaction, a trace of each read of a
// referral's personal data that ReadTrace asks for, visible to both of its
// structures. The caller writes it before answering: a read that cannot be
// traced is not answered.
func (s *Store) RecordReferralReads(ctx context.Context, p *Principal, rs []*Referral) error {
	return s.recordReferralTraces(ctx, p, TrailReferralRead, rs, nil)
}

// RecordReferralAttempt traces a call on r that failed with HTTP status
// (call names it: method and route), when ReadTrace would have traced a
// read of r by p. Such a call answered none of the person's data, so it is
// no read — a read that did not happen is noise in a trail its managers
// read to know who saw what — but someone outside the circle the sender
// entrusted touched the referral (and learnt that it exists, or its
// status), which they still need to see. An ordinary member's failed call
// leaves nothing, as their reads leave nothing.
func (s *Store) RecordReferralAttempt(ctx context.Context, p *Principal, r *Referral, status int, call string) error {
	return s.recordReferralTraces(ctx, p, TrailReferralAttempt, []*Referral{r}, map[string]any{"status": status, "call": call})
}

// RecordReferralOutsiderAttempt traces a call on r by p, who belongs to
// neither of its structures and was answered as if r did not exist (status,
// 404): the outsider learns nothing, but both structures see that someone
// outside the circle the sender entrusted reached for the person's data —
// an administrator outside the team, a member since removed, a member of
// another structure. A call on an id that names no referral leaves
// nothing: there is no structure to tell.
func (s *Store) RecordReferralOutsiderAttempt(ctx context.Context, p *Principal, r *Referral, status int, call string) error {
	reason := ReadByOutsider
	if p.IsAdmin() {
		reason = ReadByAdministrator
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		if seen, err := s.attemptSeen(tx, p, r.ID, call); err != nil || seen {
			return err
		}
		ev := TrailEvent{Action: TrailReferralAttempt, ActorID: r.FromActorID, OtherActorID: r.ToActorID, SubjectKind: SubjectReferral, SubjectID: r.ID}
		return s.trail(tx, ev, map[string]any{"reason": reason, "status": status, "call": call})
	})
}

// RecordMissingReferralAttempt does for id, a well-formed id that names no
// referral, the work RecordReferralOutsiderAttempt does for a referral the
// caller may not see, and writes nothing (no structure's trail is
// concerned): both answer the same 404, and the time of the answer must
// not tell which one it is (a ~1 ms gap did, black-box). A first attempt
// on a real referral still writes its trace, once per caller, call and
// AttemptWindow.
func (s *Store) RecordMissingReferralAttempt(ctx context.Context, p *Principal, id, call string) error {
	return s.write(ctx, func(tx *gorm.DB) error {
		_, err := s.attemptSeen(tx, p, id, call)
		return err
	})
}

// AttemptWindow is how long an outsider's refused call on a referral
// stands for the same caller's repeats of it: anyone who knows a
// referral's id (an original sender, a removed member, whoever read an
// e-mail link) could add a row to both structures' trails per request and
// bury the reads their managers look for. The first attempt is recorded at
// once; the same caller's same call on the same referral is recorded again
// only once the last recorded one is an hour old (at most one row per
// caller, referral, call and hour). Reads are never merged (each showed
// the person's data), nor the failed calls of those who may read it (a
// member who joined after, an administrator in the team): they could as
// well read it, and each read is traced.
const AttemptWindow = time.Hour

// attemptSeen says whether p's call on referral id was recorded as an
// attempt within AttemptWindow. The trail is append-only: a repeat is not
// counted on the first row, it is left out.
func (s *Store) attemptSeen(tx *gorm.DB, p *Principal, id, call string) (bool, error) {
	_, whoID, _ := who(p)
	var details []string
	if err := tx.Model(&TrailEvent{}).Where("subject_kind = ? AND subject_id = ? AND action = ? AND who_id = ? AND at >= ?",
		SubjectReferral, id, TrailReferralAttempt, whoID, s.now().Add(-AttemptWindow)).Pluck("details", &details).Error; err != nil {
		return false, err
	}
	for _, d := range details {
		var m struct {
			Call string `json:"call"`
		}
		if json.Unmarshal([]byte(d), &m) == nil && m.Call == call {
			return true, nil
		}
	}
	return false, nil
}

func (s *Store) recordReferralTraces(ctx context.Context, p *Principal, action string, rs []*Referral, extra map[string]any) error {
	type read struct {
		r      *Referral
		reason string
	}
	var reads []read
	for _, r := range rs {
		if ok, reason := p.ReadTrace(r); ok {
			reads = append(reads, read{r, reason})
		}
	}
	if len(reads) == 0 {
		return nil
	}
	return s.write(ctx, func(tx *gorm.DB) error {
		for _, rd := range reads {
			ev := TrailEvent{Action: action, ActorID: rd.r.FromActorID, OtherActorID: rd.r.ToActorID, SubjectKind: SubjectReferral, SubjectID: rd.r.ID}
			d := readDetails(p, rd.reason)
			for k, v := range extra {
				d[k] = v
			}
			if err := s.trail(tx, ev, d); err != nil {
				return err
			}
		}
		return nil
	})
}

// readDetails is a traced read's trail details: the reason, and for an
// account whose credentials were disclosed, to whom and when, so that the
// structure's managers know whose read it may have been.
func readDetails(p *Principal, reason string) map[string]any {
	d := map[string]any{"reason": reason}
	if reason == ReadCredentialsDisclosed {
		d["issued_by"], d["credentials_disclosed_at"] = p.CredentialsDisclosedBy, p.CredentialsDisclosedAt
	}
	return d
}
