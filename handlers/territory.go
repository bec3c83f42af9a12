package handlers

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"carnet/models"
	"carnet/models/commune"
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

// TerritoryCommune is a commune of the area (an arrondissement when the
// area is one) with its figures.
type TerritoryCommune struct {
	InseeCode  string `json:"insee_code" example:"13056"`
	PostalCode string `json:"postal_code" example:"13500"`
	// Official name.
	Name string `json:"name" example:"Martigues"`
	// Legal municipal population.
	Population int `json:"population" example:"49345"`
	// Active places of the directory in the commune.
	Actors int `json:"actors" example:"3"`
	// Centre point of the commune; null for the few without one.
	Latitude  *float64 `json:"latitude" extensions:"x-nullable" example:"43.405"`
	Longitude *float64 `json:"longitude" extensions:"x-nullable" example:"5.048"`
}

// GapCommune is a commune of the area far from any place offering a theme.
type GapCommune struct {
	TerritoryCommune
	// Distance from the commune's centre to the nearest place offering the
	// theme; null when none is within 100 km.
	NearestKM *float64 `json:"nearest_km" extensions:"x-nullable" example:"14.2"`
}

// AreaCommune is a commune of the area with the themes it lacks.
type AreaCommune struct {
	TerritoryCommune
	// Themes with no place offering them within gap_km of the commune.
	GapThemes []string `json:"gap_themes" extensions:"x-vocabulary=themes"`
}

// ThemeGap is, for one theme, the people of the area living in communes
// whose nearest place offering it is farther than gap_km.
type ThemeGap struct {
	Theme string `json:"theme" extensions:"x-vocabulary=themes"`
	// Inhabitants of those communes.
	Population int `json:"population" example:"120000"`
	// Of the area's population, 0 to 1.
	Share float64 `json:"share" example:"0.06"`
	// The communes, the most populated first.
	Communes []GapCommune `json:"communes"`
}

// TerritoryStats is the diagnostic of an area.
type TerritoryStats struct {
	Area TerritoryArea `json:"area"`
	// Active actors of the area, and their published services.
	Actors   int `json:"actors" example:"104"`
	Services int `json:"services" example:"230"`
	// Communes of the area (official reference) and their population.
	Communes   int `json:"communes" example:"119"`
	Population int `json:"population" example:"2043110"`
	// Communes of the area without any active place, and their population.
	CommunesWithoutPlace   int `json:"communes_without_place" example:"60"`
	PopulationWithoutPlace int `json:"population_without_place" example:"150000"`
	// Actors of the area whose address could not be resolved to a commune.
	UnplacedActors int `json:"unplaced_actors" example:"0"`
	// Actors of the area left out of every figure because a coordinator
	// confirmed them as the same place as an older record (a confirmed
	// duplicate link): that place counts once, in its kept record.
	// Suggested links change no figure.
	ConfirmedDuplicates int             `json:"confirmed_duplicates" example:"0"`
	Typologies          []TypologyCount `json:"typologies"`
	Themes              []OfferShare    `json:"themes"`
	// A service is of a kind when it is its own or when its accompaniment
	// modes give it (Dans un atelier collectif: collective_workshop; En
	// autonomie: equipment_access; Accompagnement individuel:
	// procedures_done_with with the administrative procedures theme,
	// one_off_help otherwise), as the kind filter of GET /api/v1/services
	// and the searches read it: actors and services are the totals of those
	// lists with that kind.
	Kinds []OfferShare `json:"kinds"`
	// The distance beyond which a commune counts as not served.
	GapKM float64    `json:"gap_km" example:"10"`
	Gaps  []ThemeGap `json:"gaps"`
	// Every commune of the area, the most populated first.
	AreaCommunes []AreaCommune `json:"area_communes"`
}

