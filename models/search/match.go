package search

import (
	"math"
	"slices"
	"strings"
)

// Relevance. A record's score sums, over the query's clauses, the idf of
// the clause times the weight of its best match:
//
//	score  = Σ_clause idf(clause) × weight(best match)
//	weight = field weight (name 4, structure name 3, commune 2, labels 1.5,
//	         description 1; a vocabulary value 3, a declared public 4.5,
//	         a named place 2)
//	         × factor of the way it matched (exact 1, other word form 0.9,
//	         prefix 0.7 — 0.2 when the word also exists whole —, thesaurus
//	         synonym 0.9, related need 0.6, near spelling 0.8; the text
//	         matches of a word naming only a need met elsewhere — « retraite »
//	         — × 0.4, below the places meeting it)
//	idf    = ln(1 + (N − df + 0.5)/(df + 0.5)), df the records the clause's
//	         exact, word-form, prefix and vocabulary matches hold
//
// Results are ordered by tiers first, then by score (blended with the
// distance when near is given, see proximity):
//
//  1. records holding every word before partial matches (fewest words
//     missing first);
//  2. records found without near spellings before those needing them
//     (fewest spelling matches first);
//  3. records in a commune or postal code the query names before others;
//  4. records holding the query's generic words (clause.soft) before
//     those lacking some (fewest lacking first).
//
// The tiers are folded into the sort key (tierStep apart), so that pages
// and cursors work as for any key.
const tierStep = 1e4

// awayTier is added to the words a record misses when a partial answer
// keeps the named place (see run): the records elsewhere come after the
// place's own, whatever they hold.
const awayTier = 50

func relevanceKey(score float64, missing, spelling int, outsidePlace bool, softMissing int) float64 {
	tier := float64(missing*1000 + spelling*100 + min(softMissing, 9))
	if outsidePlace {
		tier += 10
	}
	return tier*tierStep - score
}

// A clause's best match per slot is kept encoded in scratch.best: spelling
// matches rank below any other, whatever their weight.
func encWeight(w float32, fuzzy bool) float32 {
	if fuzzy {
		return 100 + w
	}
	return 200 + w
}

func decWeight(e float32) (float32, bool) {
	if e >= 200 {
		return e - 200, false
	}
	return e - 100, true
}

func idfOf(df, n int) float32 {
	d := float64(df)
	return float32(math.Max(math.Log(1+(float64(n)-d+0.5)/(d+0.5)), 0.01))
}

// clauseDF is the document frequency idf uses: the clause's own matches
// (those through a related need left out when there are others), or its
// spelling matches when it has no other.
func clauseDF(c *clause) int {
	if c.size > c.related && c.related > 0 {
		return c.size - c.related
	}
	if c.size > 0 {
		return c.size
	}
	return c.fsize
}

// match scores the slots matching the clauses — every clause that is not
// soft, or with partial any clause — into s.touched, s.acc (score), s.hits
// (clauses matched), s.fz (clauses matched only by spelling) and s.soft
// (soft clauses matched, which add to the score of the slots holding every
// other). The caller calls s.reset().
func (t *table) match(a *analysis, s *scratch, partial bool) {
	s.ensure(len(t.docs))
	s.touched = s.touched[:0]
	order := make([]int, len(a.clauses))
	soft := func(i int) bool { return a.clauses[i].soft && (!partial || a.clauses[i].echo) }
	for i := range order {
		order[i] = i
		if a.clauses[i].fsize == 0 && !partial && !soft(i) {
			return // a word nothing holds: no result
		}
	}
	// The rarest clause first: it bounds the candidates the others visit;
	// soft clauses last, on the slots holding every other.
	slices.SortFunc(order, func(x, y int) int {
		if soft(x) != soft(y) {
			if soft(x) {
				return 1
			}
			return -1
		}
		return a.clauses[x].fsize - a.clauses[y].fsize
	})
	hard := uint8(len(a.clauses) - a.echoCount())
	if !partial {
		hard = uint8(a.hardCount())
	}
	ti := t.text
	n := t.len()
	for wi, ci := range order {
		c := &a.clauses[ci]
		isSoft := soft(ci)
		gate := uint8(wi)
		if isSoft {
			gate = hard
		}
		s.word = s.word[:0]
		note := func(slot uint32, e float32) {
			if c.exclude != nil && c.exclude.has(slot) {
				return
			}
			if s.best[slot] == 0 {
				s.word = append(s.word, slot)
			}
			if e > s.best[slot] {
				s.best[slot] = e
			}
		}
		// After the rarest clause the candidates are few: looking each
		// one up is cheaper than reading a frequent word's postings.
		// (A set is looked up with one bit test, but read whole: its
		// words, not only its members.)
		if wi > 0 && !partial && matchByLookup && len(s.touched)*(len(c.terms)*lookupCost+len(c.sets)) < c.fsize+len(c.sets)*len(t.all) {
			for _, slot := range s.touched {
				if s.hits[slot] == gate {
					t.noteSlot(c, slot, note)
				}
			}
		} else {
			for _, tr := range c.terms {
				fm := c.termMask(tr)
				for _, e := range ti.postings[tr.id] {
					if slot := e >> 8; (partial || s.hits[slot] == gate) && e&fm != 0 {
						note(slot, encWeight(float32(maskWeight[e&fm])*tr.factor, tr.fuzzy))
					}
				}
			}
			for _, sr := range c.sets {
				e := encWeight(sr.weight, sr.fuzzy)
				sr.set.each(func(slot uint32) bool {
					if int(slot) < len(t.docs) && (partial || s.hits[slot] == gate) {
						note(slot, e)
					}
					return true
				})
			}
		}
		idf := idfOf(clauseDF(c), n)
		// A word read as the commune or postal code the records are in
		// ranks them by place (a tier, see relevanceKey): that a
		// record's name repeats the commune says nothing more, and must
		// not outweigh the other words (« ccas marseille »: the CCAS of
		// the city before every « France services Marseille »).
		capPlace := c.place >= 0 && a.places[c.place].rankFirst
		for _, slot := range s.word {
			w, fz := decWeight(s.best[slot])
			if capPlace {
				w = min(w, float32(fieldWeight[fieldCommune]))
			}
			if isSoft {
				s.soft[slot]++
				s.acc[slot] += w * idf
				s.best[slot] = 0
				continue
			}
			if s.hits[slot] == 0 {
				s.touched = append(s.touched, slot)
			}
			s.hits[slot]++
			if fz {
				s.fz[slot]++
			}
			s.acc[slot] += w * idf
			s.best[slot] = 0
		}
	}
	if partial {
		return
	}
	// Keep only the slots that matched every clause that is not soft.
	out := s.touched[:0]
	for _, slot := range s.touched {
		if s.hits[slot] == hard {
			out = append(out, slot)
		} else {
			s.hits[slot], s.acc[slot], s.fz[slot], s.soft[slot] = 0, 0, 0, 0
		}
	}
	s.touched = out
}

