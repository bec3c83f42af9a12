package models

import (
	"context"
	"fmt"
	"math"
	"regexp"
	"strings"
	"time"
	"unicode"

	"gorm.io/gorm"

	"carnet/models/vocab"
)

// This file reads the public directory for read views that show it to
// everyone, such as the Open Referral HSDS view (models/hsds): what
// anonymous readers may see, and nothing else. That is published,
// non-archived services of live places — non-archived actors that are open
// or temporarily closed (a permanently closed place leaves the public
// directory, as in exports and search) — and those places. Pages are
// numbered (offset and limit) because the standards these views follow page
// that way; every page is read in one transaction with its total and what
// it embeds, so that they agree.

// publicActorStatuses are the statuses of live places.
var publicActorStatuses = []string{vocab.ActorActive, vocab.ActorTemporarilyClosed}

func publicActors(q *gorm.DB) *gorm.DB {
	return q.Where("actors.archived_at IS NULL AND actors.status IN ?", publicActorStatuses)
}

func publicServices(q *gorm.DB) *gorm.DB {
	return publicActors(q.Joins("JOIN actors ON actors.id = services.actor_id").
		Where("services.archived_at IS NULL AND services.status = ?", vocab.ServicePublished))
}

// VocabValues names values of one vocabulary (vocab.Name*).
type VocabValues struct {
	Vocabulary string
	Values     []string
}

// Circle is a disc on the ground.
type Circle struct {
	Lat, Lon float64
	Meters   float64
}

// PublicServiceFilter selects public services. Zero fields do not restrict.
type PublicServiceFilter struct {
	IDs      []string
	ActorIDs []string
	// Words must each occur, ignoring case and accents, in the service's
	// name, description or themes, in its actor's name, or in the commune
	// of its place. Words are folded to lower-case ASCII (see SearchWords).
	Words []string
	// Terms keeps services holding at least one of the values (a term of
	// an actor's vocabulary, such as typologies, counts for its services).
	Terms []VocabValues
	// Vocabularies keeps services holding some value of at least one of
	// these vocabularies.
	Vocabularies []string
	// ModifiedAfter keeps services whose record, or whose actor's record
	// (its place, hours and contacts are part of what a service shows),
	// changed at or after this time.
	ModifiedAfter *time.Time
	// PostalCodes and Near select by the service's place: its own address
	// when it has one, else its actor's.
	PostalCodes []string
	Near        *Circle
	// IncludeDuplicates keeps the services of the newer record of each
	// confirmed duplicate link, which are otherwise left out
	// (notAConfirmedDuplicate) unless IDs or ActorIDs name them: they
	// stay readable by their id.
	IncludeDuplicates bool
	Offset            int
	Limit             int // 0 means no rows, only the total
}

// PublicServicePage is one page of public services, each with its Actor.
type PublicServicePage struct {
	Items []Service
	Total int64
	// LiveParents holds, among the parents of the page's actors, those
	// that are public: a view must not point to a place it does not show.
	LiveParents map[string]bool
}

