package handlers

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"carnet/models"
	"carnet/models/ident"
	"carnet/models/search"
	"carnet/models/vocab"
)

// TerritoryArea says which area was described.
type TerritoryArea struct {
	Kind string `json:"kind" enums:"departement,commune,near" example:"departement"`
	// The département or INSEE code, or "lat,lon" for near.
	Value string `json:"value" example:"13"`
	// For near: the radius in km; null otherwise.
	RadiusKM *float64 `json:"radius_km" extensions:"x-nullable"`
}

// TypologyCount is how many actors of the area have a typology.
type TypologyCount struct {
	// "" for actors without a typology.
	Value string `json:"value" example:"BIB"`
	Label string `json:"label" example:"Bibliothèque / Médiathèque"`
	Count int    `json:"count" example:"12"`
	// Of the area's actors, 0 to 1.
	Share float64 `json:"share" example:"0.12"`
}

// OfferShare is how many actors of the area offer a theme or a kind of
// service, and how many services.
type OfferShare struct {
	Value  string `json:"value" example:"Aide aux démarches administratives"`
	Label  string `json:"label" example:"Aide aux démarches administratives"`
	Actors int    `json:"actors" example:"65"`
	// Of the area's actors, 0 to 1.
	Share    float64 `json:"share" example:"0.65"`
	Services int     `json:"services" example:"80"`
}

// GapCommune is a commune of the area far from any actor offering a theme.
type GapCommune struct {
	InseeCode  string  `json:"insee_code" example:"13056"`
	PostalCode string  `json:"postal_code" example:"13500"`
	Name       string  `json:"name" example:"Martigues"`
	Actors     int     `json:"actors" example:"3"`
	Latitude   float64 `json:"latitude" example:"43.405"`
	Longitude  float64 `json:"longitude" example:"5.048"`
	// Distance to the nearest actor offering the theme; null when none is within 100 km.
	NearestKM *float64 `json:"nearest_km" extensions:"x-nullable" example:"14.2"`
}

// ThemeGap lists the communes of the area without an actor offering a theme
// within gap_km.
type ThemeGap struct {
	Theme    string       `json:"theme" extensions:"x-vocabulary=themes"`
	Communes []GapCommune `json:"communes"`
}

// TerritoryStats is the diagnostic of an area.
type TerritoryStats struct {
	Area TerritoryArea `json:"area"`
	// Active actors of the area, and their published services.
	Actors   int `json:"actors" example:"104"`
	Services int `json:"services" example:"230"`
	// Communes of the area known to the directory (from the actors' addresses).
	Communes   int             `json:"communes" example:"27"`
	Typologies []TypologyCount `json:"typologies"`
	Themes     []OfferShare    `json:"themes"`
	Kinds      []OfferShare    `json:"kinds"`
	// The distance beyond which a commune counts as not served.
	GapKM float64    `json:"gap_km" example:"10"`
	Gaps  []ThemeGap `json:"gaps"`
}

// TerritoryStats godoc
//
//	@Summary		Describe a territory
//	@Description	A diagnostic of an area (one of departement, commune or near): its active actors by typology, the share of them offering each theme (equipment and connection, help with procedures, workshops…) and each kind of service, and the gaps: communes of the area whose nearest actor offering a theme (anywhere, borders do not stop people) is farther than gap_km. The communes of an area are those of its actors' addresses (the directory has no commune reference), each located at the mean of its actors' coordinates; communes whose actors have no coordinates are left out of the gaps. Population is not known, so there is no rate per inhabitant. Send Accept: text/csv for a CSV with one row per figure (section,value,label,count,share,services,insee_code,postal_code,commune,nearest_km).
//	@Tags			stats
//	@Produce		json
//	@Produce		text/csv
//	@Param			departement	query		string		false	"Département code"
//	@Param			commune		query		string		false	"INSEE commune code"
//	@Param			near		query		string		false	"latitude,longitude"
//	@Param			radius_km	query		number		false	"Radius around near"	minimum(0)	maximum(100)	default(10)
//	@Param			gap_km		query		number		false	"Distance beyond which a commune is not served"	minimum(0)	maximum(100)	default(10)
//	@Param			themes		query		[]string	false	"Themes to look for gaps in (default: all)"	collectionFormat(csv)
//	@Success		200			{object}	TerritoryStats
//	@Failure		400			{object}	Problem	"Invalid query parameter"
//	@Failure		401			{object}	Problem	"A token was sent but is invalid"
//	@Router			/api/v1/stats/territory [get]
func (h *Handler) TerritoryStats(c *gin.Context) error {
	q := newQueryParser(c.Request.URL.Query())
	tq := search.TerritoryQuery{
		Departement: q.one("departement"),
		InseeCode:   q.one("commune"),
		Near:        q.point("near"),
		Themes:      q.vocab("themes", vocab.NameThemes),
	}
	tq.RadiusKM = q.km("radius_km")
	tq.GapKM = q.km("gap_km")
	area := TerritoryArea{}
	n := 0
	if tq.Departement != "" {
		n++
		area = TerritoryArea{Kind: "departement", Value: tq.Departement}
		if !ident.ValidDepartement(tq.Departement) {
			q.errs.Add("departement", "must be a département code such as 13, 2A or 974")
		}
	}
	if tq.InseeCode != "" {
		n++
		area = TerritoryArea{Kind: "commune", Value: tq.InseeCode}
		if !ident.ValidINSEE(tq.InseeCode) {
			q.errs.Add("commune", "must be an INSEE commune code such as 13055")
		}
	}
	if tq.Near != nil {
		n++
		r := tq.RadiusKM
		if r == 0 {
			r = search.DefaultRadiusKM
		}
		area = TerritoryArea{Kind: "near", Value: strconv.FormatFloat(tq.Near.Lat, 'f', -1, 64) + "," + strconv.FormatFloat(tq.Near.Lon, 'f', -1, 64), RadiusKM: &r}
	} else if tq.RadiusKM != 0 {
		q.errs.Add("radius_km", "needs near=lat,lon")
	}
	if n != 1 && len(q.errs) == 0 {
		q.errs.Add("departement", "give exactly one of departement, commune or near")
	}
	if err := q.err(); err != nil {
		return err
	}
	rep, err := h.Search.Territory(c.Request.Context(), tq)
	if err != nil {
		return err
	}
	out := newTerritoryStats(area, rep)
	if wantsCSV(c) {
		return writeTerritoryCSV(c, out)
	}
	writeJSON(c, http.StatusOK, out)
	return nil
}

