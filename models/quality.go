package models

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"carnet/models/commune"
	"carnet/models/openinghours"
	"carnet/models/vocab"
)

// The quality score of a record says how useful it is to someone looking
// for help, from 0 to 1: the share of the criteria below it meets, weighed.
// It is inspired by data·inclusion's score (a share of criteria met, the
// description, contacts and freshness among them), adapted to places of
// digital inclusion: can a person reach the place (contact, hours,
// coordinates), does the record say what is offered there and on which
// terms, can it be told apart and trusted (an identifier, a commune
// identified), and was it checked recently.
//
// Each criterion is met or not; the score is the sum of the weights met.
// The freshness criterion depends on the day the score is read, so the
// store keeps the score without it and adds it when serving.
type QualityCriterion struct {
	Code   string
	Weight float64
	// Missing says what is missing when the criterion is not met.
	Missing string
}

// Quality criteria codes.
const (
	QualityContact      = "contact"
	QualityHours        = "opening_hours"
	QualityOffer        = "offer"
	QualityOfferDetails = "offer_details"
	QualityCoordinates  = "coordinates"
	QualityDescription  = "description"
	QualityCommune      = "commune"
	QualityIdentifier   = "identifier"
	QualityFresh        = "fresh"
)

// QualityCriteria are the criteria of the score, in order; their weights add
// up to 1.
var QualityCriteria = []QualityCriterion{
	{QualityContact, 0.20, "no website, nor phone or e-mail made public (contact_public)"},
	{QualityHours, 0.15, "no opening hours (OpenStreetMap syntax) on the place or on every published service"},
	{QualityOffer, 0.20, "no published service saying what is offered (themes)"},
	{QualityOfferDetails, 0.10, "no published service saying its fees and how to come (access modes)"},
	{QualityCoordinates, 0.10, "no coordinates, or coordinates more than 25 km from the communes of the postal code"},
	{QualityDescription, 0.05, "no presentation of at least 50 characters"},
	{QualityCommune, 0.05, "the commune is not identified (no INSEE code)"},
	{QualityIdentifier, 0.05, "no SIRET, SIREN or RNA"},
	{QualityFresh, 0.10, "not checked for 12 months (producer's date or last change in Carnet)"},
}

// QualityUndatedMissing is what the freshness criterion misses for a
// record whose producer gave no date (Actor.CheckedOnUndated): the day it
// was imported is not a day anyone checked it.
const QualityUndatedMissing = "no producer's date (date_maj, producer_updated_on): the day of the import or sync is not a day anyone checked the place"

// StaleAfter is how long a record stays fresh after it was checked.
const StaleAfter = 12 // months

// QualityCriterionOf returns the criterion with code.
func QualityCriterionOf(code string) (QualityCriterion, bool) {
	i := slices.IndexFunc(QualityCriteria, func(c QualityCriterion) bool { return c.Code == code })
	if i < 0 {
		return QualityCriterion{}, false
	}
	return QualityCriteria[i], true
}

// qualityService is what the score reads of a service.
type qualityService struct {
	Status       string
	Themes       StringList
	Fees         StringList
	AccessModes  StringList
	OpeningHours string
}

func qualityOfService(sv *Service) qualityService {
	return qualityService{Status: sv.Status, Themes: sv.Themes, Fees: sv.Fees, AccessModes: sv.AccessModes, OpeningHours: sv.OpeningHours}
}

// validHours says whether s is opening hours whose every rule reads.
func validHours(s string) bool {
	if s == "" {
		return false
	}
	_, err := openinghours.Parse(s)
	return err == nil
}

// UnreadableHoursMissing is what the hours criterion misses when the place
// has hours but some rule of them does not read (probe 40b L1: « no
// opening hours » told a coordinator the hours were not there). It names
// the rules, « règle illisible : Sa 10:00 », and "" when hours is empty or
// reads whole. The criterion stays missed: criteria are met or not, and a
// timetable with a rule that does not read leaves that rule's days unknown
// (search never shows the place open then), so no part of the weight is
// credited for the rules that read.
func UnreadableHoursMissing(hours string) string {
	if hours == "" || validHours(hours) {
		return ""
	}
	_, bad, err := openinghours.ParseLenient(hours)
	var rules []string
	for _, u := range bad {
		rules = append(rules, "règle illisible : "+u.Text)
	}
	if err != nil || len(rules) == 0 {
		rules = []string{"règle illisible : " + clip(hours)}
	}
	return "opening hours that do not read whole in OpenStreetMap syntax (" + strings.Join(rules, "; ") +
		"): the days of that rule are unknown; write it in OpenStreetMap syntax"
}

