package opendata_test

import (
	"context"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/opendata"
)

// TestImportAidantsConnectRow: a row of Aidants Connect's national list as
// mednum-cli received it (assets/input/aidants-connect/aidants-connect.json,
// commit d01eaeb): ids and SIRETs with their digits grouped by narrow
// no-break spaces (U+202F), the postal code a JSON number without its
// leading 0, no commune, no coordinates. The SIRET is read as a SIRET, the
// postal code on five digits, the commune derived from the postal code,
// the offer is the mapping's; and the report says that the place has no
// coordinates, which Carnet does not invent: it is not on a map nor found
// around a point, only by its commune.
func TestImportAidantsConnectRow(t *testing.T) {
	js := `[{"Data pass ID":"10` + "\u202f" + `686","Name":"Médiathèque","SIRET":"388` + "\u202f" + `746` + "\u202f" + `943` + "\u202f" + `00017",` +
		`"Adresse":"42 RUE RENE GOUVERNEUR","Code postal":2230,"Département":"Aisne","Région":"Hauts-de-France",` +
		`"Nombre de mandats":"3","Nombre d'usagers accompagnés":"2","Nombre d'agents formés":1,"commune":"","date_maj":"15/03/2021"}]`
	s := openStore(t)
	rep := importBytes(t, s, []byte(js), opendata.ImportOptions{Source: "aidants"})
	if rep.Producer == nil || rep.Producer.Name != "aidants-connect" || rep.Rejected != 0 {
		t.Fatalf("producer %+v, rejected %d: %+v", rep.Producer, rep.Rejected, rep.Issues)
	}
	page, err := s.ListActors(context.Background(), models.ActorFilter{ListParams: models.ListParams{Limit: 10}})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("%v %+v", err, page)
	}
	a := page.Items[0]
	if a.SourceID != "10\u202f686" || a.Pivot != "38874694300017" || a.Address.PostalCode != "02230" || a.Address.Commune != "Fresnoy-le-Grand" || a.Latitude != nil {
		t.Errorf("id %q pivot %q postal code %q commune %q latitude %v", a.SourceID, a.Pivot, a.Address.PostalCode, a.Address.Commune, a.Latitude)
	}
	if sv := serviceOf(t, s, "aidants", a.SourceID); len(sv.Themes) == 0 {
		t.Errorf("the offer has no themes: %+v", sv)
	}
	if r := readingOf(rep, "latitude", "does not geocode"); r == nil || r.Count != 1 {
		t.Errorf("the report does not say the place has no coordinates: %+v", rep.Readings)
	}
}

// TestImportDerivesCommuneNamedWithinAnother: « Maison France Services de
// Bourg Lastic », postal code 63760, shared by Bourg-Lastic, Lastic and
// Saint-Sulpice: the name holds two of them, « Lastic » only as a word of
// « Bourg Lastic », and the row was rejected as ambiguous (11 rows of
// Aidants Connect's list: « CCAS LYS LEZ LANNOY », « Mairie de Sury près
// Léré »…). A commune named within another's name is that other's word:
// the longer name is the one the row names. Two names apart still leave
// the row ambiguous.
func TestImportDerivesCommuneNamedWithinAnother(t *testing.T) {
	js := `[
{"Data pass ID":"1","Name":"Maison France Services de Bourg Lastic","SIRET":"1","Adresse":"4 route de Tulle","Code postal":63760,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"2","Name":"CCAS LYS LEZ LANNOY","SIRET":"1","Adresse":"12 BIS AVENUE PAUL BERT","Code postal":59390,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"3","Name":"Maison de Bourg-Lastic et de Saint-Sulpice","SIRET":"1","Adresse":"4 route de Tulle","Code postal":63760,"Nombre de mandats":"1","commune":""}
]`
	s := openStore(t)
	rep := importBytes(t, s, []byte(js), opendata.ImportOptions{Source: "aidants", DryRun: true})
	for _, want := range []struct {
		row                int
		severity, contains string
	}{
		{1, opendata.SeverityWarning, "missing: Bourg-Lastic"},
		{2, opendata.SeverityWarning, "missing: Lys-lez-Lannoy"},
		{3, opendata.SeverityError, "is shared by"}, // two communes named apart
	} {
		if !hasIssue(rep, want.row, "commune", want.severity, want.contains) {
			t.Errorf("row %d, want %s %q: %+v", want.row, want.severity, want.contains, issuesOf(rep, want.row, "commune"))
		}
	}
}