// PublicServices returns one page of public services matching f, in id
// (creation) order.
func (s *Store) PublicServices(ctx context.Context, f PublicServiceFilter) (PublicServicePage, error) {
	var out PublicServicePage
	filter := func(q *gorm.DB) (*gorm.DB, error) {
		q = publicServices(q.Model(&Service{}))
		if len(f.IDs) > 0 {
			q = q.Where("services.id IN ?", f.IDs)
		}
		if len(f.ActorIDs) > 0 {
			q = q.Where("services.actor_id IN ?", f.ActorIDs)
		}
		if !f.IncludeDuplicates && len(f.IDs) == 0 && len(f.ActorIDs) == 0 {
			cond, args := notAConfirmedDuplicate("services.actor_id")
			q = q.Where(cond, args...)
		}
		q = matchWords(q, f.Words, "services.name", "services.description", "services.themes", "actors.name", "actors.commune", "services.location_commune")
		cond, args, err := vocabCondition(dialectOf(q), f.Terms, f.Vocabularies)
		if err != nil {
			return nil, err
		}
		if cond != "" {
			q = q.Where(cond, args...)
		}
		if f.ModifiedAfter != nil {
			t := f.ModifiedAfter.UTC()
			q = q.Where("(services.updated_at >= ? OR actors.public_updated_at >= ?)", t, t) // public surfaces: the public time
		}
		if len(f.PostalCodes) > 0 {
			q = q.Where("(CASE WHEN services.location_postal_code <> '' THEN services.location_postal_code ELSE actors.postal_code END) IN ?", f.PostalCodes)
		}
		if c := f.Near; c != nil {
			lat := "(CASE WHEN services.location_postal_code <> '' THEN services.latitude ELSE actors.latitude END)"
			lon := "(CASE WHEN services.location_postal_code <> '' THEN services.longitude ELSE actors.longitude END)"
			q = withinCircle(q, lat, lon, *c)
		}
		return q, nil
	}
	err := s.read(ctx).Transaction(func(tx *gorm.DB) error {
		q, err := filter(tx)
		if err != nil {
			return err
		}
		if err := q.Count(&out.Total).Error; err != nil {
			return err
		}
		if f.Limit <= 0 {
			return nil
		}
		// scanFast rather than Find and Preload: this is a hot public
		// read, and GORM's per-field conversion was most of its time.
		q, _ = filter(tx)
		if err := scanFast(q.Select("services.*").Order("services.id").Offset(max(f.Offset, 0)).Limit(f.Limit), &out.Items); err != nil {
			return err
		}
		actorIDs := make([]string, 0, len(out.Items))
		seen := map[string]bool{}
		for _, sv := range out.Items {
			if !seen[sv.ActorID] {
				seen[sv.ActorID] = true
				actorIDs = append(actorIDs, sv.ActorID)
			}
		}
		actors := make(map[string]*Actor, len(actorIDs))
		var parents []string
		for _, chunk := range chunks(actorIDs) {
			var batch []Actor
			if err := scanFast(tx.Model(&Actor{}).Where("id IN ?", chunk), &batch); err != nil {
				return err
			}
			for i := range batch {
				actors[batch[i].ID] = &batch[i]
				if batch[i].ParentID != nil {
					parents = append(parents, *batch[i].ParentID)
				}
			}
		}
		for i := range out.Items {
			out.Items[i].Actor = actors[out.Items[i].ActorID]
		}
		out.LiveParents, err = livePublicActors(tx, parents)
		return err
	})
	return out, dbError(err)
}

// PublicActorFilter selects public places.
type PublicActorFilter struct {
	IDs []string
	// Words must each occur, ignoring case and accents, in the actor's
	// name, summary, description or commune.
	Words []string
	// WithServices loads each actor's public services.
	WithServices bool
	// ServicesPerActor keeps, with WithServices, each actor's first
	// services only (in id order, which is creation order), so that a page
	// is bounded whatever a place holds; 0 keeps them all.
	ServicesPerActor int
	// IncludeDuplicates keeps the newer record of each confirmed
	// duplicate link, otherwise left out unless IDs names it.
	IncludeDuplicates bool
	Offset            int
	Limit             int // 0 means no rows, only the total
}

// PublicActorPage is one page of public places.
type PublicActorPage struct {
	Items []Actor
	Total int64
	// ServicesOf maps an actor's id to its public services, in id order,
	// when the filter asked for them.
	ServicesOf  map[string][]Service
	LiveParents map[string]bool
}

// PublicActors returns one page of public places matching f, in id order.
func (s *Store) PublicActors(ctx context.Context, f PublicActorFilter) (PublicActorPage, error) {
	var out PublicActorPage
	filter := func(q *gorm.DB) *gorm.DB {
		q = publicActors(q.Model(&Actor{}))
		if len(f.IDs) > 0 {
			q = q.Where("actors.id IN ?", f.IDs)
		} else if !f.IncludeDuplicates {
			cond, args := notAConfirmedDuplicate("actors.id")
			q = q.Where(cond, args...)
		}
		return matchWords(q, f.Words, "actors.name", "actors.summary", "actors.description", "actors.commune")
	}
	err := s.read(ctx).Transaction(func(tx *gorm.DB) error {
		if err := filter(tx).Count(&out.Total).Error; err != nil {
			return err
		}
		if f.Limit <= 0 {
			return nil
		}
		if err := scanFast(filter(tx).Order("actors.id").Offset(max(f.Offset, 0)).Limit(f.Limit), &out.Items); err != nil {
			return err
		}
		ids := make([]string, len(out.Items))
		var parents []string
		for i, a := range out.Items {
			ids[i] = a.ID
			if a.ParentID != nil {
				parents = append(parents, *a.ParentID)
			}
		}
		var err error
		if out.LiveParents, err = livePublicActors(tx, parents); err != nil {
			return err
		}
		if !f.WithServices || len(ids) == 0 {
			return nil
		}
		out.ServicesOf = make(map[string][]Service, len(ids))
		for _, chunk := range chunks(ids) {
			var batch []Service
			q := tx.Model(&Service{}).Where("services.actor_id IN ? AND services.archived_at IS NULL AND services.status = ?", chunk, vocab.ServicePublished)
			if f.ServicesPerActor > 0 {
				// Numbered per actor in id order, through the index on
				// actor_id: only the first ServicesPerActor of each are
				// read (ROW_NUMBER: SQLite 3.25 and PostgreSQL alike).
				ranked := tx.Model(&Service{}).Select("services.id, ROW_NUMBER() OVER (PARTITION BY services.actor_id ORDER BY services.id) AS rn").
					Where("services.actor_id IN ? AND services.archived_at IS NULL AND services.status = ?", chunk, vocab.ServicePublished)
				q = q.Where("services.id IN (?)", tx.Table("(?) AS ranked", ranked).Select("ranked.id").Where("ranked.rn <= ?", f.ServicesPerActor))
			}
			if err := scanFast(q.Order("services.id"), &batch); err != nil {
				return err
			}
			for _, sv := range batch {
				out.ServicesOf[sv.ActorID] = append(out.ServicesOf[sv.ActorID], sv)
			}
		}
		return nil
	})
	return out, dbError(err)
}

