package handlers

import (
	"net/http"
	"slices"
	"time"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// DuplicateActor is one side of a possible duplicate.
type DuplicateActor struct {
	ID        string   `json:"id" format:"uuid"`
	Name      string   `json:"name"`
	Source    string   `json:"source"`
	SourceID  string   `json:"source_id"`
	Address   Address  `json:"address"`
	Latitude  *float64 `json:"latitude" extensions:"x-nullable"`
	Longitude *float64 `json:"longitude" extensions:"x-nullable"`
	Archived  bool     `json:"archived"`
	// Who produced the record (the standard's source: dora, conseiller-numerique…).
	Producer string `json:"producer" example:"dora"`
	// The day the record was last known correct (its producer's date_maj, or the day someone changed it in
	// Carnet), as the exports write it; null when nobody is known to have checked it (its producer gave no date).
	ProducerDate *string `json:"producer_date" format:"date" extensions:"x-nullable" example:"2024-05-10"`
	// The record's quality score today, from 0 to 1 (GET /api/v1/actors/{id}/quality says why).
	QualityScore float64 `json:"quality_score" example:"0.75"`
	// What this record holds and the other does not, which a confirmation hiding it takes off the public
	// surfaces: phone, email, website, opening_hours, siret, services (a published service with a theme the
	// other's services lack). Phones and e-mails count only where the caller may see them.
	OnlyHere []string `json:"only_here"`
}

// DuplicateReason is one signal behind a link.
type DuplicateReason struct {
	// Stable code. Identifiers and contacts: same_siret, same_siren, same_rna,
	// same_phone, same_email, same_website, same_domain, named_domain, town_domain, initials_domain,
	// mail_domain. Names: same_name, similar_name, acronym. Addresses and coordinates: same_address,
	// same_street, other_number, same_building, distance, far_coordinates, contacts_elsewhere, other_street,
	// misspelt_street, siret_address, namesake, one_ccas, one_france_services, own_contact_elsewhere,
	// name_of_several_sites, travelling, other_siren, postal_town. Hosts, networks and doors: host_authority, departement_guest, annex,
	// post_office, post_office_street, one_post_office, france_services_host, france_services_contacts,
	// france_services_street, france_services_address, digital_space_host, digital_space_next_door,
	// digital_space_street, complement_host, library_host, own_contacts, own_page, named_contact, street_door,
	// network_branch.
	// New rules add codes: read an unknown one as its label says.
	Code string `json:"code" example:"same_siret"`
	// French label for people: « même SIRET », « 40 m », « coordonnées à 2,1 km malgré la même adresse ».
	Label string `json:"label" example:"même SIRET"`
}

// DuplicateLink says two actors may be the same place: of two sources, or
// of one source whose file names two producers (or joins them by one SIRET
// at one address).
type DuplicateLink struct {
	ID string `json:"id" format:"uuid"`
	// The older record: lists with exclude_duplicates=true keep it while the link is suggested.
	ActorA DuplicateActor `json:"actor_a"`
	// The newer record: hidden by exclude_duplicates=true while the link is suggested, unless the older one is itself hidden by a confirmation.
	ActorB DuplicateActor `json:"actor_b"`
	// The record a confirmation keeps unless the moderator chooses (keep): the better quality score, then the
	// fresher producer_date, then the older record.
	KeptByDefault string `json:"kept_by_default" format:"uuid"`
	// A confirmed link's record served by search, orientation, the exports and HSDS; null unless confirmed.
	Kept *string `json:"kept" format:"uuid" extensions:"x-nullable"`
	// A confirmed link's other record, which those surfaces leave out and whose duplicate_of names the kept
	// one (or, when the kept one itself stands for a third, that one's); null unless confirmed.
	Hidden *string `json:"hidden" format:"uuid" extensions:"x-nullable"`
	// detected: Carnet suggested the link; recorded: a moderator did (POST /api/v1/duplicates).
	Origin string `json:"origin" enums:"detected,recorded"`
	// From 0 to 1; links are made from 0.6. 0.4 × name_score + 0.35 × address_score + 0.4 × identity_score,
	// less 0.1 when both carry different SIRENs (see the README, « Duplicates across sources »).
	Score float64 `json:"score" example:"0.86"`
	// Similarity of the names, from 0 to 1 (acronyms, abbreviations and host structures' names read).
	NameScore float64 `json:"name_score" example:"0.75"`
	// Agreement of the addresses and coordinates, from -1 (clearly two places) to 1 (one address).
	AddressScore float64 `json:"address_score" example:"1"`
	// Evidence of shared identifiers (SIRET, SIREN, phone, e-mail, website), from 0 to 1, each weaker when many
	// places of one source carry it.
	IdentityScore float64 `json:"identity_score" example:"0.8"`
	// Distance between the two places in metres; null when one has no coordinates.
	DistanceM *float64 `json:"distance_m" extensions:"x-nullable" example:"12.5"`
	// Both carry the same known SIRET, SIREN or RNA.
	SamePivot bool `json:"same_pivot"`
	// The signals behind the score, strongest kinds first.
	Reasons   []DuplicateReason `json:"reasons"`
	Status    string            `json:"status" enums:"suggested,confirmed,dismissed"`
	DecidedAt *Time             `json:"decided_at" format:"date-time" extensions:"x-nullable"`
	CreatedAt Time              `json:"created_at" format:"date-time"`
	UpdatedAt Time              `json:"updated_at" format:"date-time"`
}

// DuplicateList is one page of duplicate links.
type DuplicateList struct {
	Data  []DuplicateLink `json:"data"`
	Meta  ListMeta        `json:"meta"`
	Links ListLinks       `json:"links"`
}

// linkSides is what the link items of a page need beyond the links: the
// day (quality scores), and the themes of each record's published services.
type linkSides struct {
	now    time.Time
	themes map[string][]string
}

// sidesOf reads the linkSides of links.
func (h *Handler) sidesOf(c *gin.Context, links ...*models.DuplicateLink) (linkSides, error) {
	var ids []string
	for _, l := range links {
		ids = append(ids, l.ActorAID, l.ActorBID)
	}
	themes, err := h.Store.PublishedThemes(c.Request.Context(), ids)
	return linkSides{now: h.Store.Now(), themes: themes}, err
}

func newDuplicateActor(a *models.Actor, now time.Time) DuplicateActor {
	if a == nil {
		return DuplicateActor{OnlyHere: []string{}}
	}
	out := DuplicateActor{ID: a.ID, Name: a.Name, Source: a.Source, SourceID: a.SourceID, Address: Address(a.Address),
		Latitude: a.Latitude, Longitude: a.Longitude, Archived: a.IsArchived(), Producer: a.Producer,
		QualityScore: models.QualityOf(a, now).Score, OnlyHere: []string{}}
	if !a.CheckedOnUndated && a.CheckedOn != "" {
		out.ProducerDate = &a.CheckedOn
	}
	return out
}

// holdings lists what a record holds of what only_here names, contacts
// only when seen (the caller may see them).
func holdings(a *models.Actor, seen bool, themes []string) map[string][]string {
	out := map[string][]string{"website": a.Websites, "services": themes}
	if seen {
		out["phone"], out["email"] = a.Phones, a.Emails
	}
	if a.OpeningHours != "" {
		out["opening_hours"] = []string{a.OpeningHours}
	}
	if a.Pivot != "" && a.PivotKind == "siret" {
		out["siret"] = []string{a.Pivot}
	}
	return out
}

// onlyHere lists the codes of what mine holds and other lacks: a kind
// other has none of, or, for services, a theme it does not declare (a
// record with services declaring no theme beside one with none counts).
func onlyHere(mine, other map[string][]string, mineServes, otherServes bool) []string {
	out := []string{}
	for _, code := range []string{"phone", "email", "website", "opening_hours", "siret"} {
		if len(mine[code]) > 0 && len(other[code]) == 0 {
			out = append(out, code)
		}
	}
	extra := slices.ContainsFunc(mine["services"], func(t string) bool { return !slices.Contains(other["services"], t) })
	if mineServes && (!otherServes || extra) {
		out = append(out, "services")
	}
	return out
}

func newDuplicateLink(l *models.DuplicateLink, sides linkSides, seen [2]bool) DuplicateLink {
	reasons := make([]DuplicateReason, len(l.Reasons))
	for i, r := range l.Reasons {
		reasons[i] = DuplicateReason{Code: r.Code, Label: r.Label}
	}
	out := DuplicateLink{ID: l.ID, ActorA: newDuplicateActor(l.ActorA, sides.now), ActorB: newDuplicateActor(l.ActorB, sides.now),
		KeptByDefault: models.DefaultKept(l.ActorA, l.ActorB, sides.now), Origin: "detected", Score: l.Score,
		NameScore: l.NameScore, AddressScore: l.AddressScore, IdentityScore: l.IdentityScore, DistanceM: l.DistanceM,
		SamePivot: l.SamePivot, Reasons: reasons, Status: l.Status, DecidedAt: stampPtr(l.DecidedAt), CreatedAt: stamp(l.CreatedAt), UpdatedAt: stamp(l.UpdatedAt)}
	if l.RecordedBy != nil {
		out.Origin = "recorded"
	}
	if l.Status == models.DuplicateConfirmed {
		kept, hidden := l.KeptID(), l.HiddenID()
		out.Kept, out.Hidden = &kept, &hidden
	}
	if l.ActorA != nil && l.ActorB != nil {
		ta, okA := sides.themes[l.ActorAID]
		tb, okB := sides.themes[l.ActorBID]
		ha, hb := holdings(l.ActorA, seen[0], ta), holdings(l.ActorB, seen[1], tb)
		out.ActorA.OnlyHere, out.ActorB.OnlyHere = onlyHere(ha, hb, okA, okB), onlyHere(hb, ha, okB, okA)
	}
	return out
}

// duplicateLinkView renders l for the caller: as detected to a caller who
// may see both actors' contact details (the one rule,
// models.Principal.MaySeeContacts), else as their public data alone make
// it (models.DuplicateLink.WithoutContacts).
//
// Contacts made public do not count here: the stored score weighs a shared
// number by every place of a source carrying it, private carriers included,
// so that showing it to everyone when both places' contacts are public told
// that a third place carries the number privately (a lower identity score
// and score than the public ones).
//
// Each side's only_here counts its phones and e-mails where the caller may
// see them (contactsVisible): a private phone only one side holds is not
// told to anyone who may not read it.
func (h *Handler) duplicateLinkView(c *gin.Context, l *models.DuplicateLink, sides linkSides) DuplicateLink {
	var seen [2]bool
	if l.ActorA != nil && l.ActorB != nil {
		seen = [2]bool{h.contactsVisible(c, l.ActorA), h.contactsVisible(c, l.ActorB)}
		if h.privateContactsVisible(c, l.ActorA) && h.privateContactsVisible(c, l.ActorB) {
			return newDuplicateLink(l, sides, seen)
		}
	}
	return newDuplicateLink(l.WithoutContacts(), sides, seen)
}

// privateContactsVisible says whether the caller may see a's phones and
// e-mails were they private: its people, its network's and territory's,
// administrators (models.Principal.MaySeeContacts without contact_public).
func (h *Handler) privateContactsVisible(c *gin.Context, a *models.Actor) bool {
	b := *a
	b.ContactPublic = false
	return h.contactsVisible(c, &b)
}

// duplicateVisible applies models.DuplicateLink.VisibleTo for the caller.
func (h *Handler) duplicateVisible(c *gin.Context, l *models.DuplicateLink) bool {
	seesA := l.ActorA != nil && h.privateContactsVisible(c, l.ActorA)
	seesB := l.ActorB != nil && h.privateContactsVisible(c, l.ActorB)
	return l.VisibleTo(seesA, seesB)
}

// ListDuplicates godoc
//
//	@ID			listDuplicates
//	@Summary		List possible duplicates
//	@Description	Pairs of actors from different sources that look like the same place: names (acronyms and abbreviations read), addresses and coordinates, SIRET/SIREN, phones, e-mails and websites are weighed, and each link lists its reasons. A pair is linked when its score, or its public score (phones and e-mails that are not public left out, a public one weighed by its public carriers), reaches 0.6. To a caller who may not see both actors' contact details were they private, the link is shown as their public data alone make it: the public score, no same_phone, same_email, france_services_contacts, own_contacts, named_contact, mail_domain, named_domain, town_domain or initials_domain drawn from contacts that are not public, and the pair's identity_score and name_score without them (a reason's count of places sharing a value counts public carriers only); and a link whose public score is under 0.6 does not exist for them (not listed, 404 on its id, and exclude_duplicates does not hide its newer actor). Those who see every contact may read a score under 0.6 when the public score made the link. Links are made after a sync or an import commits, so one may appear a moment after the write. Nothing is merged: coordinators confirm or dismiss each link. A link with an archived actor is left out, as lists leave archived records out (GET on the actor answers 410), unless include_archived=true is asked: its archived side then shows what /api/v1/actors?include_archived=true shows of it; a restore brings the link back.
//	@Tags			duplicates
//	@Produce		json
//	@Security		Anonymous
//	@Security		BearerAuth
//	@Security		PartnerClient
//	@Param			status		query		[]string	false	"suggested, confirmed, dismissed"	collectionFormat(csv)
//	@Param			actor_id	query		string		false	"Links of this actor"	format(uuid)
//	@Param			include_archived	query	bool	false	"Include the links of archived actors, left out otherwise as lists leave archived records out"
//	@Param			departement	query		[]string	false	"Links with a record in one of these départements (codes or names). A territorial coordinator who gives none lists the links of their territory (a record in one of its départements or communes) unless everywhere=true"	collectionFormat(csv)	example(16)
//	@Param			everywhere	query		bool		false	"For a territorial coordinator: list every département's links, not only their territory's"
//	@Param			min_score	query		number		false	"Links scoring at least this (0 to 1): the score shown to the caller (the public score unless they may see both records' private contacts; administrators: the stored score)"	minimum(0)	maximum(1)
//	@Param			max_score	query		number		false	"Links scoring at most this (0 to 1), read as min_score"	minimum(0)	maximum(1)
//	@Param			cursor		query		string		false	"The next_cursor of the previous page of this list, with the same parameters (limit aside); a cursor of another list or of other parameters answers 400"
//	@Param			limit		query		int			false	"Page size"	minimum(1)	maximum(200)	default(20)
//	@Success		200			{object}	DuplicateList
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem	"A token was sent but is invalid"
//	@Router			/api/v1/duplicates [get]
func (h *Handler) ListDuplicates(c *gin.Context) error {
	q := queryOf(c)
	f := models.DuplicateFilter{ActorID: q.id("actor_id"), IncludeArchived: q.flag("include_archived"), ListParams: q.page(models.SortID)}
	for _, s := range q.strings("status") {
		switch s {
		case models.DuplicateSuggested, models.DuplicateConfirmed, models.DuplicateDismissed:
			f.Statuses = append(f.Statuses, s)
		default:
			q.errs.Addf("status", "%q is not suggested, confirmed or dismissed", clip(s))
		}
	}
	f.Departements, f.MinScore, f.MaxScore = q.departements("departement"), q.fraction("min_score"), q.fraction("max_score")
	everywhere := q.flag("everywhere")
	if err := q.err(); err != nil {
		return err
	}
	f.Viewer = principal(c)
	// A coordinator's review queue is their territory (probe 40b M5: 157
	// of 208 links were other départements'); the list stays public, so
	// departement or everywhere reads any other.
	if p := f.Viewer; p.IsCoordinator() && !p.IsAdmin() && len(f.Departements) == 0 && !everywhere {
		t := p.Coordinates
		f.Territory = &t
	}
	page, err := h.Store.ListDuplicates(c.Request.Context(), f)
	if err != nil {
		return err
	}
	links := make([]*models.DuplicateLink, len(page.Items))
	for i := range page.Items {
		links[i] = &page.Items[i]
	}
	sides, err := h.sidesOf(c, links...)
	if err != nil {
		return err
	}
	out := DuplicateList{Data: make([]DuplicateLink, len(page.Items))}
	for i := range page.Items {
		out.Data[i] = h.duplicateLinkView(c, &page.Items[i], sides)
	}
	out.Meta, out.Links = listMeta(c, f.ListParams, page.Total, page.NextCursor)
	writeJSON(c, http.StatusOK, out)
	return nil
}

// ConfirmDuplicate godoc
//
//	@ID			confirmDuplicate
//	@Summary		Confirm a possible duplicate
//	@Description	Says the two actors are the same place. Nothing is merged: one record is kept, the other hidden, and the answer names both (kept, hidden). keep chooses the record kept; without it, kept_by_default is (the better quality score, then the fresher producer date, then the older record). Search, orientation, the exports and HSDS then serve the place once, in its kept record, with its producer, id and date, as the territory diagnostic counts it (include_duplicates=true shows both; the hidden record stays readable by its id, its duplicate_of naming the record that serves the place, the kept one or, through a chain, the record at its end; lists with exclude_duplicates=true hide it too). Records confirmed as one place are served once: a confirmation hides a record that is served, so when one side already stands for a third record (A≈C confirmed, now B≈C), the other side is hidden (B stands for C, the place is served as A); a keep that would serve the place twice, or a link between two records that each stand for another, answers 409 naming the confirmed link in the way. Confirming a confirmed link again with another keep changes the record kept (the same rules apply); confirming it again as it stands changes nothing (decided_at and updated_at stay); dismissing it undoes the confirmation. A link whose public score is under 0.6 (owed to contacts that are not public) hides nothing there, for anyone; nor does a link with an archived actor, until its restore. Needs the right to moderate both actors (their managers, the coordinators of their territory, administrators). Hiding the record of a structure with a team (members whose accounts are not disabled) is that structure's own decision: it needs its managers (its own or its network's) or an administrator, never a coordinator's right on the territory (403 saying who decides; the link stays suggested, and the structure's managers list it and may dismiss it). Each decision on a link of a structure with a team is recorded in that structure's security trail (actor.duplicate_decided).
//	@Tags			duplicates
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Link id"	format(uuid)
//	@Param			body	body		DuplicateConfirmInput	false	"The record to keep (optional: no body keeps kept_by_default)"
//	@Success		200	{object}	DuplicateLink
//	@Failure		400	{object}	Problem	"An unknown query parameter"
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem	"The caller may not moderate both records, or the confirmation would hide the record of a structure with a team whose manager the caller is not"
//	@Failure		404	{object}	Problem
//	@Failure		409	{object}	Problem	"Keeping that record would serve one place twice (the problem names the confirmed link in the way)"
//	@Failure		413	{object}	Problem
//	@Failure		415	{object}	Problem
//	@Failure		422	{object}	Problem	"keep is neither of the link's records"
//	@Router			/api/v1/duplicates/{id}/confirm [post]
func (h *Handler) ConfirmDuplicate(c *gin.Context) error {
	var in DuplicateConfirmInput
	if err := decodeOptionalJSON(c, &in); err != nil {
		return err
	}
	return h.decideDuplicate(c, models.Decision{Status: models.DuplicateConfirmed, Keep: in.Keep})
}

// DuplicateConfirmInput chooses the record a confirmation keeps.
type DuplicateConfirmInput struct {
	// actor_a.id or actor_b.id: the record served; the other stands for it. Omitted: kept_by_default.
	Keep string `json:"keep,omitempty" format:"uuid"`
}

// decodeOptionalJSON decodes a JSON body into dst when one is sent: a
// request with no body (no Content-Type, nothing to read) leaves dst as is.
func decodeOptionalJSON(c *gin.Context, dst any) error {
	if c.Request.ContentLength == 0 && c.GetHeader("Content-Type") == "" {
		return nil
	}
	return decodeJSON(c, dst)
}

// DismissDuplicate godoc
//
//	@ID			dismissDuplicate
//	@Summary		Dismiss a possible duplicate
//	@Description	Says the two actors are different places: both show in lists, search, orientation, the exports and HSDS again, and later syncs never link them again. Needs the right to moderate one of the two actors while the link is suggested, both to undo a confirmation; the managers of the record a confirmation hides (its own or its network's) undo it alone, recorded in their structure's security trail (actor.duplicate_decided).
//	@Tags			duplicates
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Link id"	format(uuid)
//	@Success		200	{object}	DuplicateLink
//	@Failure		400	{object}	Problem	"An unknown query parameter"
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Router			/api/v1/duplicates/{id}/dismiss [post]
func (h *Handler) DismissDuplicate(c *gin.Context) error {
	return h.decideDuplicate(c, models.Decision{Status: models.DuplicateDismissed})
}

// decideDuplicate: confirming, or undoing a confirmation, needs the right
// to moderate both actors; dismissing a suggested link the right on one of
// them (Principal.CanDecideDuplicate, applied by Store.DecideDuplicate);
// the managers of the record a confirmation hides undo it alone.
func (h *Handler) decideDuplicate(c *gin.Context, d models.Decision) error {
	ctx := c.Request.Context()
	l, err := h.Store.GetDuplicate(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	// A link that does not exist for the caller answers as an unknown
	// id, before any right is weighed: a 403 would say it exists.
	if !h.duplicateVisible(c, l) {
		return models.Errorf(models.ENOTFOUND, "No duplicate link has the id %q.", l.ID)
	}
	// The right (Principal.CanDecideDuplicate) is weighed by the store,
	// inside the write, on the status it changes.
	out, err := h.Store.DecideDuplicate(ctx, l.ID, d)
	if err != nil {
		return err
	}
	return h.writeLink(c, http.StatusOK, out)
}

// writeLink answers one link as the caller may see it.
func (h *Handler) writeLink(c *gin.Context, status int, l *models.DuplicateLink) error {
	sides, err := h.sidesOf(c, l)
	if err != nil {
		return err
	}
	writeJSON(c, status, h.duplicateLinkView(c, l, sides))
	return nil
}

// DuplicateCreateInput names two records a moderator says may be one place.
type DuplicateCreateInput struct {
	ActorA string `json:"actor_a" format:"uuid"`
	ActorB string `json:"actor_b" format:"uuid"`
}

// CreateDuplicate godoc
//
//	@ID			createDuplicate
//	@Summary		Record a duplicate link Carnet did not suggest
//	@Description	Records a suggested link between two live records a moderator sees are one place (Carnet compares only records of different sources: one file holding a place twice is never suggested). The link carries the pair's comparison (scores, reasons; origin recorded), exists for anyone, and is confirmed or dismissed as any other; detection never removes it nor changes its status, but rescores it when either record changes: confirmed, it stops hiding a record once its score falls below both the score it was recorded with and 0.6. Needs what a confirmation needs, the right to moderate both records (administrators, the coordinators of their territory, their managers): a caller who moderates nothing answers 403; a record outside the caller's rights, archived or unknown, or the same record twice, 422 naming actor_a or actor_b; a link of the pair (whatever its status) 409 naming it. The stored link lists the older record as actor_a.
//	@Tags			duplicates
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			body	body		DuplicateCreateInput	true	"The two records"
//	@Success		201	{object}	DuplicateLink
//	@Failure		400	{object}	Problem
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		409	{object}	Problem	"A link of the pair exists"
//	@Failure		413	{object}	Problem
//	@Failure		415	{object}	Problem
//	@Failure		422	{object}	Problem
//	@Router			/api/v1/duplicates [post]
func (h *Handler) CreateDuplicate(c *gin.Context) error {
	var in DuplicateCreateInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	l, err := h.Store.CreateDuplicate(c.Request.Context(), in.ActorA, in.ActorB)
	if err != nil {
		return err
	}
	return h.writeLink(c, http.StatusCreated, l)
}
