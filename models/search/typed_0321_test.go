package search_test

import (
	"slices"
	"testing"
)

// « un point numérique », as the CAF, the State and the towns name the
// places where one is helped with the digital (« points numériques »):
// any place of digital help, as « médiation numérique » is. As words,
// « point » read the youth information points' typology (« Points et
// bureaux information jeunesse ») and « point numerique angouleme » kept
// the CIJ of 25 places (batch 2027-03-21). A place named « Point
// numérique » is still found.
func TestAPointNumeriqueIsAnyDigitalHelpOfTheBatch0321(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("pij", "Centre information jeunesse", "Angoulême", "16000", "1 rue de Périgueux", "services", themeWork39, "typologie", "PIJ_BIJ"),
		record("tools", "Atelier numérique du Champ de Mars", "Angoulême", "16000", "2 place du Champ de Mars", "services", themeTools),
		record("proc", "France services Soyaux", "Soyaux", "16800", "3 rue de la République"),
		record("name", "Point Numérique", "Aix-en-Provence", "13100", "26 rue Chastel", "services", themeAccess0314),
	})
	for _, q := range []string{"point numerique soyaux", "un point numérique à angoulême", "points numeriques angouleme"} {
		r, got := searchNames(t, m, q)
		if r.Partial || len(got) == 0 || slices.Contains(got, "Point Numérique") {
			t.Errorf("%s: %v (partial %v), want the commune's places of digital help", q, got, r.Partial)
		}
		if q != "point numerique soyaux" && !slices.Contains(got, "Atelier numérique du Champ de Mars") {
			t.Errorf("%s: %v, want the workshop too, not the youth point only", q, got)
		}
	}
	if _, got := searchNames(t, m, "point numerique aix"); len(got) == 0 || got[0] != "Point Numérique" {
		t.Errorf("point numerique aix: %v, want the place named so", got)
	}
}

// Portuguese and Romanian around a need, as the French, Spanish, Turkish
// and Arabic are read: « com », « na » (with, in the), « pentru », « cu »
// (for, with) are function words; « ajutor » (help) is « aide »;
// « documentos », « documente » are « documents », « acte(le) » one's
// papers. Held by
// no place, they made the answer partial: « ajuda com documentos na
// internet » found a « Nanteuil », « ajutor pentru acte online » « Les
// Acteurs solidaires » (batch 2027-03-21).
func TestPortugueseAndRomanianAroundANeedOfTheBatch0321(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("proc", "France services Toulon", "Toulon", "83000", "1 avenue Albert Camus"),
		record("act", "Les Acteurs du numérique", "Nevers", "58000", "2 rue du Commerce", "services", themeTools),
		record("nant", "Commune de Nanteuil", "Nanteuil-en-Vallée", "16700", "3 place de la Mairie", "services", themeTools),
	})
	for _, q := range []string{"preciso de ajuda com a caf", "ajuda com meus documentos na caf", "ajutor pentru acte", "am nevoie de ajutor cu actele"} {
		if r, got := searchNames(t, m, q); r.Partial || len(got) == 0 || got[0] != "France services Toulon" {
			t.Errorf("%s: %v (partial %v), want the place helping with procedures", q, got, r.Partial)
		}
	}
}

// « arriver », as « je viens » before it: where the person arrived says
// where, the rest what (« je viens d'arriver à Gap, aide numérique »);
// required, held by no place, it made the answer partial and kept one
// place of 26 (batch 2027-03-21). « arriver en France » is still the
// newcomers' phrase.
func TestArrivingIsASentenceWordOfTheBatch0321(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("proc", "France services Toulon", "Toulon", "83000", "1 avenue Albert Camus"),
		record("tools", "Atelier numérique", "Nice", "06000", "2 rue de France", "services", themeTools),
		record("cada", "CADA Les Oliviers", "Marseille", "13003", "3 rue Bellevue", "services", themeTools, "typologie", "CADA"),
	})
	for _, q := range []string{"je viens d arriver a toulon aide papiers", "on vient d'arriver à Toulon, où faire nos démarches ?", "arrivee a toulon demarches"} {
		if r, got := searchNames(t, m, q); r.Partial || len(got) == 0 || got[0] != "France services Toulon" {
			t.Errorf("%s: %v (partial %v), want the place helping with procedures in Toulon", q, got, r.Partial)
		}
	}
	if _, got := searchNames(t, m, "je viens d'arriver en France"); len(got) == 0 || got[0] != "CADA Les Oliviers" {
		t.Errorf("je viens d'arriver en France: %v, want the reception centre", got)
	}
}

// A phone spied on (« mon conjoint surveille mon téléphone », « logiciel
// espion ») is online safety, as a hacked account is: « surveille » was
// spelt « Aureille » and the answer was partial (batch 2027-03-21).
func TestASpiedPhoneIsOnlineSafetyOfTheBatch0321(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("sec", "Atelier sécurité", "Toulon", "83000", "1 rue Jean Jaurès", "services", themeSafety0314+"|"+themeTools),
		record("tools", "Atelier numérique", "Toulon", "83000", "2 rue Picot", "services", themeTools),
	})
	for _, q := range []string{"mon ex espionne mon portable", "logiciel espion sur mon telephone", "mon mari me surveille sur mon tel"} {
		if r, got := searchNames(t, m, q); r.Partial || len(got) == 0 || got[0] != "Atelier sécurité" {
			t.Errorf("%s: %v (partial %v), want the online safety workshop first", q, got, r.Partial)
		}
	}
}