// PostalCodeCentre returns the mean position of the public places with this
// postal code, as the centre of the postal code: the directory has no
// postal-code reference. ok is false when no such place has coordinates.
func (s *Store) PostalCodeCentre(ctx context.Context, code string) (lat, lon float64, ok bool, err error) {
	var row struct {
		N        int64
		Lat, Lon *float64
	}
	q := publicActors(s.read(ctx).Model(&Actor{})).
		Where("actors.postal_code = ? AND actors.latitude IS NOT NULL AND actors.longitude IS NOT NULL", code).
		Select("COUNT(*) AS n, AVG(actors.latitude) AS lat, AVG(actors.longitude) AS lon")
	if err := q.Scan(&row).Error; err != nil {
		return 0, 0, false, dbError(err)
	}
	if row.N == 0 || row.Lat == nil || row.Lon == nil {
		return 0, 0, false, nil
	}
	return *row.Lat, *row.Lon, true, nil
}

// livePublicActors returns which of ids are public places.
func livePublicActors(tx *gorm.DB, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, chunk := range chunks(ids) {
		var live []string
		if err := publicActors(tx.Model(&Actor{})).Where("actors.id IN ?", chunk).Pluck("actors.id", &live).Error; err != nil {
			return nil, err
		}
		for _, id := range live {
			out[id] = true
		}
	}
	return out, nil
}

// vocabColumns maps each vocabulary to the column holding its values: a
// JSON array, except the service's kind.
var vocabColumns = map[string]string{
	vocab.NameThemes:             "services.themes",
	vocab.NamePublics:            "services.publics",
	vocab.NameSpecificSupport:    "services.specific_support",
	vocab.NameFees:               "services.fees",
	vocab.NameAccessModes:        "services.access_modes",
	vocab.NameAccompanimentModes: "services.accompaniment_modes",
	vocab.NameLanguages:          "services.languages",
	vocab.NameServiceKinds:       "services.kind",
	vocab.NameTypologies:         "actors.typologies",
	vocab.NameMobility:           "actors.mobility",
	vocab.NameNationalProgrammes: "actors.national_programmes",
	vocab.NameTrainingLabels:     "actors.training_labels",
}

// vocabCondition builds "holds one of terms (any vocabulary)" AND "holds
// some value of one of vocabularies".
func vocabCondition(d dialect, terms []VocabValues, vocabularies []string) (string, []any, error) {
	var parts []string
	var args []any
	if len(terms) > 0 {
		var alts []string
		for _, t := range terms {
			col, ok := vocabColumns[t.Vocabulary]
			if !ok {
				return "", nil, fmt.Errorf("public directory: no column holds the vocabulary %q", t.Vocabulary)
			}
			if t.Vocabulary == vocab.NameServiceKinds {
				cond, vars := kindCondition(d, t.Values)
				alts = append(alts, cond)
				args = append(args, vars...)
			} else {
				cond, vars := d.anyOf(col, t.Values)
				alts = append(alts, cond)
				args = append(args, vars...)
			}
		}
		parts = append(parts, "("+strings.Join(alts, " OR ")+")")
	}
	if len(vocabularies) > 0 {
		var alts []string
		for _, v := range vocabularies {
			col, ok := vocabColumns[v]
			if !ok {
				return "", nil, fmt.Errorf("public directory: no column holds the vocabulary %q", v)
			}
			if v == vocab.NameServiceKinds {
				alts = append(alts, col+" <> ''")
			} else {
				alts = append(alts, d.nonEmptyArray(col))
			}
		}
		parts = append(parts, "("+strings.Join(alts, " OR ")+")")
	}
	return strings.Join(parts, " AND "), args, nil
}

