package search_test

import (
	"context"
	"slices"
	"testing"

	"carnet/models"
	"carnet/models/search"
	"carnet/models/vocab"
)

const (
	themeWork39 = "Insertion professionnelle via le numérique"
	cnfsPair    = themeTools + "|" + themeUnderstanding
)

func searchQ(t *testing.T, m *search.Memory, q search.Query) (search.Result[models.Actor], []string) {
	t.Helper()
	r, err := m.SearchActors(context.Background(), q)
	if err != nil {
		t.Fatalf("%+v: %v", q, err)
	}
	return r, actorNames(r)
}

// A kind of place whose thesaurus entry relates it to a need is a place
// of that need: a Mission locale is where young people are helped into
// work, so « emploi » and « jeunes emploi » find the records named so
// though they declare only the Conseillers numériques' two themes (probe
// 39b, H2: Marseille's four Missions locales were missing, and 23 places
// tied).
func TestProbe39cH2KindOfPlaceMeetsItsNeed(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("ml", "MISSION LOCALE DE MARSEILLE", "Marseille", "13001", "23 Rue Vacon", "services", cnfsPair, "labels_nationaux", "CNFS"),
		record("fs", "France services Marseille 2ème", "Marseille", "13002", "1 rue du Panier", "services", themeWork39+"|"+themeProcedures,
			"publics_specifiquement_adresses", "Jeunes"),
		record("bib", "Médiathèque Alcazar", "Marseille", "13001", "58 cours Belsunce", "services", themeTools),
	})
	in := search.Query{PostalCodes: []string{"13001", "13002"}}
	for _, q := range []string{"emploi", "jeunes emploi", "emploi jeunes"} {
		in.Text = q
		r, got := searchQ(t, m, in)
		if r.Partial || !slices.Contains(got, "MISSION LOCALE DE MARSEILLE") || slices.Contains(got, "Médiathèque Alcazar") {
			t.Errorf("%s: %v (partial %v), want the Mission locale and the France services", q, got, r.Partial)
		}
	}
}

// A place whose name says France Services is a France Services, whatever
// label the producer gave it: beside the person (a radius, a commune) it
// helps with procedures as a labelled one does, in search and in
// orientation (probe 39b, H3: France Services Digne-les-Bains, 0.4 km,
// was hidden and the person sent 25.8 km away).
func TestProbe39cH3NamedFranceServicesHelpsWithProcedures(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("fs", "France Services Digne-les-Bains", "Digne-les-Bains", "04000", "12 Avenue Demontzey", "services", cnfsPair,
			"labels_nationaux", "CNFS", "latitude", "44.093933", "longitude", "6.230555", "horaires", "Mo-Fr 09:00-12:30,13:30-16:30"),
		record("far", "CCAS de Sisteron", "Sisteron", "04200", "1 place de la République", "services", themeProcedures,
			"latitude", "44.1950", "longitude", "5.9440"),
		record("bib", "Médiathèque de Digne", "Digne-les-Bains", "04000", "2 rue du Prieuré", "services", cnfsPair,
			"latitude", "44.0920", "longitude", "6.2350"),
	})
	here := search.Point{Lat: 44.0925, Lon: 6.2356}
	for _, q := range []string{"demarches administratives", "retraite", "carsat", "aide papiers"} {
		r, got := searchQ(t, m, search.Query{Text: q, Near: &here, RadiusKM: 15})
		if r.Partial || !slices.Equal(got, []string{"France Services Digne-les-Bains"}) {
			t.Errorf("%s within 15 km: %v (partial %v), want the France Services", q, got, r.Partial)
		}
	}
	res, err := m.Suggest(context.Background(), search.SuggestRequest{Profile: search.ProfileExcluded,
		Needs: []string{vocab.ThemeAdministrativeProcedures}, Near: &here, MaxDistanceKM: 15})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != 1 || res.Items[0].Service.Name != "France Services Digne-les-Bains" {
		t.Fatalf("orientation: %d items, want the France Services", len(res.Items))
	}
	if !slices.ContainsFunc(res.Items[0].Reasons, func(r search.Reason) bool { return r.Code == "need_by_kind" }) {
		t.Errorf("orientation reasons %v say nothing of the need", res.Items[0].Reasons)
	}
}

// A place whose name says it moves (a bus, « itinérant(e) », « mobile »,
// a camion) is itinerant for the filters, as its name already was for
// words (probe 39b, M5: `itinerant=true` found none of 36 buses). The
// record keeps the mobility its producer sent.
func TestProbe39cM5NamedMobilePlacesAreItinerant(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("bus", "Bus France services ADAM", "Grasse", "06130", "1 rue de la Gare"),
		record("mdi", "Maison du Département Itinérante", "Puget-Théniers", "06260", "2 place A. Conil"),
		record("emma", "Emmaüs Ruffec - EFS EMMABUS", "Ruffec", "16700", "3 rue du Pont"),
		record("fix", "France services Tende", "Tende", "06430", "1 place de la Mairie"),
	})
	for _, f := range []map[string][]string{
		{search.FieldItinerant: {"true"}},
		{search.FieldMobility: {vocab.MobilityItinerant}},
	} {
		r, got := searchQ(t, m, search.Query{Filters: f})
		slices.Sort(got)
		want := []string{"Bus France services ADAM", "Emmaüs Ruffec - EFS EMMABUS", "Maison du Département Itinérante"}
		if !slices.Equal(got, want) {
			t.Errorf("%v: %v, want %v", f, got, want)
		}
		for _, h := range r.Hits {
			if len(h.Item.Mobility) != 0 {
				t.Errorf("%s: mobility %v, the producer sent none", h.Item.Name, h.Item.Mobility)
			}
		}
	}
}

// A public alone does not meet a need: « contrôle parental » relates to
// families, but a France services declaring families and procedures does
// not help with parental control. Where a place offers it, it comes
// first; where none does (around Gap), the others are a partial answer
// missing the need's words, as orientation says none (probe 39b,
// M4: partial=false and missing_words=[]).
func TestProbe39cM4APublicAloneDoesNotMeetANeed(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("tal", "France services de Tallard", "Tallard", "05130", "1 place de la Mairie", "services", themeProcedures,
			"publics_specifiquement_adresses", "Familles et/ou enfants", "latitude", "44.4610", "longitude", "6.0540"),
		record("cha", "France services du Champsaur", "Saint-Bonnet-en-Champsaur", "05500", "2 place Grenette", "services", themeProcedures,
			"publics_specifiquement_adresses", "Familles et/ou enfants", "latitude", "44.6810", "longitude", "6.0780"),
		record("par", "Espace parents", "Toulon", "83000", "8 rue Racine", "services", themeParenting,
			"latitude", "43.1250", "longitude", "5.9300"),
	})
	gap := search.Point{Lat: 44.5594, Lon: 6.0786}
	r, got := searchQ(t, m, search.Query{Text: "controle parental", Near: &gap, RadiusKM: 20})
	if !r.Partial || len(got) != 2 {
		t.Errorf("around Gap: %v (partial %v), want the two France services as a partial answer", got, r.Partial)
	}
	for _, h := range r.Hits {
		if len(h.Missing) == 0 {
			t.Errorf("%s: missing_words empty, it does not offer parental control", h.Item.Name)
		}
	}
	r, got = searchQ(t, m, search.Query{Text: "controle parental"})
	if r.Partial || len(got) == 0 || got[0] != "Espace parents" {
		t.Errorf("everywhere: %v (partial %v), want the place offering it first", got, r.Partial)
	}
}
