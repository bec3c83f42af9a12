package dedup

import (
	"slices"
	"strings"
	"testing"
)

// charentePlace builds a row of the Charente file (probe 40b): an
// aggregated file that keeps each row's producer.
func charentePlace(id, source, producer, name, siret, street, postal, insee, commune string, lat, lon float64, phone, email string) Place {
	p := Place{ID: id, Source: source, Producer: producer, Name: name, Street: street, PostalCode: postal, InseeCode: insee, Commune: commune}
	if siret != "" {
		p.Pivot, p.PivotKind = siret, "siret"
	}
	p.Latitude, p.Longitude = at(lat, lon)
	if phone != "" {
		p.Phones = []string{phone}
	}
	if email != "" {
		p.Emails = []string{email}
	}
	return p
}

// TestMatchesWithinOneSource: an aggregated file (Charente's: rows of
// conseiller-numerique, dora, aidants-connect…) holds one place two or
// three times. Two records of one source are compared when their
// producers differ, or when strong evidence joins them (one SIRET at one
// address); else a file's two records are two places, as before.
func TestMatchesWithinOneSource(t *testing.T) {
	const cn, dora, ac = "conseiller-numerique", "dora", "aidants-connect"
	places := []Place{
		// Two producers, same SIRET, phone, e-mail and address, 0 m.
		charentePlace("flep-cn", "charente", cn, "FOYER LAIQUE EDUCATION PERMANENTE", "78125600300034", "7 Boulevard Leon Blum", "16800", "16374", "Soyaux", 45.648516, 0.183281, "+33545931158", "cyberbase.soyaux@gmail.com"),
		charentePlace("flep-dora", "charente", dora, "FOYER LAIQUE EDUCATION PERMANENTE", "78125600300034", "7 Boulevard Leon Blum", "16800", "16374", "Soyaux", 45.648516, 0.183281, "+33545931158", "cyberbase.soyaux@gmail.com"),
		// One producer twice: same SIRET at the same address.
		charentePlace("jarnac-1", "charente", cn, "COMMUNAUTE DE COMMUNES DE JARNAC", "24160054300128", "1 Rue du Port", "16200", "16167", "Jarnac", 45.679663, -0.175756, "", ""),
		charentePlace("jarnac-2", "charente", cn, "COMMUNAUTE DE COMMUNES DE JARNAC", "24160054300128", "1 Rue du Port", "16200", "16167", "Jarnac", 45.679663, -0.175756, "", ""),
		// One producer, one address, two SIRETs: two bodies, not compared.
		charentePlace("interim", "charente", ac, "Espace Intérim", "43529334500011", "142 rue Henri Fichon", "16100", "16102", "Cognac", 45.697344, -0.320891, "", ""),
		charentePlace("adresse", "charente", ac, "ADRESSE", "34285725700014", "142 Rue Henri FICHON", "16100", "16102", "Cognac", 45.697344, -0.320891, "", ""),
		// One producer, two names at one point of one square: two rooms
		// of one building, not compared.
		charentePlace("poste-cn", "charente", cn, "La Poste Communale", "", "Place Jean Jacques Rousseau", "16800", "16374", "Soyaux", 45.647596, 0.185554, "", ""),
		charentePlace("cyber-cn", "charente", cn, "Cyberbase", "", "Place Jean Jacques Rousseau", "16800", "16374", "Soyaux", 45.647596, 0.185554, "", ""),
		// One producer, names that agree at one address and point: one
		// place written twice.
		charentePlace("pole-1", "charente", cn, "Pôle commerce - Mairie de Cognac", "", "59 Rue Aristide Briand", "16100", "16102", "Cognac", 45.6951, -0.3286, "", ""),
		charentePlace("pole-2", "charente", cn, "Pôle commerce de la ville de Cognac", "", "59 Rue Aristide Briand", "16100", "16102", "Cognac", 45.6951, -0.3286, "+33975992357", ""),
		// A conseiller's phone and e-mail given at each of the places
		// where they hold a session: network-weak, never a link.
		charentePlace("marthon", "charente", cn, "Mairie de Marthon", "", "40 Grande Rue", "16380", "16211", "Marthon", 45.611873, 0.447582, "+33658637438", "mf.guichou@rochefoucauld-perigord.fr"),
		charentePlace("maximes", "charente", cn, "Médiathèque Les Maximes", "", "1 Rue des Tanneurs", "16110", "16281", "La Rochefoucauld-en-Angoumois", 45.740771, 0.38303, "+33658637438", "mf.guichou@rochefoucauld-perigord.fr"),
		charentePlace("lieu", "charente", dora, "MJC le lieu", "", "10 Place du Docteur Lhomme", "16110", "16281", "La Rochefoucauld-en-Angoumois", 45.7411, 0.3875, "+33658637438", "mf.guichou@rochefoucauld-perigord.fr"),
	}
	b := NewBlock(places)
	linked := func(id string) []string {
		var out []string
		for _, m := range b.MatchesOf(id) {
			out = append(out, m.B)
		}
		return out
	}
	cases := []struct {
		id, want string
		dup      bool
	}{
		{"flep-cn", "flep-dora", true},
		{"flep-dora", "flep-cn", true},
		{"jarnac-1", "jarnac-2", true},
		{"interim", "adresse", false},
		{"poste-cn", "cyber-cn", false},
		{"pole-1", "pole-2", true},
		{"marthon", "maximes", false},
		{"maximes", "lieu", false},
	}
	for _, tc := range cases {
		got := linked(tc.id)
		if slices.Contains(got, tc.want) != tc.dup {
			r, _ := b.Compare(tc.id, tc.want)
			t.Errorf("%s links %v; want %s linked=%v (score %.3f: %s)", tc.id, got, tc.want, tc.dup, r.Score, reasons(r))
		}
	}
	// One producer's rows that nothing strong joins are not even compared.
	for _, pair := range [][2]string{{"interim", "adresse"}, {"poste-cn", "cyber-cn"}, {"marthon", "maximes"}} {
		if b.candidates(b.byID[pair[0]], b.byID[pair[1]]) {
			t.Errorf("%s and %s compared", pair[0], pair[1])
		}
	}
	// Records of one source and one producer keep being compared with
	// other sources as before.
	other := charentePlace("flep-cnfs", "cnfs", cn, "FOYER LAIQUE EDUCATION PERMANENTE", "78125600300034", "7 BD LEON BLUM", "16800", "16374", "Soyaux", 45.6414, 0.2033, "+33545931158", "cyberbase.soyaux@gmail.com")
	b = NewBlock(append(slices.Clone(places), other))
	if got := linked("flep-cnfs"); !slices.Contains(got, "flep-cn") || !slices.Contains(got, "flep-dora") {
		t.Errorf("flep-cnfs links %v", got)
	}
}

