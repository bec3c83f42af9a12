package handlers

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"carnet/models"
	"carnet/models/jsonenc"
	"carnet/models/vocab"
)

// Search answers carry up to 100 full records, and encoding them with
// reflection was the largest cost of a search. The search index hands out
// immutable rows (a changed record is a new row), so each record's JSON is
// encoded once and reused while the index returns the same row. The
// answers are written with the same bytes encoding/json would produce for
// the declared types (ServiceSearch, ActorSearch, OrientationList), which a
// test checks.

type cachedJSON struct {
	row any    // the *models.Service or *models.Actor it was encoded from
	day string // the day whose status it shows, for an actor with a temporary closure
	b   []byte
}

// jsonCache maps record ids to their encoded representation.
type jsonCache struct{ m sync.Map }

func (c *jsonCache) get(id string, row any, day string, encode func() any) []byte {
	if v, ok := c.m.Load(id); ok {
		if e := v.(*cachedJSON); e.row == row && e.day == day {
			return e.b
		}
	}
	b := marshal(encode())
	c.m.Store(id, &cachedJSON{row: row, day: day, b: b})
	return b
}

func (c *jsonCache) service(s *models.Service) []byte {
	return c.get(s.ID, s, "", func() any { return newService(s) })
}

// actor encodes a search hit: search is a public surface, so contact details
// show only when the structure made them public, and the status is today's
// (an actor with a temporary closure is encoded again each day).
func (c *jsonCache) actor(a *models.Actor, now time.Time) []byte {
	day := ""
	if a.Status == vocab.ActorTemporarilyClosed {
		day = models.PlaceDate(now, a.Address.InseeCode, a.Departement)
	}
	return c.get(a.ID, a, day, func() any { return newActor(a, a.ContactPublic, now) })
}

// marshal encodes v as writeJSON does, without the trailing newline.
func marshal(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err) // response types always encode
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// bufPool recycles answer buffers: a page of 20 services is about 25 KB,
// and growing a fresh buffer to that size on every request was most of a
// search's garbage.
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

// writeBuffered sends b, built in *bp, and returns the buffer to the pool.
func writeBuffered(c *gin.Context, bp *[]byte, b []byte) {
	c.Data(http.StatusOK, "application/json; charset=utf-8", b)
	if cap(b) <= 1<<20 { // do not keep a buffer grown by a huge answer
		*bp = b[:0]
		bufPool.Put(bp)
	}
}

// appendNumber writes f as encoding/json does for the values used here
// (distances and scores, never below 1e-6 nor above 1e21).
func appendNumber(b []byte, f *float64) []byte {
	if f == nil {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, *f, 'f', -1, 64)
}

// hitJSON is one record followed by extra members: the record's object is
// reopened to add them, as the embedding in ServiceHit and ActorHit does.
type hitJSON struct {
	record     []byte
	distanceKM *float64
	score      float64
	matches    []SearchMatch
	missing    []string
	// referralsPossible: services only (ServiceHit.ReferralsPossible).
	referralsPossible *bool
	duplicates        []PossibleDuplicate
}

// writeHits writes {"data":[…],"meta":…,"links":…,"facets":…}.
func writeHits(c *gin.Context, hits []hitJSON, meta SearchMeta, links ListLinks, facets []Facet) {
	bp := bufPool.Get().(*[]byte)
	b := append((*bp)[:0], `{"data":[`...)
	for i, h := range hits {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, h.record[:len(h.record)-1]...)
		b = append(b, `,"distance_km":`...)
		b = appendNumber(b, h.distanceKM)
		b = append(b, `,"score":`...)
		b = appendNumber(b, &h.score)
		b = append(b, `,"matches":`...)
		b = appendMatches(b, h.matches)
		b = append(b, `,"missing_words":`...)
		b = appendStrings(b, h.missing)
		if h.referralsPossible != nil {
			b = append(b, `,"referrals_possible":`...)
			b = strconv.AppendBool(b, *h.referralsPossible)
		}
		b = append(b, `,"possible_duplicates":`...)
		b = appendDuplicates(b, h.duplicates)
		b = append(b, '}')
	}
	b = append(b, `],"meta":`...)
	b = append(b, marshal(meta)...)
	b = append(b, `,"links":`...)
	b = append(b, marshal(links)...)
	b = append(b, `,"facets":`...)
	b = append(b, marshal(facets)...)
	b = append(b, "}\n"...)
	writeBuffered(c, bp, b)
}

// appendMatches writes matches as encoding/json does: every hit has them,
// and an encoder per hit cost more than the rest of a selective search's
// answer.
func appendMatches(b []byte, ms []SearchMatch) []byte {
	b = append(b, '[')
	for i, m := range ms {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"word":`...)
		b = appendString(b, m.Word)
		b = append(b, `,"how":`...)
		b = appendString(b, m.How)
		b = append(b, `,"field":`...)
		b = appendString(b, m.Field)
		b = append(b, `,"value":`...)
		b = appendString(b, m.Value)
		b = append(b, `,"via":`...)
		b = appendString(b, m.Via)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendDuplicates writes ds as encoding/json does ([] for none), without
// an encoder per hit, as appendMatches.
func appendDuplicates(b []byte, ds []PossibleDuplicate) []byte {
	b = append(b, '[')
	for i, d := range ds {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = appendString(b, d.ID)
		b = append(b, `,"name":`...)
		b = appendString(b, d.Name)
		b = append(b, `,"producer":`...)
		b = appendString(b, d.Producer)
		b = append(b, `,"same_hours":`...)
		b = strconv.AppendBool(b, d.SameHours)
		b = append(b, '}')
	}
	return append(b, ']')
}

// appendStrings and appendString write JSON as encoding/json does without
// HTML escaping (writeJSON's setting).
func appendStrings(b []byte, ss []string) []byte { return jsonenc.AppendStrings(b, ss, false) }

func appendString(b []byte, s string) []byte { return jsonenc.AppendString(b, s, false) }

// writeOrientation writes a OrientationList.
func writeOrientation(c *gin.Context, services [][]byte, list OrientationList) {
	bp := bufPool.Get().(*[]byte)
	b := append((*bp)[:0], `{"data":[`...)
	for i, s := range list.Data {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"service":`...)
		b = append(b, services[i]...)
		b = append(b, `,"score":`...)
		b = appendNumber(b, &s.Score)
		b = append(b, `,"distance_km":`...)
		b = appendNumber(b, s.DistanceKM)
		b = append(b, `,"reasons":`...)
		b = append(b, marshal(s.Reasons)...)
		b = append(b, `,"referrals_possible":`...)
		b = strconv.AppendBool(b, s.ReferralsPossible)
		b = append(b, `,"also_listed_as":`...)
		b = append(b, marshal(s.AlsoListedAs)...)
		b = append(b, '}')
	}
	b = append(b, `],"meta":`...)
	b = append(b, marshal(list.Meta)...)
	b = append(b, "}\n"...)
	writeBuffered(c, bp, b)
}
