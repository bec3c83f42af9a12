package opendata

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestAddressCity(t *testing.T) {
	for _, c := range []struct{ in, pc, city, rest string }{
		{"8 rue de la Boétie - 33000 Bordeaux", "33000", "Bordeaux", "8 rue de la Boétie"},
		{"11 place René Coty 42000 Blois", "42000", "Blois", "11 place René Coty"},
		{"1 place Châtelet 28028 Chartres Cedex", "28028", "Chartres", "1 place Châtelet"},
		{"2 AVENUE DES FONTAINES", "", "", ""},
		{"1 Rue Professeur Langevin, 51200, Épernay, Marne, Grand Est, FRA", "51200", "Épernay", "1 Rue Professeur Langevin"},
		{"BP 116, 77385", "", "", ""},
	} {
		pc, city, rest := addressCity(c.in)
		if pc != c.pc || city != c.city || rest != c.rest {
			t.Errorf("%q: %q %q %q, want %q %q %q", c.in, pc, city, rest, c.pc, c.city, c.rest)
		}
	}
}

// FuzzAddressCity: the split never panics, and what it returns comes from
// the input.
func FuzzAddressCity(f *testing.F) {
	for _, s := range []string{"8 rue de la Boétie - 33000 Bordeaux", "28028 Chartres Cedex 9", "33 000 X", "", "00000 a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		pc, city, rest := addressCity(s)
		if pc == "" {
			return
		}
		if len(pc) != 5 || !strings.Contains(s, city) || !strings.Contains(s, rest) {
			t.Fatalf("%q → %q %q %q", s, pc, city, rest)
		}
	})
}

// FuzzProducerRecord: any cells under a recognised format's columns are
// read without panic, and every value the mapping gives is one of its
// values or the day columns' hours.
func FuzzProducerRecord(f *testing.F) {
	f.Add("09:00 - 12:00 / 13:30 - 17:00", "Oui", "1,5,15", "gratuit sous condition")
	f.Add("8h à 12h", "", "", "")
	f.Fuzz(func(t *testing.T, day, yes, codes, text string) {
		for _, p := range producerFormats {
			rec := Record{Cells: map[string]string{}}
			for c := range p.ruleCols {
				rec.Cells[producerPrefix+c] = codes + " " + text
			}
			for c := range p.dayCols {
				rec.Cells[producerPrefix+c] = day
			}
			rec.Cells[producerPrefix+"prise_rdv"] = yes
			p.apply(&rec)
			if h := rec.Cells["horaires"]; h != "" && (!utf8.ValidString(h) || strings.ContainsAny(h, "\n/")) {
				t.Fatalf("%s: hours %q from %q", p.Name, h, day)
			}
		}
	})
}

// TestProducerFormatsTables: each format's signature is among its columns
// or its rules' (a signature no file of the format can have recognises
// nothing), and no two formats share a signature.
func TestProducerFormatsTables(t *testing.T) {
	seen := map[string]bool{}
	for _, p := range producerFormats {
		for _, s := range p.foldedSig {
			if _, ok := p.foldedCols[s]; !ok && !p.ruleCols[s] && p.dayCols[s] == "" && s != "nombre_de_mandats" {
				t.Errorf("%s: signature column %q neither read nor used by a rule", p.Name, s)
			}
		}
		k := strings.Join(p.foldedSig, ",")
		if seen[k] {
			t.Errorf("%s: signature shared", p.Name)
		}
		seen[k] = true
		for _, r := range p.rules {
			if len(r.from) == 0 {
				t.Errorf("%s: rule for %s reads no column", p.Name, r.column)
			}
		}
	}
}

// TestProducerSignaturesApart: a file of each format is read as that
// format, whether it has every column the format reads or only its
// signature, although another format's signature may be among those
// columns (the Landes' file holds PACA's): detection takes the longest
// signature found, then the first listed.
func TestProducerSignaturesApart(t *testing.T) {
	cols := func(p *producerFormat) map[string]bool {
		out := map[string]bool{}
		for c := range p.foldedCols {
			out[c] = true
		}
		for c := range p.ruleCols {
			out[c] = true
		}
		for c := range p.dayCols {
			out[c] = true
		}
		for _, c := range p.foldedSig {
			out[c] = true
		}
		return out
	}
	for _, p := range producerFormats {
		sig := map[string]bool{}
		for _, c := range p.foldedSig {
			sig[c] = true
		}
		for what, have := range map[string]map[string]bool{"every column": cols(p), "its signature": sig} {
			if got := detectProducer(have); got != p {
				name := "none"
				if got != nil {
					name = got.Name
				}
				t.Errorf("a file of %s with %s is read as %s", p.Name, what, name)
			}
		}
	}
}

// TestHasPostalDigitsBeforeTheExpressions: the shortcut never hides a match
// of the three expressions it spares (each needs a postal code's five digits).
func TestHasPostalDigitsBeforeTheExpressions(t *testing.T) {
	for _, s := range []string{
		"11 place René Coty 42000 Blois", "7 Bis rue Max Linder - 33500 LIBOURNE", "BP 10 28028 Chartres Cedex",
		"71 RUE ARCHEREAU 75019 PARIS 19", "1 Rue Professeur Langevin, 51200, Épernay, Marne, Grand Est, FRA",
		"GIVRAND - 85806 SAINT GILLES CROIX DE VIE CEDEX", "12 rue X 13 001 Marseille", "135 rue de la République",
		"Saint-Denis 109", "", "1234 Ville", "route 12, 34 Ville",
	} {
		matched := cityInAddress.MatchString(s) || geocodedAddress.MatchString(s) || communeWithOffice.MatchString(s)
		if matched && !hasPostalDigits(s) {
			t.Errorf("%q matches an expression but hasPostalDigits says no", s)
		}
	}
}
