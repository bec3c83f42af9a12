package opendata_test

import (
	"slices"
	"strings"
	"testing"

	"carnet/models/commune"
	"carnet/models/opendata"
)

// TestImportAddressSettlesCommune: the address line's own postal code and
// town are a reading of the commune. Aidants Connect's INSEE codes were
// looked up by postal code (Thénac's 17444 for every commune of 17460): a
// place whose commune, postal code and address say Préguillac was stored
// with Thénac's code under a warning that said « without an INSEE code ».
// The Conseillers numériques' file gives Strasbourg's 67000 to a Mulhouse
// place whose INSEE code and address (« … 68100 MULHOUSE ») agree: it was
// rejected when its commune column was missing, and kept with 67000 when
// present. France Services writes « GIVRAND - 85806 SAINT GILLES CROIX DE
// VIE CEDEX » in its commune column.
func TestImportAddressSettlesCommune(t *testing.T) {
	const svc = ";Aide aux démarches administratives;2024-01-01\n"
	rows := []struct {
		id, street, pc, name, insee, lat, lon string
		want                                  string // stored INSEE code, commune and postal code
		warn                                  []string
	}{
		// Name, postal code and address agree; the INSEE code names
		// another commune of the postal code.
		{"p1", "7 Rue de Perjus, 17460 Préguillac", "17460", "Préguillac", "17444", "", "",
			"17289 Préguillac 17460", []string{"code_insee", "17444", "Thénac", "replaced by 17289"}},
		{"p2", "9 place de la Poste \n23800 Dun Le Palestel", "23800", "Dun Le Palestel", "23244", "", "",
			"23075 Dun-le-Palestel 23800", []string{"code_insee", "23244", "Saint-Sulpice-le-Dunois", "replaced by 23075"}},
		// No commune column: the address's town and the postal code
		// outweigh the INSEE code.
		{"p3", "12 Place de la Mairie, 17460 Rioux", "17460", "", "17444", "", "",
			"17298 Rioux 17460", []string{"code_insee", "17444", "Thénac", "replaced by 17298"}},
		// The INSEE code and the address agree, the postal code is
		// another département's: it is corrected, not the reason of a
		// rejection (commune missing) nor kept (commune given).
		{"m1", "6 RUE DE LA BOURSE 68100 MULHOUSE", "67000", "", "68224", "", "",
			"68224 Mulhouse 68100", []string{"code_postal", "67000", "replaced by 68100"}},
		{"m2", "6 RUE DE LA BOURSE 68100 MULHOUSE", "67000", "Mulhouse", "68224", "", "",
			"68224 Mulhouse 68100", []string{"code_postal", "67000", "replaced by 68100"}},
		{"m3", "6 RUE DE LA BOURSE 68100 MULHOUSE", "67000", "Mulhouse", "", "", "",
			"68224 Mulhouse 68100", []string{"code_postal", "67000", "replaced by 68100"}},
		// The postal code of a homonym in another département; an
		// arrondissement's number after the city.
		{"h1", "14 RUE DE PARIS 97400 SAINT-DENIS", "93200", "", "97411", "", "",
			"97411 Saint-Denis 97400", []string{"code_postal", "93200", "replaced by 97400"}},
		{"a1", "71 RUE ARCHEREAU 75019 PARIS 19", "62000", "", "75119", "", "",
			"75119 Paris 75019", []string{"code_postal", "62000", "replaced by 75019"}},
		// A commune cell naming the locality, then the CEDEX office:
		// the INSEE code and the point decide.
		{"g1", "ZAE Le Soleil Levant", "85800", "GIVRAND - 85806 SAINT GILLES CROIX DE VIE CEDEX", "85222", "46.690575", "-1.924632",
			"85222 Saint-Gilles-Croix-de-Vie 85800", []string{"commune", "Givrand", "Saint-Gilles-Croix-de-Vie"}},
		// Nothing else says: the locality, written first.
		{"g2", "ZAE Le Soleil Levant", "85800", "GIVRAND - 85806 SAINT GILLES CROIX DE VIE CEDEX", "", "", "",
			"85100 Givrand 85800", []string{"commune", "Givrand"}},
		// Left alone: a CEDEX code of the commune in the postal code
		// column; an address ending with another commune's code and
		// town (a head office) beside a commune and INSEE code that
		// agree.
		{"k1", "1 rue Foch 46000 Cahors", "46010", "Cahors", "46042", "", "", "46042 Cahors 46010", nil},
		{"k2", "1 rue A 07500 Guilherand-Granges", "26000", "Valence", "26362", "", "", "26362 Valence 26000", nil},
		// Two against two: the postal code and the address say Cognac,
		// the commune and the INSEE code Angoulême. The warning names the
		// commune kept and the one dropped (it named the postal code's
		// communes in code order, Boutiers-Saint-Trojan first).
		{"t1", "1 rue A 16100 Cognac", "16100", "Angoulême", "16015", "", "", "16015 Angoulême 16000",
			[]string{"code_postal", "16100", "Cognac (16102)", "Angoulême (16015)", "Angoulême kept, Cognac dropped", "replaced by 16000"}},
		// An arrondissement's INSEE code against its postal code: said,
		// naming both (it was rewritten without a word).
		{"r1", "1 rue B", "75001", "Paris", "75119", "", "", "75101 Paris 75001",
			[]string{"code_insee", "75119", "Paris 19e Arrondissement", "Paris 1er Arrondissement", "replaced by 75101"}},
		{"r2", "1 rue B", "75001", "Paris 19e", "75119", "", "", "75119 Paris 75019",
			[]string{"code_postal", "75001", "Paris 1er Arrondissement", "Paris 19e Arrondissement", "replaced by 75019"}},
	}
	var b strings.Builder
	b.WriteString("id;nom;adresse;code_postal;commune;code_insee;latitude;longitude;services;date_maj\n")
	for _, r := range rows {
		b.WriteString(r.id + ";Lieu " + r.id + ";\"" + r.street + "\";" + r.pc + ";" + r.name + ";" + r.insee + ";" + r.lat + ";" + r.lon + svc)
	}
	s := openStore(t)
	rep := importBytes(t, s, []byte(b.String()), opendata.ImportOptions{Source: "agree"})
	if rep.Rejected != 0 {
		t.Errorf("rejected %d: %+v", rep.Rejected, rep.Issues)
	}
	stored := map[string]string{}
	for _, a := range allActors(t, s) {
		stored[a.SourceID] = a.Address.InseeCode + " " + a.Address.Commune + " " + a.Address.PostalCode
		// Never a name and a code of two communes.
		if c := commune.ByCode(a.Address.InseeCode); c != nil && a.Address.Commune != cityOf(c).Name {
			t.Errorf("%s: commune %q stored with the INSEE code of %s", a.SourceID, a.Address.Commune, c.Name)
		}
	}
	for i, r := range rows {
		if stored[r.id] != r.want {
			t.Errorf("%s stored as %q, want %q", r.id, stored[r.id], r.want)
		}
		if len(r.warn) == 0 {
			for _, f := range []string{"code_insee", "code_postal", "commune"} {
				if is := issuesOf(rep, i+1, f); len(is) > 0 {
					t.Errorf("%s: unexpected warning %+v", r.id, is)
				}
			}
			continue
		}
		is := issuesOf(rep, i+1, r.warn[0])
		if len(is) != 1 {
			t.Errorf("%s: want one warning on %s, got %+v (all: %+v)", r.id, r.warn[0], is, issuesOfRow(rep, i+1))
			continue
		}
		for _, h := range r.warn[1:] {
			if !strings.Contains(is[0].Reason+" "+is[0].Value, h) {
				t.Errorf("%s %s: %q does not say %q", r.id, r.warn[0], is[0].Reason, h)
			}
		}
	}
}

