package models

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"carnet/models/commune"
	"carnet/models/ident"
	"carnet/models/vocab"
)

// Closures are evaluated by the clock, at read time, from the dates the
// structure gave: a place stored as temporarily_closed is closed from
// closed_from to closed_until (both included, civil dates in the place's
// time zone); before closed_from the closure is only announced and the place
// is active, and after closed_until it has reopened by itself. Nothing
// rewrites rows at midnight: every read (API, lists, search, referrals)
// computes the status of its own day, so no job can be late.
//
// The place's zone is the one its opening hours are read in (TimeZoneOf):
// its commune's, else its département's. French Polynesia spans three
// zones; taking the département's (Tahiti) put the Marquesas' closures
// 30 minutes late and Gambier's an hour late, while their hours were
// already read in their own zone.

var zones sync.Map // IANA name → *time.Location

// zoneOf returns the time zone of a département, Europe/Paris when unknown.
func zoneOf(departement string) *time.Location {
	name := ident.TimeZoneForDepartement(departement)
	if name == "" {
		name = "Europe/Paris"
	}
	return zoneNamed(name)
}

// zoneNamed loads an IANA zone once.
func zoneNamed(name string) *time.Location {
	if z, ok := zones.Load(name); ok {
		return z.(*time.Location)
	}
	z, err := time.LoadLocation(name)
	if err != nil {
		z = time.UTC // unreachable with the embedded tzdata
	}
	zones.Store(name, z)
	return z
}

// LocalDate is the civil date (YYYY-MM-DD) at now in the département's time
// zone. A place's own date is PlaceDate's.
func LocalDate(now time.Time, departement string) string {
	return dateOnly(now.In(zoneOf(departement)))
}

// PlaceDate is the civil date (YYYY-MM-DD) at now where a place is: in its
// commune's zone (TimeZoneOf), else its département's, else Paris's — the
// zone its opening hours are read in.
func PlaceDate(now time.Time, insee, departement string) string {
	name := TimeZoneOf(insee, departement)
	if name == "" {
		name = "Europe/Paris"
	}
	return dateOnly(now.In(zoneNamed(name)))
}

// communeZones lists the communes whose zone is not their département's
// (the Marquesas' and Gambier's in French Polynesia), from the commune
// reference, for effectiveStatusSQL; and placeZones every zone a place's
// date may be taken in (ident.TimeZones and those), for the export's day.
var (
	communeZones = sync.OnceValue(func() [][2]string {
		var out [][2]string
		for _, c := range commune.All() {
			z := TimeZoneOf(c.Code, c.Departement)
			if z != "" && z != ident.TimeZoneForDepartement(c.Departement) && !slices.ContainsFunc(out, func(x [2]string) bool { return x[0] == c.Code }) {
				out = append(out, [2]string{c.Code, z})
			}
		}
		slices.SortFunc(out, func(a, b [2]string) int { return strings.Compare(a[0], b[0]) })
		return out
	})
	placeZones = sync.OnceValue(func() []string {
		out := ident.TimeZones()
		for _, cz := range communeZones() {
			if !slices.Contains(out, cz[1]) {
				out = append(out, cz[1])
			}
		}
		return out
	})
)

// ClosureInEffect reports whether a temporary closure from..until (until
// may be "": open-ended) covers day. Dates written YYYY-MM-DD compare as
// strings.
func ClosureInEffect(from, until, day string) bool {
	return from != "" && from <= day && (until == "" || day <= until)
}

// StatusAt is the actor's status at now: a stored temporary closure counts
// only between its dates.
func (a *Actor) StatusAt(now time.Time) string {
	if a.Status != vocab.ActorTemporarilyClosed {
		return a.Status
	}
	if ClosureInEffect(a.ClosedFrom, a.ClosedUntil, PlaceDate(now, a.Address.InseeCode, a.Departement)) {
		return vocab.ActorTemporarilyClosed
	}
	return vocab.ActorActive
}

// OpenAt reports whether the place receives people at now: neither closed
// nor in a temporary closure.
func (a *Actor) OpenAt(now time.Time) bool {
	return !a.IsArchived() && a.StatusAt(now) == vocab.ActorActive
}

// closedMessage explains to someone orienting a person why a place cannot
// take them, with the reopening date when there is one.
func (a *Actor) closedMessage(now time.Time) string {
	switch {
	case a.StatusAt(now) == vocab.ActorClosed:
		return fmt.Sprintf("%s is permanently closed.", a.Name)
	case a.ClosedUntil != "":
		return fmt.Sprintf("%s is temporarily closed until %s.", a.Name, a.ClosedUntil)
	}
	return fmt.Sprintf("%s is temporarily closed, with no reopening date yet.", a.Name)
}

