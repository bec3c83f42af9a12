package handlers

import (
	"encoding/base64"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"carnet/models"
	"carnet/models/commune"
	"carnet/models/ident"
)

// Commune is an entry of the official commune reference (INSEE COG).
type Commune struct {
	// INSEE code (code officiel géographique).
	Code string `json:"code" example:"13055"`
	// Official name.
	Name string `json:"name" example:"Marseille"`
	Type string `json:"type" enums:"commune,arrondissement" example:"commune"`
	// For an arrondissement of Paris, Lyon or Marseille, its city's code; null otherwise.
	City            *string  `json:"city" extensions:"x-nullable" example:"13055"`
	PostalCodes     []string `json:"postal_codes" example:"13001,13002"`
	Departement     string   `json:"departement" example:"13"`
	DepartementName string   `json:"departement_name" example:"Bouches-du-Rhône"`
	Region          string   `json:"region" example:"93"`
	RegionName      string   `json:"region_name" example:"Provence-Alpes-Côte d'Azur"`
	// metro, drom (overseas départements) or com (overseas collectivities).
	Zone string `json:"zone" enums:"metro,drom,com" example:"metro"`
	// IANA time zone in which the commune's opening hours are meant.
	TimeZone string `json:"time_zone" example:"Europe/Paris"`
	// Legal municipal population.
	Population int `json:"population" example:"886040"`
	// Centre point; null for the few communes without a published one.
	Latitude  *float64 `json:"latitude" extensions:"x-nullable" example:"43.29695"`
	Longitude *float64 `json:"longitude" extensions:"x-nullable" example:"5.38107"`
}

// CommuneList is a page of communes.
type CommuneList struct {
	Data  []Commune `json:"data"`
	Meta  ListMeta  `json:"meta"`
	Links ListLinks `json:"links"`
}

func newCommune(c *commune.Commune) Commune {
	out := Commune{Code: c.Code, Name: c.Name, Type: "commune", PostalCodes: c.PostalCodes, Departement: c.Departement,
		DepartementName: commune.DepartementName(c.Departement), Region: c.Region, RegionName: commune.RegionName(c.Region),
		Zone: c.Zone, TimeZone: c.TimeZone, Population: c.Population}
	if out.PostalCodes == nil {
		out.PostalCodes = []string{}
	}
	if c.IsArrondissement() {
		out.Type, out.City = "arrondissement", ptr(c.City)
	}
	if c.HasCentre {
		out.Latitude, out.Longitude = ptr(c.Lat), ptr(c.Lon)
	}
	return out
}