// TestImportNeverContradictsCommune: when nothing settles a tie between
// the commune named and the one the INSEE code names (both share the
// postal code), the INSEE code is not stored beside a name it
// contradicts, and the warning says what was stored.
func TestImportNeverContradictsCommune(t *testing.T) {
	csv := "id;nom;adresse;code_postal;commune;code_insee;services;date_maj\n" +
		"v1;Espace;22 place Philipe Leroy;57630;Vic-Sur-Seille;57448;Aide aux démarches administratives;2024-01-01\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "tie"})
	as := allActors(t, s)
	if len(as) != 1 {
		t.Fatalf("stored %d: %+v", len(as), rep.Issues)
	}
	a := as[0].Address
	if c := commune.ByCode(a.InseeCode); c != nil && c.Name != a.Commune {
		t.Errorf("commune %q stored with %s's INSEE code %s", a.Commune, c.Name, a.InseeCode)
	}
	var said []string
	for _, is := range issuesOfRow(rep, 1) {
		said = append(said, is.Field+": "+is.Reason)
		if strings.Contains(is.Reason, "without an INSEE code") && a.InseeCode != "" {
			t.Errorf("warning says « without an INSEE code », stored with %s: %s", a.InseeCode, is.Reason)
		}
	}
	if !strings.Contains(strings.Join(said, "\n"), "57448") {
		t.Errorf("no warning names the INSEE code given: %v", said)
	}
}