// scheduleClosure keeps a closure announced for later: a client that wrote
// back an actor read while its closure was only announced (status active,
// with future dates) keeps the announcement, and one that reopens a place
// now (status active while the closure is in effect) clears it, as
// Normalize does. A new closure in effect (closed_from other than before's,
// nil before for a new record) sent with status active or none is applied
// too: the status follows its dates. It was read as a reopening and
// cleared, silently (probe 38b L5: a PATCH of a closure starting today
// without status answered 200 while orientation kept sending people
// there). A reopening is status active on the closure the record has.
func (a *Actor) scheduleClosure(before *Actor, now time.Time) {
	st := strings.TrimSpace(a.Status)
	from := strings.TrimSpace(a.ClosedFrom)
	if st != "" && normalizeVocabOne(vocab.NameActorStatus, st) != vocab.ActorActive || from == "" {
		return
	}
	today := PlaceDate(now, strings.TrimSpace(a.Address.InseeCode), a.Address.departement())
	newClosure := before == nil || from != before.ClosedFrom
	if from > today || newClosure && ClosureInEffect(from, strings.TrimSpace(a.ClosedUntil), today) {
		a.Status = vocab.ActorTemporarilyClosed
	}
}

// closureWellFormed reports whether the closure's dates are dates and its
// reason fits: Normalize clears only such a closure when a place reopens,
// and leaves any other for Validate to refuse.
func closureWellFormed(a *Actor) bool {
	var fe FieldErrors
	checkDate(&fe, "closed_from", a.ClosedFrom)
	checkDate(&fe, "closed_until", a.ClosedUntil)
	checkLen(&fe, "closure_reason", a.ClosureReason, maxShortText)
	return len(fe) == 0
}

// cancelClosure reads a write that sets closed_from to null on a place that
// had a closure, and keeps it active (or leaves its status unset), as the
// cancellation the README documents: the closed_until and closure_reason it
// still carries unchanged from before are that closure's, and go with it,
// rather than being refused by Validate as sent without closed_from. A
// closed_until or closure_reason that differs from before's is new input and
// stays for Validate.
func cancelClosure(before, a *Actor) {
	st := strings.TrimSpace(a.Status)
	if before == nil || before.ClosedFrom == "" || strings.TrimSpace(a.ClosedFrom) != "" ||
		(st != "" && normalizeVocabOne(vocab.NameActorStatus, st) != vocab.ActorActive) {
		return
	}
	if strings.TrimSpace(a.ClosedUntil) == before.ClosedUntil {
		a.ClosedUntil = ""
	}
	if text(a.ClosureReason) == before.ClosureReason {
		a.ClosureReason = ""
	}
}

// closureAnnounced reports whether scheduleClosure may have to keep a
// closure that Normalize would clear (status active or unset, a closure
// date given).
func closureAnnounced(a *Actor) bool {
	st := strings.TrimSpace(a.Status)
	return strings.TrimSpace(a.ClosedFrom) != "" && (st == "" || normalizeVocabOne(vocab.NameActorStatus, st) == vocab.ActorActive)
}

// effectiveStatusSQL is the SQL twin of Actor.StatusAt for list filters:
// each place's day is taken in its own time zone, as PlaceDate takes it —
// the communes whose zone is not their département's first, then the
// overseas départements, then Paris.
func effectiveStatusSQL(now time.Time) (string, []any) {
	day := "CASE"
	var args []any
	for _, cz := range communeZones() {
		day += " WHEN actors.insee_code = ? THEN ?"
		args = append(args, cz[0], now.In(zoneNamed(cz[1])).Format(time.DateOnly))
	}
	for n := 971; n <= 989; n++ {
		dep := fmt.Sprint(n)
		if ident.TimeZoneForDepartement(dep) != "" {
			day += " WHEN actors.departement = ? THEN ?"
			args = append(args, dep, LocalDate(now, dep))
		}
	}
	day += " ELSE ? END"
	args = append(args, LocalDate(now, "75"))
	expr := "CASE WHEN actors.status = 'temporarily_closed' AND (actors.closed_from > (" + day + ") OR (actors.closed_until <> '' AND actors.closed_until < (" + day + "))) THEN 'active' ELSE actors.status END"
	return expr, append(args, args...)
}