// TerritoryStats godoc
//
//	@ID			getTerritoryStats
//	@Summary		Describe a territory
//	@Description	A diagnostic of an area (one of departement, commune or near) over the real territory: every commune of the area from the official reference (INSEE COG) with its legal population, whether the directory has places there or not. It gives the active actors by typology, the share of them offering each theme and each kind of service, and for each theme the gap: the inhabitants of the communes whose nearest place offering it (anywhere, borders do not stop people) is farther than gap_km from the commune's centre, their share of the area's population, and those communes ranked by population — communes without any place included. A place without coordinates is located at its commune's centre; a commune where a place offers the theme is served. A place a coordinator confirmed as the same as another record (a confirmed duplicate link) counts once, in its kept record, in every figure (confirmed_duplicates says how many records were left out); a suggested link changes no figure. A kind is a service's own or one its accompaniment modes give, as the kind filters read it. commune takes an INSEE code or a name; Paris, Lyon and Marseille are described whole, or one arrondissement with its code or name (Marseille 2e). Send Accept: text/csv for a CSV with one row per figure (section,value,label,count,share,services,insee_code,postal_code,commune,population,nearest_km); GET /api/v1/stats/territory/geojson gives the communes as map points.
//	@Tags			stats
//	@Produce		json
//	@Produce		text/csv
//	@Security		Anonymous
//	@Security		BearerAuth
//	@Security		PartnerClient
//	@Param			departement	query		string		false	"Département code (13, 2A, 974) or name (Bouches-du-Rhône)"	example(13)
//	@Param			commune		query		string		false	"Commune: INSEE code, postal code or name; a code both one commune's INSEE code and another's postal code (13001) is refused: write insee:13001 or postal:13001"	example(Marseille)
//	@Param			near		query		string		false	"latitude,longitude"
//	@Param			radius_km	query		number		false	"Radius around near"	minimum(0)	extensions(x-exclusive-minimum)	maximum(100)	default(10)
//	@Param			gap_km		query		number		false	"Distance beyond which a commune is not served"	minimum(0)	extensions(x-exclusive-minimum)	maximum(100)	default(10)	example(10)
//	@Param			themes		query		[]string	false	"Themes to look for gaps in (default: all)"	collectionFormat(csv)	extensions(x-vocabulary=themes)
//	@Success		200			{object}	TerritoryStats
//	@Failure		400			{object}	Problem	"Invalid query parameter"
//	@Failure		401			{object}	Problem	"A token was sent but is invalid"
//	@Router			/api/v1/stats/territory [get]
func (h *Handler) TerritoryStats(c *gin.Context) error {
	out, err := h.territory(c)
	if err != nil {
		return err
	}
	if wantsCSV(c.GetHeader("Accept")) {
		return writeTerritoryCSV(c, out)
	}
	writeJSON(c, http.StatusOK, out)
	return nil
}

// TerritoryFeature is a commune of the area as a GeoJSON point.
type TerritoryFeature struct {
	Type string `json:"type" enums:"Feature"`
	// A Point at the commune's centre; null for the few without one.
	Geometry   *GeoPoint   `json:"geometry" extensions:"x-nullable"`
	Properties AreaCommune `json:"properties"`
}

// GeoPoint is a GeoJSON Point: [longitude, latitude].
type GeoPoint struct {
	Type        string    `json:"type" enums:"Point"`
	Coordinates []float64 `json:"coordinates" example:"5.048,43.405"`
}

// TerritoryGeoJSON is the diagnostic's communes as a FeatureCollection.
type TerritoryGeoJSON struct {
	Type     string             `json:"type" enums:"FeatureCollection"`
	Features []TerritoryFeature `json:"features"`
}

