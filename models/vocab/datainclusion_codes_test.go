package vocab

import (
	"slices"
	"strings"
	"testing"
)

// Values real files write in the legacy and list columns that were warned
// as « not a value » on every row: data·inclusion's v0 profils codes (a
// data·inclusion export of 757 places: seniors-65 and jeunes-16-26 on 260
// rows each), a producer's « Aucun dispositif », « UNCCAS » and « Maison
// France Service » (Martinique's hub), « Tout public » (Haute-Vienne).
func TestLegacyDataInclusionCodes(t *testing.T) {
	for _, c := range []struct {
		column, value string
		want          []Target
		lossless      bool
	}{
		{LegacyColumnPublicsAccueillis, "seniors-65", to(NamePublics, PublicSeniors), false},
		{LegacyColumnPublicsAccueillis, "jeunes-16-26", to(NamePublics, PublicYouth), false},
		{LegacyColumnPublicsAccueillis, "personnes-en-situation-illettrisme", to(NameSpecificSupport, SupportIlliteracy), false},
		{LegacyColumnPublicsAccueillis, "familles", to(NamePublics, PublicFamilies), false},
		{LegacyColumnPublicsAccueillis, "tous-publics", nil, true},
		{LegacyColumnPublicsAccueillis, "Tout public", nil, true},
		{LegacyColumnLabelsNationaux, "Aucun dispositif", nil, true},
		{LegacyColumnLabelsNationaux, "Maison France Service", to(NameNationalProgrammes, ProgrammeFranceServices), false},
		{LegacyColumnLabelsNationaux, "UNCCAS", nil, false},
		{LegacyColumnLabelsNationaux, "Chèque APTIC", nil, false},
	} {
		m, ok := LookupLegacy(c.column, c.value)
		if !ok || !slices.Equal(m.Targets, c.want) || m.Lossless != c.lossless {
			t.Errorf("%s %q: ok %v %+v, want %v lossless %v", c.column, c.value, ok, m, c.want, c.lossless)
		}
		if !ok || len(c.want) == 0 && !c.lossless && !strings.Contains(m.Note, "autres_formations_labels") {
			t.Errorf("%s %q: no note says where the label is kept: %+v", c.column, c.value, m)
		}
	}
	// A label that is not « none » stays unknown.
	if _, ok := LookupLegacy(LegacyColumnLabelsNationaux, "Aucun dispositif, Projet de création de Maison France Service"); ok {
		t.Error("a project read as a label or as none")
	}
	if _, ok := NoneValue(NamePublics, "Tout public. Ateliers collectifs à partir de 16 ans"); ok {
		t.Error("a sentence about publics read as « all publics »")
	}
}

// TestLegacyExtraAgainstDataInclusion checks each data·inclusion code the
// legacy tables read against data·inclusion's own vocabulary files: the
// code exists and its label is the standard's value it is read as.
func TestLegacyExtraAgainstDataInclusion(t *testing.T) {
	type term struct{ Value, Label string }
	var profils, labels, publicsV1 []term
	readRef(t, "data-inclusion-schema/v0.27.0/extra/profils.v0.27.0.json", &profils)
	readRef(t, "data-inclusion-schema/v0.27.0/extra/labels-nationaux.v0.27.0.json", &labels)
	readRef(t, "data-inclusion-schema/v1.0.8/extra/publics.v1.0.8.json", &publicsV1)
	label := func(list []term, value string) (string, bool) {
		for _, x := range list {
			if x.Value == value {
				return x.Label, true
			}
		}
		return "", false
	}
	for _, x := range legacyExtra[LegacyColumnPublicsAccueillis] {
		l, ok := label(profils, x.Value)
		if !ok {
			t.Errorf("%s is no code of data·inclusion's profils v0.27.0", x.Value)
			continue
		}
		if x.Alias != "" && Slugify(l) != Slugify(x.Alias) {
			t.Errorf("%s is « %s » in data·inclusion, read as « %s »", x.Value, l, x.Alias)
		}
	}
	var frais, types []term
	readRef(t, "data-inclusion-schema/v0.27.0/extra/frais.v0.27.0.json", &frais)
	readRef(t, "data-inclusion-schema/v0.27.0/extra/typologies-de-services.v0.27.0.json", &types)
	for col, list := range map[string][]term{LegacyColumnConditionsAcces: frais, LegacyColumnModalitesAccompagnement: types} {
		for _, x := range legacyExtra[col] {
			if _, ok := label(list, x.Value); !ok {
				t.Errorf("%s: %s is no code of data·inclusion's v0.27.0 vocabulary", col, x.Value)
			}
		}
	}
	if l, ok := label(labels, "unccas"); !ok || !strings.Contains(l, "centres communaux") {
		t.Errorf("unccas in labels-nationaux v0.27.0: %q %v", l, ok)
	}
	if _, ok := label(publicsV1, "familles"); !ok {
		t.Error("familles is no public of data·inclusion v1.0.8")
	}
	if _, ok := label(publicsV1, "tous-publics"); !ok {
		t.Error("tous-publics is no public of data·inclusion v1.0.8")
	}
}