// TestImportDerivesCommuneFromItsSIREN: 892 of the 3,407 rows of Aidants
// Connect's list were rejected because their postal code is shared by
// several communes and nothing else in the row said which; 108 of them
// carry a commune's own SIRET (« Mairie de Gan - France Services »,
// 21640230500017, postal code 64290 of Gan and four others). SIRENE
// numbers a commune 21, its département, 0, its number in the département
// and a check digit (the 829 commune SIRETs with an INSEE code in
// data·inclusion's 2023 export but 93 given to places elsewhere, those of
// Martinique, Guyane, La Réunion and Haute-Corse too), so the SIRET names
// the commune: it is taken when it is one of the postal code's communes.
// A commune's SIRET of another postal code, or a body's that is not a
// commune's (a CCAS, 26…; an intercommunality's 200… or 24…, which is no
// commune nouvelle's), tells nothing.
func TestImportDerivesCommuneFromItsSIREN(t *testing.T) {
	js := `[
{"Data pass ID":"1","Name":"Mairie de Gan - France Services","SIRET":"21640230500017","Adresse":"PL DE LA MAIRIE","Code postal":64290,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"2","Name":"Centre socio-culturel","SIRET":"21590036600018","Adresse":"26 bis rue des prés","Code postal":59440,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"3","Name":"Espace numérique","SIRET":"21972204800010","Adresse":"Bourg","Code postal":97221,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"4","Name":"Centre social","SIRET":"21100378500014","Adresse":"1 rue de la Paix","Code postal":64290,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"5","Name":"CCAS","SIRET":"26640230500017","Adresse":"1 rue de la Paix","Code postal":64290,"Nombre de mandats":"1","commune":""}
]`
	s := openStore(t)
	rep := importBytes(t, s, []byte(js), opendata.ImportOptions{Source: "aidants", DryRun: true})
	got := map[int]string{}
	for _, is := range rep.Issues {
		if is.Field == "commune" {
			got[is.Row] = is.Severity + ": " + is.Value + " " + is.Reason
		}
	}
	for row, want := range map[int]string{1: "warning: Gan ", 2: "warning: Avesnes-sur-Helpe ", 4: "error: ", 5: "error: "} {
		if !strings.HasPrefix(got[row], want) {
			t.Errorf("row %d: %q, want %q…", row, got[row], want)
		}
	}
	if !strings.Contains(got[1], "SIRET") {
		t.Errorf("row 1's warning does not say the commune comes from the SIRET: %q", got[1])
	}
	// Le Carbet is the only commune of 97221: no derivation needed.
	if strings.HasPrefix(got[3], "error") {
		t.Errorf("row 3: %q", got[3])
	}
}