// scoreQuality returns the score of a without freshness, and the criteria
// it misses, from its live services.
func scoreQuality(a *Actor, services []qualityService) (float64, StringList) {
	met := map[string]bool{}
	// The score is public (every actor's body, quality_min, the quality
	// export): phones and e-mails count only when anyone may see them, or
	// the score would tell which places keep contacts private.
	met[QualityContact] = len(a.Websites) > 0 || a.ContactPublic && len(a.Phones)+len(a.Emails) > 0
	// Only the published services count; they are read in place (a
	// slice of them was an allocation an actor, issue 11 item 6).
	// Hours count when every rule of them reads (the criterion says
	// valid OSM syntax): a value kept with rules it cannot read
	// (opening_hours_unreadable) tells a person little, and counted whole.
	hours := validHours(a.OpeningHours)
	if !hours {
		some, all := false, true
		for i := range services {
			if services[i].Status == vocab.ServicePublished {
				some = true
				all = all && validHours(services[i].OpeningHours)
			}
		}
		hours = some && all
	}
	met[QualityHours] = hours
	for _, sv := range services {
		if sv.Status != vocab.ServicePublished {
			continue
		}
		if len(sv.Themes) > 0 {
			met[QualityOffer] = true
		}
		if len(sv.Fees) > 0 && len(sv.AccessModes) > 0 {
			met[QualityOfferDetails] = true
		}
	}
	met[QualityCoordinates] = coordinatesPlausible(a)
	// A summary or a description of 50 characters: the two added made
	// a name repeated in both (25 + 25) a presentation.
	met[QualityDescription] = max(utf8.RuneCountInString(a.Summary), utf8.RuneCountInString(a.Description)) >= 50
	met[QualityCommune] = a.Address.InseeCode != ""
	met[QualityIdentifier] = a.Pivot != ""
	var score float64
	missing := StringList{}
	for _, c := range QualityCriteria {
		switch {
		case c.Code == QualityFresh:
		case met[c.Code]:
			score += c.Weight
		default:
			missing = append(missing, c.Code)
		}
	}
	return round2(score), missing
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }

// coordinatesPlausible: the place has coordinates within 25 km of the
// centre of a commune of its postal code (or of its INSEE code); when the
// reference knows neither, coordinates are enough.
func coordinatesPlausible(a *Actor) bool {
	if a.Latitude == nil || a.Longitude == nil {
		return false
	}
	var cs []*commune.Commune
	if c := commune.ByCode(a.Address.InseeCode); c != nil {
		cs = append(cs, c)
	}
	cs = append(cs, commune.ByPostalCode(a.Address.PostalCode)...)
	known := false
	for _, c := range cs {
		if !c.HasCentre {
			continue
		}
		known = true
		if commune.DistanceKm(*a.Latitude, *a.Longitude, c.Lat, c.Lon) <= 25 {
			return true
		}
	}
	return !known
}

// QualityView is the score of a record as served on a given day.
type QualityView struct {
	Score   float64
	Missing []string
	Stale   bool
	// Undated says the record is stale because its producer gave no date
	// (Actor.CheckedOnUndated), whatever its checked_on.
	Undated bool
}