// TestContactsSayWhichLocation (probe 40b M4): the national file's
// « DEPARTEMENT DE LA CHARENTE » gives the head office's address but the
// coordinates, phone and e-mail of the Service départemental de la
// lecture, 11.5 km away, which another record gives at those coordinates.
// The contacts say which location the record describes: not the head
// office's, whose own record (dora) shares its name, address and SIRET. The
// pair of the same place (same phone and e-mail, 0 m) must score at least
// as high, and the reasons must say why.
func TestContactsSayWhichLocation(t *testing.T) {
	const siret = "22160001800016"
	hq := charentePlace("hq-dora", "charente", "dora", "DEPARTEMENT DE LA CHARENTE", siret, "31 Boulevard Emile Roux", "16000", "16015", "Angoulême", 45.645692, 0.157959, "", "")
	hq.Websites = []string{"https://www.lacharente.fr"}
	dept := charentePlace("dept-cnfs", "cnfs", "conseiller-numerique", "DEPARTEMENT DE LA CHARENTE", siret, "31 BD EMILE ROUX", "16000", "16015", "Angoulême", 45.579908, 0.043248, "+33516095014", "sdl@lacharente.fr")
	dept.Websites = []string{"https://sdl16.lacharente.fr/"}
	sdl := charentePlace("sdl-charente", "charente", "conseiller-numerique", "Service Départemental de la Lecture", "", "2 Allée des Glamots", "16440", "16287", "Roullet-Saint-Estèphe", 45.579908, 0.043248, "+33516095014", "sdl@lacharente.fr")
	sdl.Websites = []string{"https://sdl16.lacharente.fr/"}
	b := NewBlock([]Place{hq, dept, sdl})
	far, _ := b.Compare("hq-dora", "dept-cnfs")
	same, _ := b.Compare("dept-cnfs", "sdl-charente")
	t.Logf("head office vs the service's record %.3f (%s); the service's records %.3f", far.Score, reasons(far), same.Score)
	if far.Score >= 1 || far.Score > same.Score {
		t.Errorf("head office vs the service's record: %.3f (%s); the service's two records: %.3f (%s)", far.Score, reasons(far), same.Score, reasons(same))
	}
	if strings.Contains(reasons(far), "malgré la même adresse") || !strings.Contains(reasons(far), "11,5 km") {
		t.Errorf("reasons %q: the coordinates, that the contacts confirm, are not overruled by the address", reasons(far))
	}
	if far.Score < Threshold {
		// The labelled set reads them as one place (duplicates-cnfs-2022:
		// « same name and address, CNFS coordinates 11 km off »), the
		// probe as two sites: linked, below the same place's records.
		t.Errorf("head office vs the service's record: %.3f (%s), no longer linked", far.Score, reasons(far))
	}
	if same.Score < Threshold {
		t.Errorf("the service's two records: %.3f (%s)", same.Score, reasons(same))
	}

	// Without a record at the far coordinates that shares the contacts,
	// a geocoder's wrong point is still overruled by the address.
	b = NewBlock([]Place{hq, dept})
	if r, _ := b.Compare("hq-dora", "dept-cnfs"); r.Score < Threshold || !strings.Contains(reasons(r), "malgré la même adresse") {
		t.Errorf("no third record: %.3f (%s)", r.Score, reasons(r))
	}
	// Contacts that both records give say one place: the address wins.
	hqSame := hq
	hqSame.Phones, hqSame.Emails = dept.Phones, dept.Emails
	b = NewBlock([]Place{hqSame, dept, sdl})
	if r, _ := b.Compare("hq-dora", "dept-cnfs"); r.Score < Threshold {
		t.Errorf("shared contacts: %.3f (%s)", r.Score, reasons(r))
	}
}