// TerritoryGeoJSON godoc
//
//	@ID			getTerritoryGeoJSON
//	@Summary		Map a territory's diagnostic
//	@Description	The communes of GET /api/v1/stats/territory (same parameters) as a GeoJSON FeatureCollection of points at their centres, each with its population, its active places and the themes it lacks within gap_km, for maps.
//	@Tags			stats
//	@Produce		application/geo+json
//	@Produce		json
//	@Security		Anonymous
//	@Security		BearerAuth
//	@Security		PartnerClient
//	@Param			departement	query		string		false	"Département code (13, 2A, 974) or name (Bouches-du-Rhône)"
//	@Param			commune		query		string		false	"Commune: INSEE code, postal code or name; a code both one commune's INSEE code and another's postal code (13001) is refused: write insee:13001 or postal:13001"
//	@Param			near		query		string		false	"latitude,longitude"
//	@Param			radius_km	query		number		false	"Radius around near"	minimum(0)	extensions(x-exclusive-minimum)	maximum(100)	default(10)
//	@Param			gap_km		query		number		false	"Distance beyond which a commune is not served"	minimum(0)	extensions(x-exclusive-minimum)	maximum(100)	default(10)
//	@Param			themes		query		[]string	false	"Themes to look for gaps in (default: all)"	collectionFormat(csv)	extensions(x-vocabulary=themes)
//	@Success		200			{object}	TerritoryGeoJSON
//	@Failure		400			{object}	Problem	"Invalid query parameter"
//	@Failure		401			{object}	Problem	"A token was sent but is invalid"
//	@Router			/api/v1/stats/territory/geojson [get]
func (h *Handler) TerritoryGeoJSON(c *gin.Context) error {
	out, err := h.territory(c)
	if err != nil {
		return err
	}
	fc := TerritoryGeoJSON{Type: "FeatureCollection", Features: make([]TerritoryFeature, 0, len(out.AreaCommunes))}
	for _, cm := range out.AreaCommunes {
		f := TerritoryFeature{Type: "Feature", Properties: cm}
		if cm.Latitude != nil {
			f.Geometry = &GeoPoint{Type: "Point", Coordinates: []float64{*cm.Longitude, *cm.Latitude}}
		}
		fc.Features = append(fc.Features, f)
	}
	c.Header("Content-Disposition", `inline; filename="territoire.geojson"`)
	c.Render(http.StatusOK, jsonRender{fc, "application/geo+json"})
	return nil
}

func (h *Handler) territory(c *gin.Context) (TerritoryStats, error) {
	q := queryOf(c)
	dep, depGiven := q.departement("departement")
	tq := search.TerritoryQuery{
		Departement: dep,
		Near:        q.point("near"),
		Themes:      q.vocab("themes", vocab.NameThemes),
	}
	tq.RadiusKM = q.km("radius_km")
	tq.GapKM = q.km("gap_km")
	area := TerritoryArea{}
	n := 0
	if depGiven {
		n++
		area = TerritoryArea{Kind: "departement", Value: tq.Departement}
		if tq.Departement != "" && !commune.KnownDepartement(tq.Departement) {
			q.errs.Add("departement", "must be a département code such as 13, 2A or 974, or its name")
		}
	}
	if v := q.one("commune"); v != "" {
		n++
		// One commune: a city stands for itself, whole. A code that is
		// one commune's INSEE code and another's postal code (13001) is
		// refused naming both, which the lists read together: a report
		// describes one commune.
		if _, u := commune.Read(v, nil); u != nil && u.INSEE != nil {
			q.errs.Add("commune", u.Message(func(code string) string { return "departement=" + code }))
		} else if codes := q.communeCodes("commune"); len(codes) > 0 {
			tq.InseeCode = codes[0]
		}
		area = TerritoryArea{Kind: "commune", Value: tq.InseeCode}
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
	err := q.err()
	if err != nil {
		return TerritoryStats{}, err
	}
	if tq.SameAs, err = h.Store.ConfirmedDuplicates(c.Request.Context()); err != nil {
		return TerritoryStats{}, err
	}
	rep, err := h.Search.Territory(c.Request.Context(), tq)
	if err != nil {
		return TerritoryStats{}, err
	}
	return newTerritoryStats(area, rep), nil
}

// km reads an optional distance in kilometres (0 when absent).
func (q *queryParser) km(name string) float64 {
	v, present, ok := q.number(name)
	if !present {
		return 0
	}
	if !ok || v <= 0 || v > search.MaxRadiusKM {
		q.errs.Add(name, "must be a number of kilometres from 0 (excluded) to 100")
		return 0
	}
	return v
}

func newTerritoryCommune(c search.Commune) TerritoryCommune {
	out := TerritoryCommune{InseeCode: c.InseeCode, PostalCode: c.PostalCode, Name: c.Name, Population: c.Population, Actors: c.Actors}
	if c.HasCentre {
		out.Latitude, out.Longitude = ptr(c.Lat), ptr(c.Lon)
	}
	return out
}

func newTerritoryStats(area TerritoryArea, rep search.TerritoryReport) TerritoryStats {
	typ := vocab.MustGet(vocab.NameTypologies)
	out := TerritoryStats{Area: area, Actors: rep.Actors, Services: rep.Services, Communes: rep.Communes, GapKM: rep.GapKM,
		Population: rep.Population, CommunesWithoutPlace: rep.WithoutPlace, PopulationWithoutPlace: rep.WithoutPlacePopulation,
		UnplacedActors: rep.Unplaced, ConfirmedDuplicates: rep.ConfirmedDuplicates,
		Typologies: []TypologyCount{}, Themes: []OfferShare{}, Kinds: []OfferShare{}, Gaps: []ThemeGap{}, AreaCommunes: []AreaCommune{}}
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
		tg := ThemeGap{Theme: g.Theme, Population: g.Population, Share: g.Share, Communes: make([]GapCommune, len(g.Communes))}
		for i, c := range g.Communes {
			tg.Communes[i] = GapCommune{TerritoryCommune: newTerritoryCommune(c), NearestKM: c.NearestKM}
		}
		out.Gaps = append(out.Gaps, tg)
	}
	for _, c := range rep.Places {
		gt := c.GapThemes
		if gt == nil {
			gt = []string{}
		}
		out.AreaCommunes = append(out.AreaCommunes, AreaCommune{TerritoryCommune: newTerritoryCommune(c), GapThemes: gt})
	}
	return out
}