// ListCommunes godoc
//
//	@ID			listCommunes
//	@Summary		Find a commune
//	@Description	The official commune reference (INSEE Code officiel géographique 2025, from Etalab's découpage administratif; postal codes; legal populations; centre points), for clients to pick a commune: q is a name prefix (case, accents, hyphens and « St »/« Ste » ignored, the leading article optional) or a code: a current INSEE code, else a postal code's communes (75001 is Paris 1er), else a former commune's code (its current commune), the most populated first, then the current communes of former or delegated communes whose name begins so (« Cherbourg-Octeville » → Cherbourg-en-Cotentin); or filter by departement or postal_code. The arrondissements of Paris, Lyon and Marseille are found by their names (« Marseille 2e ») and listed after their city with arrondissements=true.
//	@Tags			communes
//	@Produce		json
//	@Security		Anonymous
//	@Security		BearerAuth
//	@Security		PartnerClient
//	@Param			q				query		string	false	"Name prefix or INSEE code"	maxlength(500)	example(st etie)
//	@Param			departement		query		string	false	"Département code (13, 2A, 974) or name (Bouches-du-Rhône)"	example(13)
//	@Param			postal_code		query		string	false	"Postal code"	example(98800)
//	@Param			arrondissements	query		bool	false	"Include the municipal arrondissements of Paris, Lyon and Marseille"
//	@Param			cursor			query		string	false	"The next_cursor of the previous page of this list, with the same parameters (limit aside); a cursor of another list or of other parameters answers 400"
//	@Param			limit			query		int		false	"Page size"	minimum(1)	maximum(200)	default(20)
//	@Success		200				{object}	CommuneList
//	@Failure		400				{object}	Problem	"Invalid query parameter"
//	@Failure		401				{object}	Problem	"A token was sent but is invalid"
//	@Router			/api/v1/communes [get]
func (h *Handler) ListCommunes(c *gin.Context) error {
	q := queryOf(c)
	text := q.words("q")
	dep, _ := q.departement("departement")
	pc := q.one("postal_code")
	withArr := q.flag("arrondissements")
	limit := q.limit(models.DefaultLimit, models.MaxLimit)
	offset := 0
	if s := q.cursor(); s != "" {
		b, err := base64.RawURLEncoding.DecodeString(s)
		n, err2 := strconv.Atoi(strings.TrimPrefix(string(b), "c:"))
		if err != nil || err2 != nil || !strings.HasPrefix(string(b), "c:") || n < 0 {
			q.errs.Add("cursor", "use the next link of a previous page, unchanged")
		}
		offset = n
	}
	if dep != "" && !commune.KnownDepartement(dep) {
		q.errs.Add("departement", "must be a département code such as 13, 2A or 974, or its name")
	}
	if pc != "" && len(commune.ByPostalCode(pc)) == 0 {
		if len(pc) != 5 {
			q.errs.Add("postal_code", "must be a French postal code of 5 digits")
		}
	}
	if text == "" && dep == "" && pc == "" {
		q.errs.Add("q", "give q (a name prefix or an INSEE code), departement or postal_code")
	}
	if err := q.err(); err != nil {
		return err
	}
	var found []*commune.Commune
	switch {
	case text != "":
		found = commune.Search(text)
	case pc != "":
		found = commune.ByPostalCode(pc)
	default:
		found = commune.InDepartement(dep)
	}
	// The same filters apply together; a city's arrondissements follow it
	// when asked for.
	var all []*commune.Commune
	for _, x := range found {
		if dep != "" && x.Departement != dep || pc != "" && !x.HasPostalCode(pc) {
			continue
		}
		if x.IsArrondissement() && !withArr && text == "" {
			continue
		}
		all = append(all, x)
		if withArr && !x.IsArrondissement() && text != "" {
			all = append(all, commune.Arrondissements(x.Code)...)
		}
	}
	out := CommuneList{Data: []Commune{}}
	end := min(offset+limit, len(all))
	for i := min(offset, len(all)); i < end; i++ {
		out.Data = append(out.Data, newCommune(all[i]))
	}
	next := ""
	if end < len(all) {
		// The reference is fixed for the life of the binary, so a position
		// is a stable cursor.
		next = base64.RawURLEncoding.EncodeToString([]byte("c:" + strconv.Itoa(end)))
	}
	out.Meta, out.Links = listMeta(c, models.ListParams{Limit: limit}, int64(len(all)), next)
	writeJSON(c, http.StatusOK, out)
	return nil
}

// communeCodes reads the commune filter of lists and search: each value is
// an INSEE code, a postal code or a name, read by commune.Read (as a
// coordinator's communes are) as the
// import reads an address (« 75001 » is Paris 1er, « La Seyne » La
// Seyne-sur-Mer, « Saint-Denis (974) » the one in Réunion); a city (Paris,
// Lyon, Marseille) stands for itself and all its arrondissements, an
// arrondissement for itself. The request's départements settle a name
// several communes share; one still shared is refused with the communes to
// choose from, the most populated first.
func (q *queryParser) communeCodes(name string) []string {
	var out []string
	deps := q.departementsGiven()
	for _, v := range qualifiedValues(q.raw(name), deps) {
		// A postal code of several communes is all of them, as
		// postal_code= reads it.
		cs, unread := commune.Read(v, deps)
		if unread != nil && unread.INSEE != nil {
			// A code that is one commune's INSEE code and another's
			// postal code (13001: Aix-en-Provence, Marseille 1er): both.
			// A reuser sending INSEE codes keeps its commune, one typing
			// a postal code gets its places; insee:/postal: narrow it.
			cs, unread = append([]*commune.Commune{unread.INSEE}, unread.Postal...), nil
		}
		if unread != nil {
			q.errs.Add(name, unread.Message(func(code string) string { return "departement=" + code }))
			continue
		}
		out = append(out, withArrondissements(cs)...)
	}
	return out
}