// QualityOf returns a's score on the day now: the stored score plus the
// freshness criterion when a is less than StaleAfter months old (see
// MonthsCutoff) and that age is known: a record a sync stored without a
// producer's date (CheckedOnUndated) carries the day of the import as its
// checked_on, which would make every place of an undated file look freshly
// checked; it is stale until a producer's date or a person's change.
func QualityOf(a *Actor, now time.Time) QualityView {
	v := QualityView{Score: max(0, a.Quality), Missing: slices.Clone([]string(a.QualityMissing))}
	if v.Missing == nil {
		v.Missing = []string{}
	}
	if a.CheckedOn >= staleCutoff(now) && !a.CheckedOnUndated {
		fresh, _ := QualityCriterionOf(QualityFresh)
		v.Score = round2(v.Score + fresh.Weight)
	} else {
		v.Stale, v.Undated = true, a.CheckedOnUndated
		v.Missing = append(v.Missing, QualityFresh)
	}
	return v
}

// staleCutoff is the first day a record checked on is still fresh: one
// checked before is StaleAfter months old or more.
func staleCutoff(now time.Time) string {
	return MonthsCutoff(now, StaleAfter)
}

// A record checked on day c has not been checked for n months on day t
// when MonthsSince(c, t) >= n: c + n months <= t, months added as on a
// calendar (the same day of the month, or the month's last day when it
// has fewer: 31 January + 1 month is 28 February). So a record checked
// exactly n months ago is n months old — listed by months=n, and stale for
// n = StaleAfter — as its months_since_check says: the list used to keep it
// until the next day while the field already said n, two definitions of
// one number. The days are the store clock's (UTC, as checked_on is
// written): never the wall clock of a handler, so that tests and replicas
// agree with the lists.