// km reads an optional distance in kilometres (0 when absent).
func (q *queryParser) km(name string) float64 {
	s := q.one(name)
	if s == "" {
		return 0
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 || v > search.MaxRadiusKM || math.IsNaN(v) {
		q.errs.Add(name, "must be a number of kilometres from 0 (excluded) to 100")
		return 0
	}
	return v
}

func newTerritoryStats(area TerritoryArea, rep search.TerritoryReport) TerritoryStats {
	typ := vocab.MustGet(vocab.NameTypologies)
	out := TerritoryStats{Area: area, Actors: rep.Actors, Services: rep.Services, Communes: rep.Communes, GapKM: rep.GapKM,
		Typologies: []TypologyCount{}, Themes: []OfferShare{}, Kinds: []OfferShare{}, Gaps: []ThemeGap{}}
	for _, t := range rep.Typologies {
		label := typ.Label(t.Value)
		if t.Value == "" {
			label = "Typologie non renseignée"
		}
		out.Typologies = append(out.Typologies, TypologyCount{Value: t.Value, Label: label, Count: t.Count, Share: t.Share})
	}
	shares := func(in []search.Share, v *vocab.Vocabulary) []OfferShare {
		o := make([]OfferShare, len(in))
		for i, s := range in {
			o[i] = OfferShare{Value: s.Value, Label: v.Label(s.Value), Actors: s.Actors, Share: s.Share, Services: s.Services}
		}
		return o
	}
	out.Themes = shares(rep.Themes, vocab.MustGet(vocab.NameThemes))
	out.Kinds = shares(rep.Kinds, vocab.MustGet(vocab.NameServiceKinds))
	for _, g := range rep.Gaps {
		tg := ThemeGap{Theme: g.Theme, Communes: make([]GapCommune, len(g.Communes))}
		for i, c := range g.Communes {
			tg.Communes[i] = GapCommune{InseeCode: c.InseeCode, PostalCode: c.PostalCode, Name: c.Name, Actors: c.Actors,
				Latitude: c.Lat, Longitude: c.Lon, NearestKM: c.NearestKM}
		}
		out.Gaps = append(out.Gaps, tg)
	}
	return out
}

// wantsCSV reports whether the client prefers CSV to JSON.
func wantsCSV(c *gin.Context) bool {
	for _, part := range strings.Split(c.GetHeader("Accept"), ",") {
		mt := strings.TrimSpace(strings.SplitN(part, ";", 2)[0])
		switch mt {
		case "text/csv":
			return true
		case "application/json", "*/*":
			return false
		}
	}
	return false
}

// writeTerritoryCSV writes the diagnostic as one row per figure, with
// explicit columns, so that it opens in a spreadsheet.
func writeTerritoryCSV(c *gin.Context, s TerritoryStats) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	rows := [][]string{{"section", "value", "label", "count", "share", "services", "insee_code", "postal_code", "commune", "nearest_km"}}
	rows = append(rows,
		[]string{"area", s.Area.Kind, s.Area.Value, "", "", "", "", "", "", ""},
		[]string{"total", "actors", "Acteurs actifs", strconv.Itoa(s.Actors), "", strconv.Itoa(s.Services), "", "", "", ""},
		[]string{"total", "communes", "Communes connues", strconv.Itoa(s.Communes), "", "", "", "", "", ""})
	for _, t := range s.Typologies {
		rows = append(rows, []string{"typology", t.Value, t.Label, strconv.Itoa(t.Count), num(t.Share), "", "", "", "", ""})
	}
	for _, t := range s.Themes {
		rows = append(rows, []string{"theme", t.Value, t.Label, strconv.Itoa(t.Actors), num(t.Share), strconv.Itoa(t.Services), "", "", "", ""})
	}
	for _, t := range s.Kinds {
		rows = append(rows, []string{"kind", t.Value, t.Label, strconv.Itoa(t.Actors), num(t.Share), strconv.Itoa(t.Services), "", "", "", ""})
	}
	for _, g := range s.Gaps {
		for _, cm := range g.Communes {
			nearest := ""
			if cm.NearestKM != nil {
				nearest = num(*cm.NearestKM)
			}
			rows = append(rows, []string{"gap", g.Theme, fmt.Sprintf("Aucun acteur à moins de %s km", num(s.GapKM)), strconv.Itoa(cm.Actors), "", "", cm.InseeCode, cm.PostalCode, cm.Name, nearest})
		}
	}
	if err := w.WriteAll(rows); err != nil {
		return models.Internal(err)
	}
	c.Header("Content-Disposition", `attachment; filename="territoire.csv"`)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
	return nil
}
