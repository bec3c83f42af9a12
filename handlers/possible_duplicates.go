package handlers

import (
	"context"
	"slices"

	"carnet/models"
	"carnet/models/search"
)

// One place held by two sources (the hub's
// mediation-numerique-conseiller-numerique-<id> and the Conseillers
// numériques file's <id>) is two records linked by a suggested duplicate
// link until a coordinator decides (issue 11: never merged). Probe 39b M2
// found such a place twice in a top 5, sometimes with other hours. A short
// ranked list (orientation) shows it once and names the other record
// (AlsoListedAs); a paged list (search) keeps both, with its counts and
// pages, and marks each (PossibleDuplicate) so that a map can group them.

// AlsoListedAs is another record of a suggested place: the same place as
// another source holds it (a suggested duplicate link between their
// structures), left out of the list so that a person does not see it twice.
type AlsoListedAs struct {
	// The other record's service, readable at GET /api/v1/services/{id}.
	ID string `json:"id" example:"01J9Z8K5Q2R7V3N4M6P8T0W2Y4"`
	// Its structure, readable at GET /api/v1/actors/{id}.
	ActorID string `json:"actor_id" example:"01J9Z8K5Q2R7V3N4M6P8T0W2Y5"`
	// Its structure's name, as that source writes it.
	Name string `json:"name" example:"ASS VILLA SAINT CAMILLE (GROUPE SOS)"`
	// Who produced that record, and its own date of it (null when it gave
	// none): with updated_at, which record is the more recent.
	Producer          string  `json:"producer" example:"conseiller-numerique"`
	ProducerUpdatedOn *string `json:"producer_updated_on" format:"date" extensions:"x-nullable" example:"2023-05-11"`
	// The last change of that structure anyone may know of.
	UpdatedAt Time `json:"updated_at" format:"date-time"`
	// Whether its opening hours (its service's, else its structure's)
	// differ from the suggestion's: the reasons then say so
	// (hours_differ), and the person should check before going.
	HoursDiffer bool `json:"hours_differ"`
}

// PossibleDuplicate is another record that may be the same place as a
// search hit (a suggested duplicate link between their structures, which
// nobody has confirmed or dismissed yet).
type PossibleDuplicate struct {
	// The other structure, readable at GET /api/v1/actors/{id}.
	ID   string `json:"id" example:"01J9Z8K5Q2R7V3N4M6P8T0W2Y5"`
	Name string `json:"name" example:"ASS VILLA SAINT CAMILLE (GROUPE SOS)"`
	// Who produced that record.
	Producer string `json:"producer" example:"conseiller-numerique"`
	// Whether the two structures' opening hours are the same as written
	// (normalised); false: one of them is out of date, check before going.
	SameHours bool `json:"same_hours"`
}

// hoursDifferReason is added to a suggestion whose other record has other
// hours.
var hoursDifferReason = search.Reason{Code: "hours_differ", Text: "Horaires différents selon la source : vérifier"}

// hoursOf is a service's opening hours: its own, else its structure's.
func hoursOf(sv *models.Service) string {
	if sv.OpeningHours == "" && sv.Actor != nil {
		return sv.Actor.OpeningHours
	}
	return sv.OpeningHours
}

// linkedActors returns the pairs of actors among actorIDs' links that are
// suggested duplicates, both ways, in one query.
func (h *Handler) linkedActors(ctx context.Context, actorIDs []string) (map[[2]string]bool, [][2]models.PairSide, error) {
	slices.Sort(actorIDs)
	pairs, err := h.Store.SuggestedPairs(ctx, slices.Compact(actorIDs))
	if err != nil {
		return nil, nil, err
	}
	linked := make(map[[2]string]bool, 2*len(pairs))
	for _, p := range pairs {
		linked[[2]string{p[0].ID, p[1].ID}], linked[[2]string{p[1].ID, p[0].ID}] = true, true
	}
	return linked, pairs, nil
}

// onceEach keeps, of suggestions (best first) whose structures are linked
// by a suggested duplicate link, the better-ranked one, naming the others
// in also (one of each other structure per kept suggestion, so that two
// services of one record are not folded into one), and returns at most
// limit suggestions.
func onceEach(items []search.Suggestion, linked map[[2]string]bool, limit int) (kept []search.Suggestion, also [][]AlsoListedAs) {
	folded := map[[2]string]bool{} // (kept service, other structure)
	for _, it := range items {
		j := slices.IndexFunc(kept, func(k search.Suggestion) bool {
			return linked[[2]string{k.Service.ActorID, it.Service.ActorID}] && !folded[[2]string{k.Service.ID, it.Service.ActorID}]
		})
		if j < 0 {
			kept, also = append(kept, it), append(also, []AlsoListedAs{})
			continue
		}
		folded[[2]string{kept[j].Service.ID, it.Service.ActorID}] = true
		other := alsoListedAs(it.Service, hoursOf(it.Service) != hoursOf(kept[j].Service))
		also[j] = append(also[j], other)
		if other.HoursDiffer && !slices.Contains(kept[j].Reasons, hoursDifferReason) {
			kept[j].Reasons = append(slices.Clip(kept[j].Reasons), hoursDifferReason)
		}
	}
	if len(kept) > limit {
		kept, also = kept[:limit], also[:limit]
	}
	return kept, also
}

// alsoListedAs describes sv as another record of a suggested place, as
// anyone may read it (the public date: models.Actor.PublicUpdatedAt).
func alsoListedAs(sv *models.Service, hoursDiffer bool) AlsoListedAs {
	out := AlsoListedAs{ID: sv.ID, ActorID: sv.ActorID, HoursDiffer: hoursDiffer}
	if a := sv.Actor; a != nil {
		out.Name, out.Producer, out.ProducerUpdatedOn, out.UpdatedAt = a.Name, a.Producer, optionalDate(a.ProducerUpdatedOn), stamp(a.PublicUpdatedAt)
	}
	return out
}

// possibleDuplicates returns, for each of actorIDs (a page's structures),
// the other records a suggested duplicate link names: one query per page.
func (h *Handler) possibleDuplicates(ctx context.Context, actorIDs []string) (map[string][]PossibleDuplicate, error) {
	_, pairs, err := h.linkedActors(ctx, actorIDs)
	if err != nil {
		return nil, err
	}
	out := map[string][]PossibleDuplicate{}
	for _, p := range pairs {
		same := p[0].OpeningHours == p[1].OpeningHours
		for i, side := range p {
			other := p[1-i]
			out[side.ID] = append(out[side.ID], PossibleDuplicate{ID: other.ID, Name: other.Name, Producer: other.Producer, SameHours: same})
		}
	}
	return out, nil
}

// nonNilDuplicates is ds, [] for none (the field is always a list).
func nonNilDuplicates(ds []PossibleDuplicate) []PossibleDuplicate {
	if ds == nil {
		return []PossibleDuplicate{}
	}
	return ds
}