// namedMax is how many records at most a word may name to be read, in a
// partial answer, as the name of what is sought (namedByRareWord).
const namedMax = 5

// nameFields are the text fields of a record's names.
const nameFields = 1<<fieldName | 1<<fieldOwnerName

// namedByRareWord returns the records of the place the query names (in)
// that a rare word of the query names: a word no vocabulary knows (no
// value, no thesaurus entry, no place, not generic) that the names of at
// most namedMax records hold as it is written — a district of the commune
// (« aide papier griffeuille arles »: the Maison publique de quartier
// Griffeuille declares no help with procedures, and the answer listed
// only Arles's places helping with them). When no record holds every
// word, such a word is what the person came for: the records it names
// rank first though they hold fewer of the other words. Without a place
// named, a word so rare is as often an ordinary word of the need that a
// few names happen to hold (« site ants carte grise », « dossier médical
// partagé », « seniors isolés en campagne »): no record is so read. Nil
// when none is.
func (t *table) namedByRareWord(a *analysis, in bitset) bitset {
	if in == nil {
		return nil
	}
	var out bitset
	for i := range a.clauses {
		c := &a.clauses[i]
		if c.place >= 0 || c.kind || c.soft || c.echo || c.inPhrase || len(c.sets) > 0 || c.related > 0 || c.size == 0 || c.size > namedMax {
			continue
		}
		for _, tr := range c.terms {
			if tr.fuzzy || tr.how != HowExact && tr.how != HowStem {
				continue
			}
			for _, e := range t.text.postings[tr.id] {
				if slot := e >> 8; e&nameFields != 0 && in.has(slot) {
					out.set(slot)
				}
			}
		}
	}
	return out
}

// dropRelatedFallbacks: a word naming a kind of place (« bij », « ccas »,
// « epn ») also finds, through its related need or public, the places
// usually meeting it (« bij » → places for young people), ranked after the
// places of that kind. Beside other words (« bij nice »), when some record
// holding every word is of that kind, the records holding the word only
// through its related need are other kinds of places, not what the query
// names: they are left out. When none is (a commune without a CCAS), they
// stay: the places helping with procedures there, but no record holds the
// word, so the answer says so (it returns the words met only that way; the
// answer is partial and its hits miss them): « ccas hyeres » listed the
// France services of Hyères as a CCAS. A word alone keeps them after the
// places of its kind (runWord).
//
// A word of a need (« contrôle parental ») is a fallback the same way
// for the public it relates to (families): a place declaring the public
// without offering the need does not meet it. Where none of the results
// offers it, they stay, missing the word (the answer is partial): around
// Gap, five France services declaring families answered « contrôle
// parental » as full matches while orientation on the need said none
// (probe 39b, M4). Where some do, the others stay after them (judged
// relevant to school and screen-time needs: « ENT collège », « mon fils
// passe trop de temps sur les écrans »).
func (t *table) dropRelatedFallbacks(a *analysis, s *scratch) (fallbacks []string) {
	for i := range a.clauses {
		c := &a.clauses[i]
		publicOnly := !c.kind && slices.ContainsFunc(c.sets, relatedPublic)
		if !c.kind && !publicOnly || c.soft || c.kind && c.related == 0 || len(a.clauses) < 2 && !publicOnly {
			continue
		}
		direct := func(slot uint32) bool {
			for _, tr := range c.terms {
				if c.kind && tr.how == HowRelated || tr.fuzzy {
					continue
				}
				if e, ok := findSlot(t.text.postings[tr.id], slot); ok && e&c.termMask(tr) != 0 {
					return true
				}
			}
			for _, sr := range c.sets {
				if (c.kind && sr.t.how != HowRelated || !c.kind && !relatedPublic(sr)) && !sr.fuzzy && sr.set.has(slot) {
					return true
				}
			}
			return false
		}
		if !slices.ContainsFunc(s.touched, direct) {
			if len(s.touched) > 0 {
				fallbacks = append(fallbacks, c.word)
			}
			continue
		}
		if publicOnly {
			continue // ranked after the places offering the need
		}
		kept := s.touched[:0]
		for _, slot := range s.touched {
			if direct(slot) {
				kept = append(kept, slot)
			} else {
				s.hits[slot], s.acc[slot], s.fz[slot], s.soft[slot] = 0, 0, 0, 0
			}
		}
		s.touched = kept
	}
	return fallbacks
}