// writeTerritoryCSV writes the diagnostic as one row per figure, with
// explicit columns, so that it opens in a spreadsheet.
func writeTerritoryCSV(c *gin.Context, s TerritoryStats) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	num := func(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
	rows := [][]string{{"section", "value", "label", "count", "share", "services", "insee_code", "postal_code", "commune", "population", "nearest_km"}}
	row := func(cells ...string) { rows = append(rows, append(cells, make([]string, 11-len(cells))...)) }
	row("area", s.Area.Kind, s.Area.Value)
	row("total", "actors", "Acteurs actifs", strconv.Itoa(s.Actors), "", strconv.Itoa(s.Services))
	row("total", "communes", "Communes du territoire", strconv.Itoa(s.Communes), "", "", "", "", "", strconv.Itoa(s.Population))
	row("total", "communes_without_place", "Communes sans aucun lieu", strconv.Itoa(s.CommunesWithoutPlace), "", "", "", "", "", strconv.Itoa(s.PopulationWithoutPlace))
	row("total", "confirmed_duplicates", "Doublons confirmés comptés une fois", strconv.Itoa(s.ConfirmedDuplicates))
	for _, t := range s.Typologies {
		row("typology", t.Value, t.Label, strconv.Itoa(t.Count), num(t.Share))
	}
	for _, t := range s.Themes {
		row("theme", t.Value, t.Label, strconv.Itoa(t.Actors), num(t.Share), strconv.Itoa(t.Services))
	}
	for _, t := range s.Kinds {
		row("kind", t.Value, t.Label, strconv.Itoa(t.Actors), num(t.Share), strconv.Itoa(t.Services))
	}
	for _, g := range s.Gaps {
		label := fmt.Sprintf("Habitants à plus de %s km d'un lieu", num(s.GapKM))
		row("gap_total", g.Theme, label, strconv.Itoa(len(g.Communes)), num(g.Share), "", "", "", "", strconv.Itoa(g.Population))
		for _, cm := range g.Communes {
			nearest := ""
			if cm.NearestKM != nil {
				nearest = num(*cm.NearestKM)
			}
			row("gap", g.Theme, label, strconv.Itoa(cm.Actors), "", "", cm.InseeCode, cm.PostalCode, cm.Name, strconv.Itoa(cm.Population), nearest)
		}
	}
	for _, cm := range s.AreaCommunes {
		row("commune", strings.Join(cm.GapThemes, "|"), "Thèmes manquants", strconv.Itoa(cm.Actors), "", "", cm.InseeCode, cm.PostalCode, cm.Name, strconv.Itoa(cm.Population))
	}
	if err := w.WriteAll(rows); err != nil {
		return models.Internal(err)
	}
	c.Header("Content-Disposition", `attachment; filename="territoire.csv"`)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
	return nil
}