// TestImportDerivesCommuneFromTheCOGsSIREN: SIRENE's numbers drifted from
// INSEE's codes in 4,288 communes, and a commune nouvelle's SIREN is 200…:
// Aidants Connect's « CCAS/Espace Seniors » under Chauny's SIRET
// (210201604, which reads as 02160, Chaourse) and « Esc-Halles » under
// Avranches' (200083640), their postal codes shared, were rejected, and
// Barenton-Cel's SIRET (210200465) read as Barenton-Bugny (02046), both of
// 02000. The COG lists each commune's SIREN (commune.CodesOfSIREN). Not
// when the name and the address line both name another commune of the
// postal code (the mairie déléguée of L'Oie, a commune again, under
// Essarts-en-Bocage's SIRET); either alone does not stop it (the communes
// a service is for; a road towards Fumel).
func TestImportDerivesCommuneFromTheCOGsSIREN(t *testing.T) {
	js := `[
{"Data pass ID":"1","Name":"CCAS/Espace Seniors","SIRET":"21020160400019","Adresse":"69 rue Ernest Renan","Code postal":2300,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"2","Name":"Esc-Halles","SIRET":"20008364000017","Adresse":"24 PLACE DU MARCHE","Code postal":50300,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"3","Name":"Mairie","SIRET":"21020046500016","Adresse":"1 place de la Mairie","Code postal":2000,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"4","Name":"Commune ESSARTS EN BOCAGE - site Mairie déléguée de l'Oie","SIRET":"20005426000019","Adresse":"place de l'église - L'OIE","Code postal":85140,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"5","Name":"Pour les Communes de Couffouleux - Rabastens et Loupiac","SIRET":"21810070900011","Adresse":"AV JEAN BERENGUIER","Code postal":81800,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"6","Name":"Agence postale de Montayral","SIRET":"21470185600012","Adresse":"90 Avenue de Fumel","Code postal":47500,"Nombre de mandats":"1","commune":""}
]`
	wantCommuneIssues(t, js, []communeIssue{
		{1, opendata.SeverityWarning, "missing: Chauny (INSEE 02173), the commune whose own SIRET the row gives"},
		{2, opendata.SeverityWarning, "missing: Avranches (INSEE 50025)"},
		{3, opendata.SeverityWarning, "missing: Barenton-Cel (INSEE 02047)"},
		{4, opendata.SeverityError, "is shared by"},
		{5, opendata.SeverityWarning, "missing: Coufouleux"},
		{6, opendata.SeverityWarning, "missing: Montayral"},
	})
}

// TestImportDerivesCommuneAfterAContractedArticle: « CCAS du Luc en
// Provence », place de la Liberté, postal code 83340 of Le Luc and five
// other communes (Aidants Connect's list, no commune), was rejected: French
// never writes « de Le Luc » but « du Luc », « des Arcs » for « de Les
// Arcs », and the name was not read as naming Le Luc. A commune whose name
// begins with « Le » or « Les » is named by its contracted forms too; a
// contraction of another word (« du Lac »: no commune of 83340) names
// none, nor a road's « du X » on the street line (« 1 RTE DU CHAY » is
// Saujon's CCAS on the road towards Le Chay).
func TestImportDerivesCommuneAfterAContractedArticle(t *testing.T) {
	js := `[
{"Data pass ID":"1","Name":"CCAS du Luc en Provence","SIRET":"1","Adresse":"PL DE LA LIBERTE","Code postal":83340,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"2","Name":"Mairie des Arcs","SIRET":"1","Adresse":"PL GENERAL DE GAULLE","Code postal":83460,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"3","Name":"Espace du Lac","SIRET":"1","Adresse":"PL DE LA LIBERTE","Code postal":83340,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"4","Name":"CCAS de Saujon","SIRET":"1","Adresse":"1 RTE DU CHAY","Code postal":17600,"Nombre de mandats":"1","commune":""}
]`
	s := openStore(t)
	rep := importBytes(t, s, []byte(js), opendata.ImportOptions{Source: "aidants", DryRun: true})
	for _, want := range []struct {
		row                int
		severity, contains string
	}{
		{1, opendata.SeverityWarning, "missing: Le Luc"},
		{2, opendata.SeverityWarning, "missing: Les Arcs"},
		{3, opendata.SeverityError, "is shared by"},
		{4, opendata.SeverityWarning, "missing: Saujon"}, // a road towards Le Chay
	} {
		if !hasIssue(rep, want.row, "commune", want.severity, want.contains) {
			t.Errorf("row %d, want %s %q: %+v", want.row, want.severity, want.contains, issuesOf(rep, want.row, "commune"))
		}
	}
}