// noteSlot notes the best match of clause c in slot.
func (t *table) noteSlot(c *clause, slot uint32, note func(uint32, float32)) {
	for _, tr := range c.terms {
		fm := c.termMask(tr)
		if e, ok := findSlot(t.text.postings[tr.id], slot); ok && e&fm != 0 {
			note(slot, encWeight(float32(maskWeight[e&fm])*tr.factor, tr.fuzzy))
		}
	}
	for _, sr := range c.sets {
		if sr.set.has(slot) {
			note(slot, encWeight(sr.weight, sr.fuzzy))
		}
	}
}

// Match says how one word of the query matched a result.
type Match struct {
	// Word is the query word, folded (lower case, no accents).
	Word string
	// How is one of the How* constants.
	How string
	// Field is where it was found: name, actor_name, commune,
	// labels, description, or a search field (themes, typologies,
	// departement…).
	Field string
	// Value is the indexed word or the field value matched.
	Value string
	// Via is the thesaurus words or the value's label that led there.
	Via string
}

// textFieldNames name the text fields in explanations, for services and
// for actors (whose own name is the name field).
var textFieldNames = [numTextFields]string{"name", "actor_name", "commune", "labels", "description", "address"}

// explain says how each clause matched slot (nil for a clause it misses).
func (t *table) explain(a *analysis, slot uint32) (matches []Match, missing []string) {
	for i := range a.clauses {
		c := &a.clauses[i]
		var best Match
		bestE := float32(0)
		for _, tr := range c.terms {
			e, ok := findSlot(t.text.postings[tr.id], slot)
			if !ok || e&c.termMask(tr) == 0 {
				continue
			}
			mask := uint8(e & c.termMask(tr))
			if w := encWeight(float32(maskWeight[mask])*tr.factor, tr.fuzzy); w > bestE {
				f := 0
				for mask&(1<<f) == 0 || fieldWeight[f] != maskWeight[mask] {
					f++
				}
				bestE, best = w, Match{Word: c.word, How: tr.how, Field: textFieldNames[f], Value: t.text.terms[tr.id]}
				if key, ok := cutAbbrevPrefix(best.Value); ok {
					// « maison des jeunes et de la culture » via « MJC ».
					names := lex.abbrevNames[key]
					best.Value, best.Via = names[0], names[1]
					if best.Value == "" {
						best.Value, best.Via = names[1], ""
					}
				}
			}
		}
		for _, sr := range c.sets {
			if !sr.set.has(slot) {
				continue
			}
			if w := encWeight(sr.weight, sr.fuzzy); w > bestE {
				how := sr.t.how
				if sr.fuzzy {
					how = HowSpelling
				}
				value := sr.t.value
				if sr.t.field == FieldNamed && lex.abbrevNames[value][0] != "" {
					value = lex.abbrevNames[value][0] // the name the record writes, not the entry's key
				}
				bestE, best = w, Match{Word: c.word, How: how, Field: sr.t.field, Value: value, Via: sr.t.via}
			}
		}
		if bestE == 0 {
			missing = append(missing, c.word)
			continue
		}
		matches = append(matches, best)
	}
	return matches, missing
}

// cutAbbrevPrefix returns the key of an abbreviation's text term.
func cutAbbrevPrefix(term string) (string, bool) {
	if k, ok := strings.CutPrefix(term, abbrevPrefix); ok {
		return k, true
	}
	return strings.CutPrefix(term, kindPrefix)
}

// relatedPublic: a set of the public a need's word relates to (« contrôle
// parental » → families), not the need itself. A related specific support
// is not one: it is what a place does for the person (« fle » → reading
// and writing), see resolve.
func relatedPublic(sr setRef) bool {
	return sr.t.how == HowRelated && sr.t.field == FieldPublics
}