func issuesOfRow(rep *opendata.Report, row int) []opendata.Issue {
	var out []opendata.Issue
	for _, is := range rep.Issues {
		if is.Row == row {
			out = append(out, is)
		}
	}
	return out
}

// TestImportPostalCodeNotFrench: « 99999 » with « Paris » was kept with a
// warning that no commune fitted, as if the name were at fault. A code of no
// département is said to be one, under code_postal, and the row is kept (an
// import warns where the API refuses); CEDEX codes, of no commune, are read
// without a word.
func TestImportPostalCodeNotFrench(t *testing.T) {
	csv := "id;nom;adresse;code_postal;commune;code_insee;services;date_maj\n" +
		"x1;Espace;1 rue A;99999;Paris;;Aide aux démarches administratives;2024-01-01\n" +
		"x2;Espace;1 rue B;99999;Cahors;46042;Aide aux démarches administratives;2024-01-01\n" +
		"c1;Espace;1 rue C;75700;Paris;;Aide aux démarches administratives;2024-01-01\n" +
		"c2;Espace;1 rue D;13344;Marseille;;Aide aux démarches administratives;2024-01-01\n"
	s := openStore(t)
	rep := importBytes(t, s, []byte(csv), opendata.ImportOptions{Source: "foreign"})
	if rep.Rejected != 0 {
		t.Fatalf("rejected %d: %+v", rep.Rejected, rep.Issues)
	}
	stored := map[string]string{}
	for _, a := range allActors(t, s) {
		stored[a.SourceID] = a.Address.InseeCode + " " + a.Address.Commune + " " + a.Address.PostalCode
	}
	for id, want := range map[string]string{"x1": " Paris 99999", "x2": "46042 Cahors 46000", "c1": "75056 Paris 75700", "c2": "13055 Marseille 13344"} {
		if stored[id] != want {
			t.Errorf("%s stored as %q, want %q", id, stored[id], want)
		}
	}
	for row, want := range map[int]string{1: "not a French postal code", 2: "not a French postal code"} {
		is := issuesOf(rep, row, "code_postal")
		if len(is) != 1 || !strings.Contains(is[0].Reason, want) {
			t.Errorf("row %d: code_postal issues %+v, want one saying %q (all: %+v)", row, is, want, issuesOfRow(rep, row))
		}
	}
	for _, row := range []int{3, 4} {
		if is := issuesOfRow(rep, row); len(is) != 0 {
			t.Errorf("row %d, a CEDEX code: %+v", row, is)
		}
	}
}

// TestPostalCodeOfAUniqueCommuneName: a row naming a commune no other
// commune's name is, without its postal code, was rejected (« code_postal
// is required ») though the reference says which: its only postal code is
// taken, with a warning. A name several communes bear, or a commune of
// several codes, still says why it is required.
func TestPostalCodeOfAUniqueCommuneName(t *testing.T) {
	in := "id,nom,adresse,code_postal,commune,services,date_maj\n" +
		"1,Lieu,1 rue A,,Bourg-en-Bresse,Aide aux démarches administratives,2024-01-02\n" +
		"2,Lieu,1 rue B,,Vannes,Aide aux démarches administratives,2024-01-02\n" +
		"3,Lieu,1 rue C,,Papeete,Aide aux démarches administratives,2024-01-02\n" +
		"4,Lieu,1 rue D,,Saint-Denis,Aide aux démarches administratives,2024-01-02\n" +
		"5,Lieu,1 rue E,,Toulouse,Aide aux démarches administratives,2024-01-02\n"
	ps := places(t, in, "")
	for i, want := range []string{"01000", "56000", "98714", "", ""} {
		p := ps[i]
		if want == "" {
			if !p.Rejected || !slices.ContainsFunc(p.Issues, func(is opendata.Issue) bool {
				return is.Field == "code_postal" && strings.HasPrefix(is.Reason, "is required:")
			}) {
				t.Errorf("row %d: rejected %v, issues %+v, want rejected saying why", i+1, p.Rejected, p.Issues)
			}
			continue
		}
		if p.Rejected || p.Actor.Address.PostalCode != want || !warnsOn(p, "code_postal", "the only postal code of") {
			t.Errorf("row %d: rejected %v, postal code %q, issues %+v, want %s with a warning", i+1, p.Rejected, p.Actor.Address.PostalCode, p.Issues, want)
		}
	}
}