// TestImportDerivesCommuneNamedAsUsageNamesIt: Aidants Connect rows without
// a commune, their postal code shared, whose name names the commune as
// usage does rather than in full, were rejected: « Espace France Services
// Vaison Ventoux » (84110: Vaison-la-Romaine and eleven others; 42 rows so
// named nationally, « PMS Thonon Ouest », « France Services Romorantin »)
// and « France Services Maulaucene » (84340: Malaucène, misspelt; six
// rows). The first part of a compound name, or a long name with one letter
// wrong, names that commune when it names no other of the postal code's;
// a département's name does not (« du Réolais en sud Gironde » is in La
// Réole, not in Gironde-sur-Dropt), nor « Saint », nor a territory named
// after a town (« Pays d'Evian »: the intercommunality's seat is in
// Publier).
func TestImportDerivesCommuneNamedAsUsageNamesIt(t *testing.T) {
	js := `[
{"Data pass ID":"1","Name":"Espace France Services Vaison Ventoux","SIRET":"1","Adresse":"375 AVENUE GABRIEL PERI","Code postal":84110,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"2","Name":"France Services Maulaucene","SIRET":"1","Adresse":"Mairie cours des Isnards","Code postal":84340,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"3","Name":"Communauté de communes du Réolais en sud Gironde","SIRET":"1","Adresse":"81 Rue Armand Caduc","Code postal":33190,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"4","Name":"Mairie Saint","SIRET":"1","Adresse":"1 place de l'église","Code postal":84110,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"5","Name":"France Services Pays d'Evian Vallée d'Abondance","SIRET":"1","Adresse":"851 AV DES RIVES DU LEMAN","Code postal":74500,"Nombre de mandats":"1","commune":""}
]`
	s := openStore(t)
	rep := importBytes(t, s, []byte(js), opendata.ImportOptions{Source: "aidants", DryRun: true})
	for _, want := range []struct {
		row                int
		severity, contains string
	}{
		{1, opendata.SeverityWarning, "missing: Vaison-la-Romaine"},
		{2, opendata.SeverityWarning, "missing: Malaucène"},
		{3, opendata.SeverityError, "is shared by"},
		{4, opendata.SeverityError, "is shared by"},
		{5, opendata.SeverityError, "is shared by"}, // a territory named after Évian, its seat in Publier
	} {
		if !hasIssue(rep, want.row, "commune", want.severity, want.contains) {
			t.Errorf("row %d, want %s %q: %+v", want.row, want.severity, want.contains, issuesOf(rep, want.row, "commune"))
		}
	}
}

// A département's own bodies — its council, its prefecture, its union of
// family associations, its chamber of agriculture — are at its chef-lieu:
// a row that names its département as the owner of the place, its postal
// code shared by the chef-lieu and smaller communes, is in the chef-lieu
// (« Département de l'Allier », 03000: Moulins, not Avermes; « UDAF
// Cantal », 15000: Aurillac, not Ytrac). Not when the département's name
// goes on (« Loire Forez agglomération » is no body of the Loire, « Savoie
// Mont Blanc » none of the Savoie), nor when the postal code's communes do
// not include the chef-lieu (the Charente-Maritime's territorial office in
// Saint-Jean-d'Angély's 17400), nor for a name that only holds the
// département's in a longer one (« Haute-Savoie » in the Savoie).
func TestImportDerivesCommuneOfADepartementsBody(t *testing.T) {
	js := `[
{"Data pass ID":"1","Name":"Département de l'Allier","SIRET":"1","Adresse":"1 AV VICTOR HUGO","Code postal":3000,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"2","Name":"UDAF Cantal","SIRET":"1","Adresse":"45 Avenue de la République","Code postal":15000,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"3","Name":"Conseil départemental des Ardennes - Service Orientation et Accompagnement vers l'Emploi","SIRET":"1","Adresse":"2 RUE LUCIEN HUBERT","Code postal":8000,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"4","Name":"Département de la Charente-Maritime - DT RAHS","SIRET":"1","Adresse":"55 bd Franck Lamy","Code postal":17400,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"5","Name":"Loire Forez agglomération","SIRET":"1","Adresse":"17 boulevard de la Préfecture","Code postal":42600,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"6","Name":"Espace numérique Savoie Mont Blanc","SIRET":"1","Adresse":"2 rue de la Paix","Code postal":73000,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"7","Name":"Comité de la Haute-Savoie","SIRET":"1","Adresse":"2 rue de la Paix","Code postal":73000,"Nombre de mandats":"1","commune":""}
]`
	s := openStore(t)
	rep := importBytes(t, s, []byte(js), opendata.ImportOptions{Source: "aidants", DryRun: true})
	for _, want := range []struct {
		row                int
		severity, contains string
	}{
		{1, opendata.SeverityWarning, "missing: Moulins"},
		{2, opendata.SeverityWarning, "missing: Aurillac"},
		{3, opendata.SeverityWarning, "missing: Charleville-Mézières"},
		{4, opendata.SeverityError, "is shared by"},
		{5, opendata.SeverityError, "is shared by"},
		{6, opendata.SeverityError, "is shared by"},
		{7, opendata.SeverityError, "is shared by"},
	} {
		if !hasIssue(rep, want.row, "commune", want.severity, want.contains) {
			t.Errorf("row %d, want %s %q: %+v", want.row, want.severity, want.contains, issuesOf(rep, want.row, "commune"))
		}
	}
}

