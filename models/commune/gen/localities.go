package main

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// postalEntry is one line of codes-postaux.json: a postal code, a commune
// it serves and La Poste's delivery name (libellé d'acheminement).
type postalEntry struct {
	CodePostal          string `json:"codePostal"`
	CodeCommune         string `json:"codeCommune"`
	NomCommune          string `json:"nomCommune"`
	LibelleAcheminement string `json:"libelleAcheminement"`
}

// localityFold lowers, unfolds the ligatures, drops the accents and keeps
// letters and digits between single spaces; a trailing article in
// brackets goes first (« PETIT QUEVILLY (LE) ») and « st », « ste » are
// written out, as La Poste abbreviates them.
func localityFold(s string) string {
	s = strings.NewReplacer("œ", "oe", "Œ", "oe", "æ", "ae", "Æ", "ae").Replace(s)
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteRune(' ')
		}
	}
	w := strings.Fields(b.String())
	if n := len(w); n > 1 && (w[n-1] == "le" || w[n-1] == "la" || w[n-1] == "les" || w[n-1] == "l") {
		w = append([]string{w[n-1]}, w[:n-1]...)
	}
	for i, x := range w {
		switch x {
		case "st":
			w[i] = "saint"
		case "ste":
			w[i] = "sainte"
		}
	}
	return strings.Join(w, " ")
}

// localityLinkWords are the words a commune's name links its parts with:
// a delivery name that only adds such a part (« FLEURY D AUDE », « ERAGNY
// SUR OISE ») spells the commune, it names no locality.
var localityLinkWords = map[string]bool{"d": true, "de": true, "du": true, "des": true, "et": true, "sur": true,
	"sous": true, "en": true, "aux": true, "au": true, "a": true, "l": true, "le": true, "la": true, "les": true,
	"saint": true, "sainte": true, "lez": true, "les ": true}

var digits = regexp.MustCompile(`[0-9]`)

// localities returns the « P » lines: the localities inside a commune that
// La Poste names as a postal code's delivery name — Montfavet (84140,
// Avignon), Cannes La Bocca (06150: « la bocca » once the city's name is
// dropped), Puyricard and Les Milles (Aix-en-Provence), Agay
// (Saint-Raphaël), La Plaine des Cafres (Le Tampon), Raphèle (« RAPHELE LES
// ARLES »: the part before « lès » its commune). Kept when the code
// serves that commune alone (a delivery office serving several names its
// town: « LACAUNE » for Gijounet), and the name is no spelling of the
// commune (« OETING », « ST GERMAIN LA BLANCHE HERB », « CHATELGUYON »),
// no part linked to it (« FLEURY D AUDE »), no cedex, number or air base
// (« ISTRES-AIR », « SAINTES AIR »: the armed forces' codes), and no name
// of a commune, delegated or former commune or arrondissement.
func localities(postal []postalEntry, communes []cogCommune) []string {
	names := map[string]bool{}
	for _, c := range communes {
		names[localityFold(c.Nom)] = true
	}
	perCode := map[string]int{}
	for _, p := range postal {
		perCode[p.CodePostal]++
	}
	var out []string
	for _, p := range postal {
		if perCode[p.CodePostal] != 1 {
			continue
		}
		lib, com := localityFold(p.LibelleAcheminement), localityFold(p.NomCommune)
		flat := func(s string) string { return strings.ReplaceAll(s, " ", "") }
		if lib == "" || strings.HasPrefix(com, lib) || strings.HasPrefix(flat(com), flat(lib)) ||
			digits.MatchString(lib) || strings.Contains(" "+lib+" ", " cedex ") || strings.Contains(" "+lib+" ", " principal ") {
			continue
		}
		rest := strings.TrimPrefix(lib, com+" ")
		// « RAPHELE LES ARLES » (13280): a village named « lès » (near) its
		// commune is the name's part before it, Raphèle.
		for _, near := range []string{" les ", " lez "} {
			if x, ok := strings.CutSuffix(lib, near+com); ok && x != "" {
				rest = x
			}
		}
		w := strings.Fields(rest)
		if len(w) == 0 || w[len(w)-1] == "air" || localityLinkWords[w[0]] && w[0] != "l" && w[0] != "le" && w[0] != "la" && w[0] != "les" && w[0] != "saint" && w[0] != "sainte" {
			continue
		}
		significant := false
		shared := false
		for _, x := range w {
			if !localityLinkWords[x] {
				significant = true
				if rest == lib && strings.Contains(" "+com+" ", " "+x+" ") {
					shared = true
				}
			}
		}
		if !significant || shared || names[rest] {
			continue
		}
		out = append(out, strings.Join([]string{"P", p.CodePostal, rest, p.CodeCommune}, "\t"))
	}
	return out
}