// The CAF's benefits in English (« housing benefit », « family
// allowance »), as « job centre » is France Travail: « help with housing
// benefit application » was partial, « housing » and « benefit » held by
// no place (batch 2027-03-21).
func TestEnglishNamesOfTheCAFBenefitsOfTheBatch0321(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("proc", "France services Toulon", "Toulon", "83000", "1 avenue Albert Camus"),
		record("aide", "Aide à domicile du Var", "Toulon", "83000", "2 rue Picot", "services", themeTools),
	})
	for _, q := range []string{"housing benefits help", "family allowance claim toulon"} {
		if r, got := searchNames(t, m, q); r.Partial || len(got) == 0 || got[0] != "France services Toulon" {
			t.Errorf("%s: %v (partial %v), want the place helping with procedures", q, got, r.Partial)
		}
	}
}

// The APA (allocation personnalisée d'autonomie), the Département's
// allowance an elderly person's family asks for, is a procedure: « apa »
// was held by no place and « aidant familial demande apa » partial
// (batch 2027-03-21).
func TestTheAPAIsAProcedureOfTheBatch0321(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("proc", "France services Toulon", "Toulon", "83000", "1 avenue Albert Camus"),
		record("udaf", "Union départementale des associations familiales", "Toulon", "83000", "2 rue Picot", "services", themeTools),
	})
	for _, q := range []string{"demande d apa pour mon pere", "dossier apa", "allocation personnalisée d'autonomie toulon"} {
		if r, got := searchNames(t, m, q); r.Partial || len(got) == 0 || got[0] != "France services Toulon" {
			t.Errorf("%s: %v (partial %v), want the place helping with procedures", q, got, r.Partial)
		}
	}
}

// The national helplines' numbers, as people remember them: the 3919
// (Violences Femmes Info) is the victims' need, the 3018 (e-Enfance,
// cyberharassment) online safety. « 3919 » was answered with nothing
// (batch 2027-03-21).
func TestHelplineNumbersOfTheBatch0321(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("sec", "Atelier sécurité", "Toulon", "83000", "1 rue Jean Jaurès", "services", themeSafety0314+"|"+themeTools),
		record("tools", "Atelier numérique", "Toulon", "83000", "2 rue Picot", "services", themeTools),
	})
	for _, q := range []string{"3018", "appeler le 3018"} {
		if r, got := searchNames(t, m, q); r.Partial || len(got) == 0 || got[0] != "Atelier sécurité" {
			t.Errorf("%s: %v (partial %v), want the online safety workshop first", q, got, r.Partial)
		}
	}
}

// Farm workers (« ouvrier agricole », « salarié agricole », « saisonnier
// agricole ») are farmers to the MSA, their social security fund; a
// seasonal job, an employment contract and a payslip are work; a
// seasonal worker alone is the person, the need follows: « agricole »
// alone found the Crédit Agricole and « saisonnier », « contrat » were
// held by no place (batch 2027-03-21, « saisonnier agricole contrat de
// travail en ligne »: P@5 0).
func TestFarmAndSeasonalWorkersOfTheBatch0321(t *testing.T) {
	const workAndProcedures = "Aide aux démarches administratives|Insertion professionnelle via le numérique"
	m := loadRecords(t, []map[string]string{
		record("fs", "France services Toulon", "Toulon", "83000", "1 avenue Albert Camus", "services", workAndProcedures),
		record("ca", "Point Passerelle Crédit Agricole", "Toulon", "83000", "2 rue Picot", "services", themeTools),
		record("tools", "Atelier numérique", "Toulon", "83000", "3 rue Picot", "services", themeTools),
		record("mairie", "Mairie de Toulon", "Toulon", "83000", "4 avenue de la République"),
	})
	for _, q := range []string{"ouvrier agricole declaration msa", "salariée agricole aide dossier", "saisonniere cherche emploi", "fiche de paie en ligne", "contrat de travail aide"} {
		if r, got := searchNames(t, m, q); r.Partial || len(got) == 0 || got[0] != "France services Toulon" {
			t.Errorf("%s: %v (partial %v), want the place helping with work and procedures first", q, got, r.Partial)
		}
	}
	for _, q := range []string{"saisonniere besoin d aide pour ses papiers", "saisonnier aide papiers"} {
		if r, got := searchNames(t, m, q); r.Partial || !slices.Contains(got, "Mairie de Toulon") {
			t.Errorf("%s: %v (partial %v), want every place helping with procedures", q, got, r.Partial)
		}
	}
}

// Discreetly (« aide discrète », « discrètement »): how the person wants
// to be helped, not what a place holds; required, held by no place,
// « discrete » made « violences conjugales aide discrete » partial
// (batch 2027-03-21). The victims' centre is in the answer; it ranks
// behind the places helping with procedures, which « aide » names.
func TestDiscreetlyIsASentenceWordOfTheBatch0321(t *testing.T) {
	m := loadRecords(t, []map[string]string{
		record("cidff", "CIDFF du Var", "Toulon", "83000", "1 rue Jean Jaurès", "services", themeTools),
		record("fs", "France services Toulon", "Toulon", "83000", "2 avenue Albert Camus"),
	})
	for _, q := range []string{"victime de violences aide discrete", "violence conjugale aide discretement", "femme battue aide discrète toulon"} {
		if r, got := searchNames(t, m, q); r.Partial || !slices.Contains(got, "CIDFF du Var") {
			t.Errorf("%s: %v (partial %v), want the victims' centre in a whole answer", q, got, r.Partial)
		}
	}
}