// A row naming a former or delegated commune (merged into a commune
// nouvelle, or a commune nouvelle's delegated commune) of one of its
// postal code's communes is at that commune: « PMS Seynod » in 74600 is
// in Annecy, « France Services Le Bleymard » in Mont Lozère et Goulet,
// « Mairie de Cheux » in Thue et Mue, « 8 GRAND RUE - LABASTIDE-MURAT » in
// Cœur de Causse. Aidants Connect gives no commune, and the rows were
// rejected though the reference says where those names are. Not when the
// row names another of the postal code's communes' too (Missy, of Val
// d'Arry), nor on a road towards it (« RTE DE CHEUX »), nor by a former
// name that is a word of addresses (« Cours », of Bellefont-La Rauze).
func TestImportDerivesCommuneNamedByItsFormerName(t *testing.T) {
	js := `[
{"Data pass ID":"1","Name":"PMS Seynod","SIRET":"1","Adresse":"51 rue Henri Verjus Seynod","Code postal":74600,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"2","Name":"France Services Le Bleymard","SIRET":"1","Adresse":"RTE DU MONT LOZERE","Code postal":48190,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"3","Name":"Mairie de Cheux","SIRET":"1","Adresse":"4 rue des dentellières","Code postal":14210,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"4","Name":"France Services du Causse","SIRET":"1","Adresse":"8 GRAND RUE - LABASTIDE-MURAT","Code postal":46240,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"5","Name":"Permanence Cheux et Missy","SIRET":"1","Adresse":"2 rue de la Mairie","Code postal":14210,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"6","Name":"Espace numérique","SIRET":"1","Adresse":"12 RTE DE CHEUX","Code postal":14210,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"7","Name":"Espace numérique","SIRET":"1","Adresse":"12 cours de la Chartreuse","Code postal":46090,"Nombre de mandats":"1","commune":""}
]`
	wantCommuneIssues(t, js, []communeIssue{
		{1, opendata.SeverityWarning, "missing: Annecy (INSEE 74010), the only one of the communes of postal code 74600 that the place's name or address names by the name of a former or delegated commune (Seynod)"},
		{2, opendata.SeverityWarning, "missing: Mont Lozère et Goulet"},
		{3, opendata.SeverityWarning, "missing: Thue et Mue"},
		{4, opendata.SeverityWarning, "missing: Cœur de Causse"},
		{5, opendata.SeverityError, "is shared by"},
		{6, opendata.SeverityError, "is shared by"},
		{7, opendata.SeverityError, "is shared by"},
	})
}

