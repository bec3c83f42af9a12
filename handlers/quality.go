package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"carnet/models"
	"carnet/models/ident"
)

// StaleRecord is a record not checked for a while, with what it misses.
type StaleRecord struct {
	ID          string  `json:"id" format:"uuid"`
	Name        string  `json:"name"`
	Source      string  `json:"source"`
	SourceID    string  `json:"source_id"`
	Producer    string  `json:"producer"`
	Address     Address `json:"address"`
	Departement string  `json:"departement" example:"13"`
	// The day the record was last known correct; for an undated record (checked_on_undated), only the day
	// Carnet stored it.
	CheckedOn string `json:"checked_on" format:"date" example:"2023-05-11"`
	// True when the producer gave no date of its own (date_maj, producer_updated_on) and nobody changed the
	// record in Carnet since: nobody is known to have checked the place, so it is listed whatever `months`
	// (and quality.stale is true); what to ask the structure is the day it last checked its record. Its
	// checked_on is the day Carnet stored it, and months_since_check is null.
	CheckedOnUndated bool `json:"checked_on_undated" example:"false"`
	// Who checked_on comes from: producer (its date, as a sync or an import brought it) or carnet (someone changed
	// the record in Carnet that day). Null when checked_on_undated.
	CheckedBy *string `json:"checked_by" enums:"producer,carnet" extensions:"x-nullable" example:"producer"`
	// Whole calendar months since checked_on, on the server's clock (UTC): from 31 January, 1 on 28 February.
	// Null for an undated record (checked_on_undated): nobody is known to have checked it, so the number of
	// months is unknown (counting from the day Carnet stored it said 0 months).
	MonthsSinceCheck *int    `json:"months_since_check" extensions:"x-nullable" example:"18"`
	Quality          Quality `json:"quality"`
}

// StaleList is one page of stale records.
type StaleList struct {
	Data  []StaleRecord `json:"data"`
	Meta  ListMeta      `json:"meta"`
	Links ListLinks     `json:"links"`
}

// ListStale godoc
//
//	@ID			listStale
//	@Summary		List the records of a territory to check again
//	@Description	The live places (not permanently closed) of the caller's territory that were not checked for `months` months (12 by default): neither the producer's date nor a change made in Carnet is that recent. Months are calendar months on the server's clock (UTC days, as checked_on): a dated record is listed exactly when its months_since_check is at least `months`, so one checked exactly `months` months ago is listed that day (and, at 12 months, quality.stale is true), and one checked on 31 January is a month old on 28 February. Undated records (checked_on_undated: synced or imported without the producer's date, not changed in Carnet since) are listed whatever `months`: nobody is known to have checked them, their checked_on is only the day Carnet stored them, and they miss the producer's date. Each comes with its quality score and the criteria it misses, so that a coordinator knows what to ask the structure. Territorial coordinators see their territory (départements and communes, a city with its arrondissements, as for their write rights); administrators see everywhere. Anyone else is refused (403). Filters narrow the list and must lie within the territory.
//	@Tags			quality
//	@Produce		json
//	@Security		BearerAuth
//	@Param			departement	query		[]string	false	"Département codes (13, 2A, 974) or names (Bouches-du-Rhône; case, accents and hyphens ignored)"	collectionFormat(csv)
//	@Param			insee_code	query		[]string	false	"INSEE commune codes or names (Paris, Lyon and Marseille include their arrondissements)"	collectionFormat(csv)
//	@Param			months		query		int			false	"Lists the dated records whose months_since_check is at least this: checked this many whole calendar months ago or earlier (UTC days); undated ones are always listed"	minimum(1)	maximum(120)	default(12)
//	@Param			cursor		query		string		false	"The next_cursor of the previous page of this list, with the same parameters (limit aside); a cursor of another list or of other parameters answers 400"
//	@Param			limit		query		int			false	"Page size"	minimum(1)	maximum(200)	default(20)
//	@Success		200			{object}	StaleList
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		403			{object}	Problem	"Neither a coordinator nor an administrator, or a filter outside the territory"
//	@Router			/api/v1/quality/stale [get]
func (h *Handler) ListStale(c *gin.Context) error {
	q := queryOf(c)
	f := models.StaleFilter{
		Departements: q.departements("departement"),
		// Read as /actors reads it: a city's code (or name) stands for the
		// city and its arrondissements, where its places are filed.
		InseeCodes: q.communeCodes("insee_code"),
		ListParams: q.page(models.SortID),
	}
	f.Months, _ = q.integer("months", 1, 120)
	if err := q.err(); err != nil {
		return err
	}
	p := principal(c)
	switch {
	case p.IsAdmin():
	case p.IsCoordinator():
		t := p.Coordinates
		for _, d := range f.Departements {
			if !t.Covers(d, "") {
				return models.Errorf(models.EFORBIDDEN, "The département %s is outside your territory.", d)
			}
		}
		// Covers is the coordinator's write rule: a city covers its
		// arrondissements.
		for _, code := range f.InseeCodes {
			if !t.Covers(ident.DepartementFromINSEE(code), code) {
				return models.Errorf(models.EFORBIDDEN, "The commune %s is outside your territory.", code)
			}
		}
		f.Territory = &t
	default:
		return models.Errorf(models.EFORBIDDEN, "Only territorial coordinators (for their territory) and administrators list the records to check again.")
	}
	page, err := h.Store.ListStale(c.Request.Context(), f)
	if err != nil {
		return err
	}
	// The store's clock, which chose the records: the handler's wall
	// clock counted other months and another freshness (sec17).
	now := h.Store.Now()
	out := StaleList{Data: make([]StaleRecord, len(page.Items))}
	for i := range page.Items {
		a := &page.Items[i]
		var months *int
		if checked, err := time.Parse(time.DateOnly, a.CheckedOn); err == nil && !a.CheckedOnUndated {
			n := models.MonthsSince(checked, now)
			months = &n
		}
		out.Data[i] = StaleRecord{ID: a.ID, Name: a.Name, Source: a.Source, SourceID: a.SourceID, Producer: a.Producer,
			Address: Address(a.Address), Departement: a.Departement, CheckedOn: a.CheckedOn, CheckedOnUndated: a.CheckedOnUndated, CheckedBy: checkedBy(a), MonthsSinceCheck: months, Quality: newQuality(a, now)}
	}
	out.Meta, out.Links = listMeta(c, f.ListParams, page.Total, page.NextCursor)
	writeJSON(c, http.StatusOK, out)
	return nil
}
