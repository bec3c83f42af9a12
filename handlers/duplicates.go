package handlers

import (
	"net/http"

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
}

// DuplicateReason is one signal behind a link.
type DuplicateReason struct {
	// Stable code. Identifiers and contacts: same_siret, same_siren, same_rna,
	// same_phone, same_email, same_website, same_domain, named_domain, town_domain, initials_domain,
	// mail_domain. Names: same_name, similar_name, acronym. Addresses and coordinates: same_address,
	// same_street, other_number, same_building, distance, far_coordinates, contacts_elsewhere, other_street,
	// misspelt_street, siret_address, namesake, one_ccas, one_france_services, own_contact_elsewhere,
	// name_of_several_sites, travelling, other_siren. Hosts, networks and doors: host_authority, departement_guest, annex,
	// post_office, post_office_street, one_post_office, france_services_host, france_services_contacts,
	// france_services_street, france_services_address, digital_space_host, digital_space_next_door,
	// digital_space_street, complement_host, library_host, own_contacts, own_page, street_door.
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
	// The older record: lists with exclude_duplicates=true keep it.
	ActorA DuplicateActor `json:"actor_a"`
	// The newer record: hidden by exclude_duplicates=true unless the link is dismissed, and by search,
	// orientation, the exports and HSDS once the link is confirmed.
	ActorB DuplicateActor `json:"actor_b"`
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

func newDuplicateActor(a *models.Actor) DuplicateActor {
	if a == nil {
		return DuplicateActor{}
	}
	return DuplicateActor{ID: a.ID, Name: a.Name, Source: a.Source, SourceID: a.SourceID, Address: Address(a.Address),
		Latitude: a.Latitude, Longitude: a.Longitude, Archived: a.IsArchived()}
}

func newDuplicateLink(l *models.DuplicateLink) DuplicateLink {
	reasons := make([]DuplicateReason, len(l.Reasons))
	for i, r := range l.Reasons {
		reasons[i] = DuplicateReason{Code: r.Code, Label: r.Label}
	}
	return DuplicateLink{ID: l.ID, ActorA: newDuplicateActor(l.ActorA), ActorB: newDuplicateActor(l.ActorB), Score: l.Score,
		NameScore: l.NameScore, AddressScore: l.AddressScore, IdentityScore: l.IdentityScore, DistanceM: l.DistanceM,
		SamePivot: l.SamePivot, Reasons: reasons, Status: l.Status, DecidedAt: stampPtr(l.DecidedAt), CreatedAt: stamp(l.CreatedAt), UpdatedAt: stamp(l.UpdatedAt)}
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
func (h *Handler) duplicateLinkView(c *gin.Context, l *models.DuplicateLink) DuplicateLink {
	if l.ActorA != nil && l.ActorB != nil && h.privateContactsVisible(c, l.ActorA) && h.privateContactsVisible(c, l.ActorB) {
		return newDuplicateLink(l)
	}
	return newDuplicateLink(l.WithoutContacts())
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
//	@Description	Pairs of actors from different sources that look like the same place: names (acronyms and abbreviations read), addresses and coordinates, SIRET/SIREN, phones, e-mails and websites are weighed, and each link lists its reasons. A pair is linked when its score, or its public score (phones and e-mails that are not public left out, a public one weighed by its public carriers), reaches 0.6. To a caller who may not see both actors' contact details were they private, the link is shown as their public data alone make it: the public score, no same_phone, same_email, france_services_contacts, own_contacts, mail_domain, named_domain, town_domain or initials_domain drawn from contacts that are not public, and the pair's identity_score and name_score without them (a reason's count of places sharing a value counts public carriers only); and a link whose public score is under 0.6 does not exist for them (not listed, 404 on its id, and exclude_duplicates does not hide its newer actor). Those who see every contact may read a score under 0.6 when the public score made the link. Links are made after a sync or an import commits, so one may appear a moment after the write. Nothing is merged: coordinators confirm or dismiss each link. A link with an archived actor is left out, as lists leave archived records out (GET on the actor answers 410), unless include_archived=true is asked: its archived side then shows what /api/v1/actors?include_archived=true shows of it; a restore brings the link back.
//	@Tags			duplicates
//	@Produce		json
//	@Security		Anonymous
//	@Security		BearerAuth
//	@Security		PartnerClient
//	@Param			status		query		[]string	false	"suggested, confirmed, dismissed"	collectionFormat(csv)
//	@Param			actor_id	query		string		false	"Links of this actor"	format(uuid)
//	@Param			include_archived	query	bool	false	"Include the links of archived actors, left out otherwise as lists leave archived records out"
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
	if err := q.err(); err != nil {
		return err
	}
	f.Viewer = principal(c)
	page, err := h.Store.ListDuplicates(c.Request.Context(), f)
	if err != nil {
		return err
	}
	out := DuplicateList{Data: make([]DuplicateLink, len(page.Items))}
	for i := range page.Items {
		out.Data[i] = h.duplicateLinkView(c, &page.Items[i])
	}
	out.Meta, out.Links = listMeta(c, f.ListParams, page.Total, page.NextCursor)
	writeJSON(c, http.StatusOK, out)
	return nil
}

// ConfirmDuplicate godoc
//
//	@ID			confirmDuplicate
//	@Summary		Confirm a possible duplicate
//	@Description	Says the two actors are the same place. The link stays (nothing is merged); lists with exclude_duplicates=true keep hiding the newer one, and search, orientation, the exports and HSDS serve the place once, in its older record, as the territory diagnostic counts it (include_duplicates=true shows both; the newer record stays readable by its id, its duplicate_of naming the older one). A link whose public score is under 0.6 (owed to contacts that are not public) hides nothing there, for anyone; nor does a link with an archived actor, until its restore. Needs the right to moderate both actors (their managers, the coordinators of their territory, administrators).
//	@Tags			duplicates
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Link id"	format(uuid)
//	@Success		200	{object}	DuplicateLink
//	@Failure		400	{object}	Problem	"An unknown query parameter"
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Router			/api/v1/duplicates/{id}/confirm [post]
func (h *Handler) ConfirmDuplicate(c *gin.Context) error {
	return h.decideDuplicate(c, models.DuplicateConfirmed)
}

// DismissDuplicate godoc
//
//	@ID			dismissDuplicate
//	@Summary		Dismiss a possible duplicate
//	@Description	Says the two actors are different places: both show in lists, search, orientation, the exports and HSDS again, and later syncs never link them again. Needs the right to moderate one of the two actors while the link is suggested, both to undo a confirmation.
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
	return h.decideDuplicate(c, models.DuplicateDismissed)
}

// decideDuplicate: confirming, or undoing a confirmation, needs the right
// to moderate both actors; dismissing a suggested link the right on one of
// them (Principal.CanDecideDuplicate, applied by Store.DecideDuplicate).
func (h *Handler) decideDuplicate(c *gin.Context, status string) error {
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
	out, err := h.Store.DecideDuplicate(ctx, l.ID, status)
	if err != nil {
		return err
	}
	writeJSON(c, http.StatusOK, h.duplicateLinkView(c, out))
	return nil
}