// MonthsCutoff is the first day a record checked on is less than n months
// old on now's day (MonthsSince < n): records checked before it are n
// months old or more. It is the day after the last day d of the month n
// months back with d + n months <= now: now's day of the month, or that
// month's last day when it is shorter, or when now is the last day of its
// month (31 March + 1 month is 30 April). time.AddDate ran over the
// shorter month instead (sec17).
func MonthsCutoff(now time.Time, n int) string {
	y, m, d := now.Date()
	back := time.Date(y, m-time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := min(d, daysIn(back))
	if d == daysIn(now) {
		last = daysIn(back)
	}
	return time.Date(back.Year(), back.Month(), last+1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}

// MonthsSince is the number of whole calendar months from checked to
// now's day (see MonthsCutoff): 12 on the day the record is listed by
// the default 12 months, and from 31 January, 1 on 28 February.
func MonthsSince(checked, now time.Time) int {
	cy, cm, cd := checked.Date()
	ny, nm, nd := now.Date()
	n := (ny-cy)*12 + int(nm) - int(cm)
	target := time.Date(cy, cm+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	if min(cd, daysIn(target)) > nd {
		n--
	}
	return max(0, n)
}

// daysIn is the number of days of t's month.
func daysIn(t time.Time) int {
	return time.Date(t.Year(), t.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// freshWeight is the freshness criterion's weight, added in SQL filters.
func freshWeight() float64 {
	c, _ := QualityCriterionOf(QualityFresh)
	return c.Weight
}

// checkedOn is the day a record written now in ctx is known correct: the
// producer's date when a partner or an import sends it (never in the
// future), the day of the change otherwise.
func (s *Store) checkedOn(ctx context.Context, producerDate string) (day string, undated bool) {
	today := dateOnly(s.now())
	if !bulkWrite(ctx) {
		return today, false
	}
	if producerDate != "" && producerDate <= today {
		return producerDate, false
	}
	// A sync without the producer's date: today, as the day the record was
	// stored, but nobody is known to have checked it (CheckedOnUndated).
	return today, true
}

// qualityServices loads what the score reads of an actor's live services.
func qualityServices(tx *gorm.DB, actorID string) ([]qualityService, error) {
	var out []qualityService
	err := tx.Model(&Service{}).Select("status", "themes", "fees", "access_modes", "opening_hours").
		Where("actor_id = ? AND archived_at IS NULL", actorID).Scan(&out).Error
	return out, err
}

// refreshActorQuality scores the actor again after one of its services
// changed, and moves its checked_on to today when a person made the change
// (a sync keeps the producer's date) and it was public (confirms is true:
// the service was published before or after it). A draft's creation, edit
// or archiving confirms nothing anyone sees, and checked_on is public: it
// would tell outsiders the day a structure prepared a service they may not
// read. What the actor shows moved (scoreMoved) is a change of the actor
// (probe 40a H2): see derivedChange.
func (s *Store) refreshActorQuality(tx *gorm.DB, actorID string, confirms bool) error {
	var a Actor
	// Locked before its services are read: a write of another of them
	// commits before (and is counted) or waits. Every path locks it
	// already but a sync batch's creations under its own actors, which
	// inserted their services without locking it (see lockServiceRow).
	if err := forNoKeyUpdate(tx).Take(&a, "id = ?", actorID).Error; err != nil {
		return err
	}
	if a.IsArchived() {
		return nil // archived with its services: nobody reads its score
	}
	services, err := qualityServices(tx, actorID)
	if err != nil {
		return err
	}
	score, missing := scoreQuality(&a, services)
	// The actor's services are no longer what an import made of a row.
	fields := map[string]any{"quality": score, "quality_missing": missing, "source_hash": ""}
	if confirms && !bulkWrite(tx.Statement.Context) {
		fields["checked_on"], fields["checked_on_undated"] = s.now().Format(time.DateOnly), false
	}
	after := a
	after.Quality, after.QualityMissing = score, missing
	if v, ok := fields["checked_on"].(string); ok {
		after.CheckedOn, after.CheckedOnUndated = v, false
	}
	moved := scoreMoved(&a, &after)
	if len(moved) > 0 {
		s.derivedChange(&after, fields)
	}
	if err := tx.Model(&Actor{}).Where("id = ?", actorID).UpdateColumns(fields).Error; err != nil || len(moved) == 0 {
		return err
	}
	e := changeOf(EntityActor, ChangeUpdate, &a, &after)
	e.decision = moved
	return recordChange(tx, e)
}

// scoreMoved lists what a rescoring changed of what the actor shows
// publicly (its quality and the day it was checked, which the quality's
// freshness reads), as its history names them; none when nothing moved.
// The columns are left out of the history's diff (unaudited): the
// decision fields carry them.
func scoreMoved(before, after *Actor) []FieldChange {
	var out []FieldChange
	out = appendChanged(out, "quality", before.Quality, after.Quality)
	out = appendChanged(out, "quality_missing", before.QualityMissing, after.QualityMissing)
	out = appendChanged(out, "checked_on", before.CheckedOn, after.CheckedOn)
	return appendChanged(out, "checked_on_undated", before.CheckedOnUndated, after.CheckedOnUndated)
}

// derivedChange makes a change of what the actor a shows, derived from its
// services (quality, checked_on), a new version of it, public: a's
// version, public version and times move, and fields (the columns to
// update) carry them. The score is derived, but its moves were silent:
// a service edit changed the place's checked_on and score under the same
// version and updated_at, so the change feed, the webhooks and
// updated_since never told the place again and every copy kept it stale
// (probe 40a H2).
func (s *Store) derivedChange(a *Actor, fields map[string]any) {
	now := s.now()
	a.Version, a.PublicVersion, a.UpdatedAt, a.PublicUpdatedAt = a.Version+1, a.PublicVersion+1, now, now
	fields["version"], fields["public_version"], fields["updated_at"], fields["public_updated_at"] = a.Version, a.PublicVersion, now, now
}

// scoreUnscored scores the actors written before scores existed (quality
// -1), in batches, when the store opens.
func (s *Store) scoreUnscored(ctx context.Context) error {
	for {
		var actors []Actor
		if err := s.w.WithContext(ctx).Where("quality < 0").Limit(500).Find(&actors).Error; err != nil {
			return err
		}
		if len(actors) == 0 {
			return nil
		}
		err := s.takeTurn(ctx, func() error {
			return s.w.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
				for i := range actors {
					services, err := qualityServices(tx, actors[i].ID)
					if err != nil {
						return err
					}
					score, missing := scoreQuality(&actors[i], services)
					if err := tx.Model(&Actor{}).Where("id = ?", actors[i].ID).UpdateColumns(map[string]any{"quality": score, "quality_missing": missing}).Error; err != nil {
						return err
					}
				}
				return nil
			})
		})
		if err != nil {
			return err
		}
	}
}