// A row whose SIRET is an intercommunality's (an EPCI's SIREN) is at the
// one commune of its postal code that belongs to it: 62219 is
// Longuenesse's and Wisques', and only Longuenesse is of the Pays de
// Saint-Omer, whose SIRET « Maison de la Morinie » gives; 04600 is
// Château-Arnoux-Saint-Auban's and Montfort's, and only the first is of
// Provence-Alpes-Agglomération. Not when two of the postal code's communes
// belong to it (the Pays entre Loire et Rhône in 42470), nor for an
// intercommunality's name in the place's name, which may name the
// territory a structure serves (« Clic La Roche aux Fées », in La
// Guerche-de-Bretagne, not in Arbrissel, the Roche aux Fées' one commune of
// 35130).
func TestImportDerivesCommuneOfItsIntercommunality(t *testing.T) {
	js := `[
{"Data pass ID":"1","Name":"Maison de la Morinie","SIRET":"20006903700014","Adresse":"2 RUE ALBERT CAMUS","Code postal":62219,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"2","Name":"France Services Val de Durance","SIRET":"20006743700018","Adresse":"7 Cours Péchiney","Code postal":4600,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"3","Name":"Clic La Roche aux Fées","SIRET":"1","Adresse":"3 RUE DU DOCTEUR PONTAIS","Code postal":35130,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"4","Name":"Communauté de communes du Pays entre Loire et Rhône","SIRET":"24420063000014","Adresse":"6 RUE DE LA TETE NOIRE","Code postal":42470,"Nombre de mandats":"1","commune":""}
]`
	wantCommuneIssues(t, js, []communeIssue{
		{1, opendata.SeverityWarning, "missing: Longuenesse (INSEE 62525), the only one of the communes of postal code 62219 that belongs to the intercommunality whose SIRET the row gives (CA du Pays de Saint-Omer, SIREN 200069037)"},
		{2, opendata.SeverityWarning, "missing: Château-Arnoux-Saint-Auban"},
		{3, opendata.SeverityError, "is shared by"},
		{4, opendata.SeverityError, "is shared by"},
	})
}

// A CEDEX code is no commune's postal code, and no published table within
// reach says which commune each is: a row giving one and no commune was
// rejected. Its first digits say the département, and a name naming one of
// its communes, the only one of the département so named, is that commune
// (« CCAS DE LA VILLE DE MONTPELLIER », 34060; « Ville de Saint-Etienne »,
// 42007), as is the town after a postal code in the address line
// (« 1 place Châtelet 28028 Chartres »). Not a word of the street line
// elsewhere (« 16 BD PRESIDENT BERTRAND »: no commune so named, but a
// street's name is a person's or a place's), nor a name naming none
// (« Chambre d'Agriculture », 43012) or two communes of the département.
func TestImportDerivesCommuneOfACedexCode(t *testing.T) {
	js := `[
{"Data pass ID":"1","Name":"CCAS DE LA VILLE DE MONTPELLIER","SIRET":"1","Adresse":"125 PL THERMIDOR CS 63998","Code postal":34060,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"2","Name":"Ville de Saint-Etienne","SIRET":"1","Adresse":"PL HOTEL DE VILLE, BP 503 Saint-Etienne","Code postal":42007,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"3","Name":"Conseil Départemental UC","SIRET":"1","Adresse":"1 place Châtelet 28028 Chartres","Code postal":28006,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"4","Name":"Chambre d'Agriculture","SIRET":"1","Adresse":"16 BD PRESIDENT BERTRAND BP 20343","Code postal":43012,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"5","Name":"Espace Lunel et Mauguio","SIRET":"1","Adresse":"125 PL THERMIDOR CS 63998","Code postal":34060,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"6","Name":"Association","SIRET":"1","Adresse":"2 rue de Lunel","Code postal":34060,"Nombre de mandats":"1","commune":""}
]`
	wantCommuneIssues(t, js, []communeIssue{
		{1, opendata.SeverityWarning, "missing: Montpellier (INSEE 34172), the only commune of département 34 that the place's name names, the postal code 34060 being a CEDEX code, no commune's"},
		{2, opendata.SeverityWarning, "missing: Saint-Étienne (INSEE 42218)"},
		{3, opendata.SeverityWarning, "missing: Chartres (INSEE 28085)"},
		{4, opendata.SeverityError, "postal code 43012 is no commune's"},
		{5, opendata.SeverityError, "postal code 34060 is no commune's"},
		{6, opendata.SeverityError, "postal code 34060 is no commune's"},
	})
}