// withinCircle keeps rows whose position (SQL expressions lat, lon) is within the
// circle, by the equirectangular approximation: plain arithmetic that
// SQLite evaluates without math functions, within 0.5 % of the great-circle
// distance at the radii a directory is searched with (up to 100 km).
func withinCircle(q *gorm.DB, lat, lon string, c Circle) *gorm.DB {
	const metersPerDegree = 111195.08 // mean Earth radius × π / 180
	kx := metersPerDegree * math.Cos(c.Lat*math.Pi/180)
	ky := metersPerDegree
	return q.Where(lat+" IS NOT NULL AND "+lon+" IS NOT NULL AND "+
		"(("+lat+" - ?) * ?) * (("+lat+" - ?) * ?) + (("+lon+" - ?) * ?) * (("+lon+" - ?) * ?) <= ?",
		c.Lat, ky, c.Lat, ky, c.Lon, kx, c.Lon, kx, c.Meters*c.Meters)
}

// matchWords requires every word in at least one of the columns.
func matchWords(q *gorm.DB, words []string, columns ...string) *gorm.DB {
	d := dialectOf(q)
	for _, w := range words {
		conds := make([]string, len(columns))
		args := make([]any, len(columns))
		for i, c := range columns {
			conds[i], args[i] = d.containsWord(c, w)
		}
		q = q.Where("("+strings.Join(conds, " OR ")+")", args...)
	}
	return q
}

// SearchWords splits a free-text query into the words PublicServiceFilter
// and PublicActorFilter match: folded like vocabulary slugs (lower-case
// ASCII, accents and apostrophes dropped), one-letter words left out unless
// nothing else remains.
func SearchWords(q string) []string {
	var words, short []string
	for _, w := range strings.Split(vocab.Slugify(q), "-") {
		switch {
		case w == "":
		case len([]rune(w)) == 1:
			short = append(short, w)
		default:
			words = append(words, w)
		}
	}
	if len(words) == 0 {
		return short
	}
	return words
}

// letterVariants are the accented forms of the letters of French and of
// the languages of names in the directory, so that a folded word matches
// them whatever their case (see the dialects' containsWord).
var letterVariants = map[rune]string{
	'a': "àáâãäå", 'c': "çćč", 'e': "èéêëēėęě", 'i': "ìíîïī", 'n': "ñńň",
	'o': "òóôõöøō", 's': "śšş", 'u': "ùúûüūů", 'y': "ýÿ", 'z': "źżž",
}

// globWord returns a GLOB pattern matching text that contains w, ignoring
// case and accents: each letter becomes a class of its variants
// ("e" → "[eEèÈéÉ…]"). GLOB reads UTF-8 in classes, and unlike LIKE it
// has no escape clause to get wrong: the folded word holds no "*", "?",
// "[" or "]".
func globWord(w string) string {
	var b strings.Builder
	b.WriteByte('*')
	for _, r := range w {
		switch {
		case r == '*' || r == '?' || r == '[' || r == ']':
			b.WriteString("[" + string(r) + "]")
		case unicode.IsLetter(r):
			b.WriteString(letterClass(r))
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('*')
	return b.String()
}

// regexpWord is globWord for PostgreSQL's regular expressions (~): the same
// letter classes, other characters quoted, unanchored.
func regexpWord(w string) string {
	var b strings.Builder
	for _, r := range w {
		if unicode.IsLetter(r) {
			b.WriteString(letterClass(r))
		} else {
			b.WriteString(regexp.QuoteMeta(string(r)))
		}
	}
	return b.String()
}

// letterClass is the bracket class of a letter's lower and upper case and
// their accented variants, the same in GLOB and in regular expressions.
func letterClass(r rune) string {
	var b strings.Builder
	lower, upper := unicode.ToLower(r), unicode.ToUpper(r)
	b.WriteByte('[')
	b.WriteRune(lower)
	if upper != lower {
		b.WriteRune(upper)
	}
	for _, v := range letterVariants[lower] {
		b.WriteRune(v)
		if u := unicode.ToUpper(v); u != v {
			b.WriteRune(u)
		}
	}
	b.WriteByte(']')
	return b.String()
}
