package dedup

import (
	"slices"
	"strings"
)

// communeSIREN says whether siren is the SIREN of the commune with INSEE
// code insee: SIRENE numbers a commune 21, its département on three
// digits (« 040 » for the Alpes-de-Haute-Provence, « 200 » for Corsica)
// and its number in the département on three (then a check digit): Peyruis,
// 04149, is 210 401 493. Overseas communes and Paris are numbered
// otherwise, and a commune nouvelle under a SIREN of its own (200…): not
// read.
func communeSIREN(siren, insee string) bool {
	if len(siren) != 9 || !strings.HasPrefix(siren, "21") || len(insee) != 5 || strings.HasPrefix(insee, "97") {
		return false
	}
	dep := insee[:2]
	if dep == "2A" || dep == "2B" {
		dep = "20"
	}
	return siren[2:8] == dep+"0"+insee[2:]
}

// writesFromTown says whether q writes from its commune's own domain (its
// name glued, with or without its article, after « ville » or « mairie »
// or alone: « franceservices@ville-andelys.fr » in Les Andelys): every
// service of the commune does, wherever its door is.
func writesFromTown(q *prepared) bool {
	if q.town == "" {
		return false
	}
	town := saintAsSt(strings.ReplaceAll(q.town, " ", ""))
	towns := []string{town}
	for _, article := range []string{"les", "le", "la", "l"} {
		if rest, ok := strings.CutPrefix(q.town, article+" "); ok {
			towns = append(towns, saintAsSt(strings.ReplaceAll(rest, " ", "")))
		}
	}
	return slices.ContainsFunc(q.domains, func(d string) bool {
		for _, t := range towns {
			if len(t) >= 5 && (d == t || d == "ville"+t || d == "mairie"+t) {
				return true
			}
		}
		return false
	})
}

// communeDoor says whether a and c are one public body's on one street of
// one commune where no number and no point tells their doors apart: a house
// number on one side at most, one of them without coordinates (Aidants
// Connect's list gives none, and the address of an establishment SIRENE
// has), and the two one body's — one under its commune's SIREN
// (communeSIREN) and the other the commune's record or writing from the
// commune's domain (« Mairie - Espace numérique », RUE HUBERT LATHAM,
// under the commune's SIRET, and « France services Châteauneuf-en-
// Thymerais » at 2 of that street writing from mairie@chateauneuf-…), or
// both under one public body's SIREN (« France Services Le Bleymard » and
// the « COMMUNAUTE DE COMMUNES MONT LOZERE », both RTE DU MONT LOZERE).
// The body says whose door it is, and the street, which its record gives
// without a number, is the one door of that body the other record names
// there: read as one address, the body as the other's host (hostName).
// Two numbers that differ are two doors, and two points say how far.
func communeDoor(a, c *prepared) bool {
	if a.mobile || c.mobile || placed(a) && placed(c) || a.st.building || c.st.building || len(a.st.words) == 0 {
		return false
	}
	if !oneBody(a, c) || a.city == "" || a.city != c.city || streetSim(a, c) < 0.8 {
		return false
	}
	known, _ := numbersAgree(a.st.numbers, c.st.numbers)
	return !known
}

// oneBody says whether a and c are one public body's: one under its
// commune's SIREN and the other the commune's own (communeDoor), or one
// public SIREN on both.
func oneBody(a, c *prepared) bool {
	return a.communeSIREN && c.communeOwn && !c.communeSIREN || c.communeSIREN && a.communeOwn && !a.communeSIREN ||
		publicSIREN(a.siren) && a.siren == c.siren
}