// communeIssue is an issue a row of Aidants Connect's list should have on
// its commune.
type communeIssue struct {
	row                int
	severity, contains string
}

// wantCommuneIssues imports js, Aidants Connect's rows, without writing,
// and checks each row's issue on its commune.
func wantCommuneIssues(t *testing.T, js string, wants []communeIssue) {
	t.Helper()
	rep := importBytes(t, openStore(t), []byte(js), opendata.ImportOptions{Source: "aidants", DryRun: true})
	for _, want := range wants {
		if !hasIssue(rep, want.row, "commune", want.severity, want.contains) {
			t.Errorf("row %d, want %s %q: %+v", want.row, want.severity, want.contains, issuesOf(rep, want.row, "commune"))
		}
	}
}

// TestImportDerivesCommuneNamedByIssue11sRows: the four rows issue 11 (items
// 1 and 4) cites as read by a person though Aidants Connect gives no
// commune: each is read from its name, or from its postal code's only
// commune (28220 is Cloyes-les-Trois-Rivières' alone), on a dry run and on
// an import alike. Left refused, as a person reading the row would leave
// it: two communes of the postal code named apart (« CCAS DE BILLERE »,
// « 23 AV DE LONS », 64140; « … SAINT GILLES CROIX DE VIE », « … GIVRAND »,
// 85800), and a commune of another postal code (Portet-sur-Garonne is
// 31120, the row says 31190: no search beyond the postal code).
func TestImportDerivesCommuneNamedByIssue11sRows(t *testing.T) {
	js := `[
{"Data pass ID":"1","Name":"CCAS DE SAINT ANDRE DE CORCY","SIRET":"1","Adresse":"SQUARE CLAUDIUS BARDET","Code postal":1390,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"2","Name":"Commune de SAINT MERD LA BREUILLE","SIRET":"1","Adresse":"20 ROUTE DE GIAT","Code postal":23100,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"3","Name":"Maison France service de cloyes les trois rivières","SIRET":"1","Adresse":"Avenue du 11 novembre","Code postal":28220,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"4","Name":"France-services Coutances","SIRET":"1","Adresse":"Square LEBRUN","Code postal":50200,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"5","Name":"CENTRE COMMUNAL D'ACTION SOCIALE DE BILLERE","SIRET":"1","Adresse":"23 AV DE LONS","Code postal":64140,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"6","Name":"FRANCE SERVICES DU PAYS DE SAINT GILLES CROIX DE VIE","SIRET":"1","Adresse":"COM AGGLO - ZAE LE SOLEIL LEVANT - CS63669 - GIVRAND","Code postal":85800,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"7","Name":"Maison France Services Portet sur Garonne","SIRET":"1","Adresse":"1 bis rue torrefarrera","Code postal":31190,"Nombre de mandats":"1","commune":""}
]`
	wants := []communeIssue{
		{1, opendata.SeverityWarning, "missing: Saint-André-de-Corcy (INSEE 01333), the only one of the communes of postal code 01390 whose name the place's name or address contains"},
		{2, opendata.SeverityWarning, "missing: Saint-Merd-la-Breuille (INSEE 23221), the only one of the communes of postal code 23100 whose name"},
		{3, opendata.SeverityWarning, "missing: Cloyes-les-Trois-Rivières (INSEE 28103), the only commune the postal code 28220 point to"},
		{4, opendata.SeverityWarning, "missing: Coutances (INSEE 50147), the only one of the communes of postal code 50200 whose name"},
		{5, opendata.SeverityError, "postal code 64140 is shared by"},
		{6, opendata.SeverityError, "postal code 85800 is shared by"},
		{7, opendata.SeverityError, "postal code 31190 is shared by"},
	}
	wantCommuneIssues(t, js, wants)
	// The import itself, not its dry run, stores the communes so read.
	s := openStore(t)
	rep := importBytes(t, s, []byte(js), opendata.ImportOptions{Source: "aidants"})
	if rep.Rejected != 3 {
		t.Errorf("rejected %d, want 3: %+v", rep.Rejected, rep.Issues)
	}
	got := map[string]string{}
	page, err := s.ListActors(context.Background(), models.ActorFilter{ListParams: models.ListParams{Limit: 20}})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range page.Items {
		got[a.SourceID] = a.Address.Commune + " " + a.Address.InseeCode
	}
	for id, want := range map[string]string{"1": "Saint-André-de-Corcy 01333", "2": "Saint-Merd-la-Breuille 23221", "3": "Cloyes-les-Trois-Rivières 28103", "4": "Coutances 50147"} {
		if got[id] != want {
			t.Errorf("row %s stored in %q, want %q", id, got[id], want)
		}
	}
}