// withArrondissements is the codes of cs, each city's followed by its
// arrondissements'.
func withArrondissements(cs []*commune.Commune) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Code)
		for _, a := range commune.Arrondissements(c.Code) {
			out = append(out, a.Code)
		}
	}
	return out
}

// qualifiedValues joins to a name the département or postal code written
// after it and a comma (« Saint-Denis, 974 »), which the comma had made a
// value of its own: a département code always (alone it is no commune), a
// postal code only when the name alone names several communes (otherwise
// « Marseille,13001 » stays two values, Marseille and Aix-en-Provence, as
// lists of values have always been read).
func qualifiedValues(vals, deps []string) []string {
	var out []string
	for i := 0; i < len(vals); i++ {
		v := vals[i]
		if i+1 < len(vals) && commune.ByCode(v) == nil {
			next := vals[i+1]
			_, isDep := departementCode(next)
			isDep = isDep && len(next) <= 3
			if isDep || len(next) == 5 && len(commune.Find(v, deps)) > 1 {
				out = append(out, v+" ("+next+")")
				i++
				continue
			}
		}
		out = append(out, v)
	}
	return out
}

// departementsGiven is the request's valid départements, read without
// reporting (the departement filter reports its own errors).
func (q *queryParser) departementsGiven() []string {
	var out []string
	for _, v := range q.v["departement"] {
		for _, part := range strings.Split(v, ",") {
			if code, ok := departementCode(strings.TrimSpace(part)); ok {
				out = append(out, code)
			}
		}
	}
	return out
}

func clipQuery(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// placeCodes reads commune and insee_code together: both take INSEE codes or
// names; given both, a place must match both.
func (q *queryParser) placeCodes() []string {
	codes := q.communeCodes("commune")
	ic := q.communeCodes("insee_code")
	switch {
	case len(ic) == 0:
		return codes
	case len(codes) == 0:
		return ic
	}
	var both []string
	for _, c := range codes {
		if slices.Contains(ic, c) {
			both = append(both, c)
		}
	}
	if len(both) == 0 {
		return []string{"none"} // matches no place, as asked
	}
	return both
}

// postalCodes reads postal_code, and its older name code_postal on search.
// A postal code of four digits lost its leading zero in a spreadsheet
// (6000 for 06000: no postal code has four digits) and is read with it; a
// département code is refused with the parameter that takes it. The
// placeholder code of Paris, Lyon or Marseille (75000, 69000, 13000) is the
// city's every code, as the commune filter reads it.
func (q *queryParser) postalCodes(alias string) []string {
	var pcs []string
	for _, name := range []string{"postal_code", alias} {
		if name == "" {
			continue
		}
		for _, pc := range q.raw(name) {
			if len(pc) == 4 && ident.ValidPostalCode("0"+pc) {
				pc = "0" + pc
			}
			switch {
			case ident.ValidPostalCode(pc):
				pcs = append(pcs, pc)
				if city := commune.CityOfPlaceholder(pc); city != nil {
					// 13000 is the whole of Marseille, as commune=13000
					// and an address read it: its arrondissements' codes.
					for _, a := range commune.Arrondissements(city.Code) {
						pcs = append(pcs, a.PostalCodes...)
					}
				}
			case len(pc) <= 3 && ident.ValidDepartement(strings.ToUpper(pc)):
				q.errs.Addf(name, "%q is not a postal code of 5 digits: for the département, write departement=%s", clip(pc), strings.ToUpper(pc))
			default:
				q.errs.Addf(name, "%q is not a postal code of 5 digits", clip(pc))
			}
		}
	}
	return pcs
}