// TestImportDerivesCommuneOfAShortName: names shorter than four letters
// were never looked for (« Eu », « Y », « Mer », « Rue », « Bar » are words
// of other names and of addresses: 167 communes of the reference), and
// Aidants Connect's « Centre Communal d'Action Sociale de Eu » (76260,
// shared by Eu and 16 others), « CCAS de IFS » (14123), « Mairie d’Aix »
// (19200) and « CMS de Die » (26150) were refused. A short name of one of
// the postal code's communes is read where French names a body's commune:
// the place's name ends with « de » or « d' » and it. Not alone (« FRANCE
// SERVICES itinérant - MER », a bus that tours the intercommunality), not
// after a territory (« Pays de Gex »: an intercommunality), not mid-name
// (« Maison de Mer et Loire »), not on the street line (« RUE DE EU » is a
// street of a neighbour of Eu).
func TestImportDerivesCommuneOfAShortName(t *testing.T) {
	js := `[
{"Data pass ID":"1","Name":"Centre Communal d'Action Sociale de Eu","SIRET":"1","Adresse":"RUE JEAN DUHORNAY","Code postal":76260,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"2","Name":"CCAS de IFS","SIRET":"1","Adresse":"Esplanade François Mitterrand","Code postal":14123,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"3","Name":"Mairie d’Aix","SIRET":"1","Adresse":"4 rue de la Mairie","Code postal":19200,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"4","Name":"CMS de Die","SIRET":"1","Adresse":"Place des Cordeliers","Code postal":26150,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"5","Name":"FRANCE SERVICES itinérant - MER","SIRET":"1","Adresse":"9 rue nationale","Code postal":41500,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"6","Name":"Espace France Services du Pays de Gex","SIRET":"1","Adresse":"135 RUE DE GENEVE","Code postal":1170,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"7","Name":"Maison de Mer et Loire","SIRET":"1","Adresse":"9 rue nationale","Code postal":41500,"Nombre de mandats":"1","commune":""},
{"Data pass ID":"8","Name":"Médiathèque","SIRET":"1","Adresse":"3 RUE DE EU","Code postal":76260,"Nombre de mandats":"1","commune":""}
]`
	wantCommuneIssues(t, js, []communeIssue{
		{1, opendata.SeverityWarning, "missing: Eu (INSEE 76255), the only one of the communes of postal code 76260 whose name the place's name ends with"},
		{2, opendata.SeverityWarning, "missing: Ifs (INSEE 14341)"},
		{3, opendata.SeverityWarning, "missing: Aix (INSEE 19002)"},
		{4, opendata.SeverityWarning, "missing: Die (INSEE 26113)"},
		{5, opendata.SeverityError, "postal code 41500 is shared by"},
		{6, opendata.SeverityError, "postal code 01170 is shared by"},
		{7, opendata.SeverityError, "postal code 41500 is shared by"},
		{8, opendata.SeverityError, "postal code 76260 is shared by"},
	})
}
