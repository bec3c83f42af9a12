package vocab

import (
	"fmt"
	"slices"
	"strings"

	"carnet/models/editdist"
)

// Importing files written against older versions of the standard.
//
// v0.1.1 (2022, values joined with ";") had other lists: 15 services,
// publics_accueillis, conditions_acces, labels_nationaux and long
// « Valeur : explication » strings for modalites_accompagnement. The
// changelog (descriptif-des-evolutions) says how they became v1: the 15
// services were condensed into 9; publics_accueillis was split into
// publics_specifiquement_adresses and prise_en_charge_specifique;
// conditions_acces was renamed frais_a_charge; labels_nationaux was split
// into dispositif_programmes_nationaux and formations_labels. The value-level
// mapping of services follows ANCT's converter (@gouvfr-anct/
// lieux-de-mediation-numerique, THEMATIQUES_TO_SERVICES: the data·inclusion
// v0 thématiques numerique--* are the 15 old services); the rest follows the
// field descriptions of v1.0.0.
//
// v1.0.0 and v1.0.1 have the same lists as v1.0.2 except that v1.0.2 added
// « Étapes numériques(La Poste) » to formations_labels, so their values need
// no mapping: the Legacy functions pass current values through, which also
// reads the mixed v0/v1 files that were published (the Charente dataset has
// v1 services beside v0 labels_nationaux).

// Columns of older versions whose values the Legacy functions map.
const (
	LegacyColumnServices                = "services"
	LegacyColumnPublicsAccueillis       = "publics_accueillis"
	LegacyColumnConditionsAcces         = "conditions_acces"
	LegacyColumnLabelsNationaux         = "labels_nationaux"
	LegacyColumnModalitesAccompagnement = "modalites_accompagnement"
)

// Target is one value of a current vocabulary.
type Target struct {
	Vocabulary string `json:"vocabulary"`
	Value      string `json:"value"`
}

// LegacyMapping is what one value of an older version becomes in v1.0.2.
type LegacyMapping struct {
	// Old is the value as the older standard wrote it.
	Old string `json:"old"`
	// Targets are the v1.0.2 values, possibly in several vocabularies
	// (publics_accueillis feeds publics and specific_support). Empty when
	// v1.0.2 has no equivalent.
	Targets []Target `json:"targets"`
	// Note says why the mapping loses information or is empty, and what to
	// do with the value instead. "" when the mapping is exact.
	Note string `json:"note,omitempty"`
	// Lossless says an empty mapping loses nothing (v0.1.1's « Adultes »:
	// every place is open to adults): an importer says how it read the
	// value rather than warning on every row.
	Lossless bool `json:"-"`
	// From names where a value that is not of the standard v0.1.1 comes
	// from (data·inclusion's codes, a producer's « none »), "" for v0.1.1.
	From string `json:"-"`
}

// Values returns the targets that belong to the named vocabulary.
func (m LegacyMapping) Values(vocabulary string) []string {
	var out []string
	for _, t := range m.Targets {
		if t.Vocabulary == vocabulary {
			out = append(out, t.Value)
		}
	}
	return out
}

func to(vocabulary string, values ...string) []Target {
	out := make([]Target, len(values))
	for i, v := range values {
		out[i] = Target{vocabulary, v}
	}
	return out
}

// noteOtherLabels ends the note of labels without equivalent: the standard
// keeps free-text labels in autres_formations_labels.
const noteOtherLabels = " Keep the text in autres_formations_labels."

// legacyTables holds, per column, every value of the v0.1.1 pattern (a test
// checks the list against schema.v0.1.1.json) and its v1.0.2 targets.
var legacyTables = map[string][]LegacyMapping{
	LegacyColumnServices: {
		{Old: "Devenir autonome dans les démarches administratives", Targets: to(NameThemes, ThemeAdministrativeProcedures)},
		{Old: "Réaliser des démarches administratives avec un accompagnement", Targets: to(NameThemes, ThemeAdministrativeProcedures)},
		{Old: "Prendre en main un smartphone ou une tablette", Targets: to(NameThemes, ThemeEverydayDigitalTools)},
		{Old: "Prendre en main un ordinateur", Targets: to(NameThemes, ThemeEverydayDigitalTools)},
		{Old: "Utiliser le numérique au quotidien", Targets: to(NameThemes, ThemeEverydayDigitalTools)},
		{Old: "Approfondir ma culture numérique", Targets: to(NameThemes, ThemeUnderstandingDigital)},
		{Old: "Favoriser mon insertion professionnelle", Targets: to(NameThemes, ThemeProfessionalInsertion)},
		{Old: "Accéder à une connexion internet", Targets: to(NameThemes, ThemeInternetAndEquipment)},
		{Old: "Accéder à du matériel", Targets: to(NameThemes, ThemeInternetAndEquipment)},
		{Old: "S'équiper en matériel informatique", Targets: to(NameThemes, ThemeSolidarityEquipment),
			Note: "v1.0.2 only knows acquisition at a solidarity price; a shop selling at market price is not a médiation service."},
		{Old: "Créer et développer mon entreprise", Targets: to(NameThemes, ThemeProfessionalInsertion)},
		{Old: "Créer avec le numérique", Targets: to(NameThemes, ThemeLeisureAndCreation)},
		{Old: "Accompagner les démarches de santé", Targets: to(NameThemes, ThemeAdministrativeProcedures),
			Note: "Health procedures (ameli, Mon Espace Santé) are administrative procedures in v1.0.2."},
		{Old: "Promouvoir la citoyenneté numérique", Targets: to(NameThemes, ThemeUnderstandingDigital)},
		{Old: "Soutenir la parentalité et l'éducation avec le numérique", Targets: to(NameThemes, ThemeParenting)},
	},
	LegacyColumnPublicsAccueillis: {
		{Old: "Seniors (+ 65 ans)", Targets: to(NamePublics, PublicSeniors)},
		{Old: "Familles/enfants", Targets: to(NamePublics, PublicFamilies)},
		{Old: "Adultes", Lossless: true,
			Note: "v1.0.2 has no « adults » public: a place is open to everyone by default, and publics_specifiquement_adresses only lists publics the action is specifically aimed at. Dropping it loses nothing."},
		{Old: "Jeunes (16-26 ans)", Targets: to(NamePublics, PublicYouth),
			Note: "The 16-26 age bracket is dropped; v1.0.2 says « Jeunes » without ages."},
		{Old: "Public langues étrangères", Targets: to(NameSpecificSupport, SupportForeignLanguageOther),
			Note: "The old value did not say which language; like ANCT's converter, English is not assumed. Languages belong in the service's languages."},
		{Old: "Déficience visuelle", Targets: to(NameSpecificSupport, SupportVisualImpairment)},
		{Old: "Surdité", Targets: to(NameSpecificSupport, SupportDeafness)},
		{Old: "Handicaps psychiques : troubles psychiatriques donnant lieu à des atteintes comportementales",
			Note: "v1.0.2 dropped psychic disability. « Handicaps mentaux » (intellectual disability) is a different condition in French law since 2005, so mapping to it would be false. Say it in the description."},
		{Old: "Handicaps mentaux : déficiences limitant les activités d'une personne", Targets: to(NameSpecificSupport, SupportMentalDisability)},
		{Old: "Uniquement femmes", Targets: to(NamePublics, PublicWomen)},
		{Old: "Personnes en situation d'illettrisme", Targets: to(NameSpecificSupport, SupportIlliteracy)},
	},
	LegacyColumnConditionsAcces: {
		{Old: "Gratuit : Je peux accéder gratuitement au lieu et à ses services", Targets: to(NameFees, FeeFree)},
		{Old: "Gratuit sous condition : La gratuité est conditionnée à des critères (situation familiale, convention avec un organisme social...)", Targets: to(NameFees, FeeFreeUnderCondition)},
		{Old: "Payant : L'accès au lieu et/ou à ses services est payant", Targets: to(NameFees, FeePaid)},
		{Old: "Accepte le Pass numérique : Il est possible d'utiliser un Pass numérique pour accéder au lieu", Targets: to(NameFees, FeeFreeUnderCondition),
			Note: "v1.0.0 describes « Gratuit sous condition » as free under criteria including Pass numériques. Also set the service's Pass numérique flag."},
		{Old: "Adhésion : L'accès au lieu et/ou à ses services nécessite d'y adhérer", Targets: to(NameFees, FeeFreeUnderCondition),
			Note: "v1.0.0 lists adhésion among the criteria of « Gratuit sous condition » (ANCT's converter maps data·inclusion « adhesion » to Payant instead). Put the membership fee in the fees details."},
	},
	LegacyColumnLabelsNationaux: {
		{Old: "France Services", Targets: to(NameNationalProgrammes, ProgrammeFranceServices)},
		{Old: "CNFS", Targets: to(NameNationalProgrammes, ProgrammeConseillersNumeriques)},
		{Old: "APTIC",
			Note: "APTIC is the Pass numérique cheque, not a programme of v1.0.2. Set the service's Pass numérique flag; the fees column, not this one, says whether access is free." + noteOtherLabels},
		{Old: "Aidants Connect", Targets: to(NameNationalProgrammes, ProgrammeAidantsConnect)},
		{Old: "Fabriques de Territoire", Targets: to(NameTrainingLabels, LabelFabriquesDeTerritoire)},
		{Old: "Grandes écoles du numérique", Targets: to(NameNationalProgrammes, ProgrammeGrandeEcoleNumerique)},
		{Old: "Point relais CAF", Targets: to(NameNationalProgrammes, ProgrammePointNumeriqueCAF),
			Note: "v1.0.2 has one CAF value; a relay point gives access to the CAF's online services, which is what it names."},
		{Old: "Point numérique CAF", Targets: to(NameNationalProgrammes, ProgrammePointNumeriqueCAF)},
		{Old: "Relais pôle emploi",
			Note: "v1.0.2 has no France Travail (ex Pôle emploi) programme." + noteOtherLabels},
		{Old: "French Tech",
			Note: "A label of the start-up ecosystem, not a digital-inclusion programme; absent from v1.0.2." + noteOtherLabels},
		{Old: "Campus connecté",
			Note: "A distance higher-education programme; absent from v1.0.2." + noteOtherLabels},
	},
	LegacyColumnModalitesAccompagnement: {
		{Old: "Seul : j'ai accès à du matériel et une connexion", Targets: to(NameAccompanimentModes, AccompanimentAutonomous)},
		{Old: "Avec de l'aide : je suis accompagné seul dans l'usage du numérique", Targets: to(NameAccompanimentModes, AccompanimentIndividual)},
		{Old: "Dans un atelier : j'apprends collectivement à utiliser le numérique", Targets: to(NameAccompanimentModes, AccompanimentWorkshop)},
		{Old: "A ma place : une personne habilitée fait les démarches à ma place", Targets: to(NameAccompanimentModes, AccompanimentIndividual),
			Note: "v1.0.2 cannot say « done for the person »; in Carnet it is the service kind procedures_done_for."},
	},
}

// legacyExtra are values producers write in the legacy columns that are no
// value of the standard v0.1.1, each mapped as the value it stands for
// (Alias, an Old of legacyTables) or on its own (Mapping), with its source.
var legacyExtra = map[string][]struct {
	Value, Alias string
	Mapping      LegacyMapping
}{
	LegacyColumnServices: {
		// data·inclusion's thématiques v1.0.8 (extra/thematiques) name
		// digital help with three codes of their own besides v0's
		// fifteen; the ANCT reads them as these services (mednum-cli
		// assets/input/data-inclusion/data-inclusion.config.json, commit
		// 760ac1e, 2026-02-17, also read for dora, fredo, france-travail
		// and soliguide), and Carnet's data·inclusion export writes them.
		{Value: "numerique--acceder-a-des-services-en-ligne", Mapping: LegacyMapping{Targets: to(NameThemes, ThemeAdministrativeProcedures), From: "data·inclusion's thématiques v1.0.8"}},
		{Value: "numerique--maitriser-les-fondamentaux-du-numerique", Mapping: LegacyMapping{Targets: to(NameThemes, ThemeEverydayDigitalTools), From: "data·inclusion's thématiques v1.0.8"}},
		{Value: "numerique--acquerir-un-equipement", Mapping: LegacyMapping{Targets: to(NameThemes, ThemeSolidarityEquipment), From: "data·inclusion's thématiques v1.0.8",
			Note: "v1.0.2 only knows acquisition at a solidarity price, as the ANCT's mapping reads this code."}},
		// The Doubs inclusion map (multi-coop/data-doubs-inclusion, its
		// Apiviz exports of 2022-2023) codes its SERVICES filter: help
		// with procedures (« accomp_demarches »), workshops and trainings
		// (« ateliers_formations », the everyday digital tools in a
		// workshop, as the ANCT's mappings read « Formation » and
		// « atelier »), and tiers-lieux and coworking spaces
		// (« tierslieux_cowork »): a kind of place, the standard's
		// typology TIERS_LIEUX (« Tiers lieu & coworking »), no service.
		// Unread, its 180 places naming them were rejected.
		{Value: "accomp_demarches", Mapping: LegacyMapping{Targets: to(NameThemes, ThemeAdministrativeProcedures), From: doubsMap}},
		{Value: "ateliers_formations", Mapping: LegacyMapping{Targets: append(to(NameThemes, ThemeEverydayDigitalTools), to(NameAccompanimentModes, AccompanimentWorkshop)...), From: doubsMap}},
		{Value: "tierslieux_cowork", Mapping: LegacyMapping{Targets: to(NameTypologies, "TIERS_LIEUX"), From: doubsMap,
			Note: "a tiers-lieu or coworking space: the typology TIERS_LIEUX, no service of the standard."}},
	},
	LegacyColumnPublicsAccueillis: {
		// data·inclusion's profils (schema v0.27.0, extra/
		// profils.v0.27.0.json, used by its v0 exports of structures and
		// by ANCT's mednum-cli) code the publics of v0.1.1: their labels
		// are the standard's values; the other codes fold to them already.
		{Value: "seniors-65", Alias: "Seniors (+ 65 ans)"},
		{Value: "jeunes-16-26", Alias: "Jeunes (16-26 ans)"},
		{Value: "personnes-en-situation-illettrisme", Alias: "Personnes en situation d'illettrisme"},
		{Value: "tous-publics", Mapping: LegacyMapping{Lossless: true, From: "data·inclusion's profils and publics", Note: noteAllPublics}},
	},
	// data·inclusion's v0 « types » and « frais » codes, which its merged
	// files of places (Numi, the Normandie hub, 2023) write in these
	// v0.1.1 columns; read as its mapping reads them (dataInclusionFormat),
	// « delegation » as the value that names it.
	LegacyColumnModalitesAccompagnement: {
		{Value: "autonomie", Alias: "Seul"},
		{Value: "accompagnement", Alias: "Avec de l'aide"},
		{Value: "atelier", Alias: "Dans un atelier"},
		{Value: "delegation", Alias: "A ma place"},
	},
	LegacyColumnConditionsAcces: {
		{Value: "gratuit-sous-conditions", Alias: "Gratuit sous condition"},
		{Value: "pass-numerique", Alias: "Accepte le Pass numérique"},
	},
	LegacyColumnLabelsNationaux: {
		// « Chèque APTIC »: APTIC is the name of the cheque.
		{Value: "Chèque APTIC", Alias: "APTIC"},
		// data·inclusion's labels-nationaux (schema v0.27.0) has
		// « unccas », the Union nationale des centres communaux d'action
		// sociale; its v1.0.8 reseaux-porteurs calls the network
		// « ccas-cias ». The standard v1.0.2 has no programme for it.
		{Value: "UNCCAS", Mapping: LegacyMapping{From: "data·inclusion's labels-nationaux v0.27.0",
			Note: "UNCCAS (Union nationale des centres communaux d'action sociale, a label of data·inclusion's labels-nationaux) is no programme of the standard v1.0.2; kept as another label." + noteOtherLabels}},
	},
}

// doubsMap names the Doubs inclusion map's codes of services.
const doubsMap = "the Doubs inclusion map's codes (multi-coop/data-doubs-inclusion)"

// noteAllPublics is why « tous publics » is dropped without loss.
const noteAllPublics = "the standard v1.0.2 says « Par défaut, un lieu d'inclusion numérique est inclusif et peut accueillir tout public »: its publics list only the publics a place specifically addresses. Dropping it loses nothing."

// NoneValue says whether s, written in a column of vocabulary, says the
// place has no value there — « Aucun dispositif » (Martinique's hub) among
// the national programmes and labels, « Tout public » among the publics —
// and why dropping it loses nothing. Such a value is no value of the list,
// but warning about it on every row would say nothing the producer can fix.
func NoneValue(vocabulary, s string) (note string, ok bool) {
	k := Slugify(s)
	switch vocabulary {
	case NamePublics, LegacyColumnPublicsAccueillis:
		if allPublics[k] {
			return noteAllPublics, true
		}
	case NameNationalProgrammes, NameTrainingLabels, LegacyColumnLabelsNationaux:
		if noLabel[k] {
			return "it says the place has none, as an empty cell does", true
		}
	}
	return "", false
}

var allPublics = map[string]bool{
	"tout-public": true, "tous-publics": true, "tout-publics": true, "tous-public": true, "grand-public": true,
	"tout-type-de-public": true, "tout-types-de-publics": true, "tous-types-de-publics": true, "tous-types-de-public": true,
	"toute-personne": true, "tout-le-monde": true,
}

var noLabel = map[string]bool{
	"aucun": true, "aucune": true, "aucun-dispositif": true, "aucun-label": true, "aucun-programme": true,
	"aucune-labellisation": true, "aucun-dispositif-national": true, "aucun-label-national": true, "sans-label": true, "non": true,
}

// legacyPassThrough lists, per legacy column, the current vocabularies whose
// values are accepted unchanged, so that v1 and mixed files import too.
var legacyPassThrough = map[string][]string{
	LegacyColumnServices:                {NameThemes},
	LegacyColumnPublicsAccueillis:       {NamePublics, NameSpecificSupport},
	LegacyColumnConditionsAcces:         {NameFees},
	LegacyColumnLabelsNationaux:         {NameNationalProgrammes, NameTrainingLabels},
	LegacyColumnModalitesAccompagnement: {NameAccompanimentModes},
}

// legacyIndex maps, per column, the folded key of each old value, and of its
// short form before " : " (older exports wrote only « Gratuit » or « Seul »),
// to its entry.
var legacyIndex = func() map[string]map[string]int {
	idx := make(map[string]map[string]int, len(legacyTables))
	for col, entries := range legacyTables {
		m := make(map[string]int, 2*len(entries))
		add := func(s string, i int) {
			k := Slugify(s)
			if j, dup := m[k]; dup && j != i {
				panic("vocab: legacy " + col + ": " + s + " is ambiguous")
			}
			m[k] = i
		}
		for i, e := range entries {
			add(e.Old, i)
			if short, _, ok := strings.Cut(e.Old, " : "); ok {
				add(short, i)
			}
		}
		for _, x := range legacyExtra[col] {
			if x.Alias == "" {
				continue
			}
			i, ok := m[Slugify(x.Alias)]
			if !ok {
				panic("vocab: legacy " + col + ": " + x.Value + " stands for " + x.Alias + ", no value of v0.1.1")
			}
			add(x.Value, i)
		}
		idx[col] = m
	}
	return idx
}()

// legacyOwn maps, per column, the folded key of each value of legacyExtra
// mapped on its own to its mapping.
var legacyOwn = func() map[string]map[string]LegacyMapping {
	idx := map[string]map[string]LegacyMapping{}
	for col, xs := range legacyExtra {
		for _, x := range xs {
			if x.Alias != "" {
				continue
			}
			if idx[col] == nil {
				idx[col] = map[string]LegacyMapping{}
			}
			m := x.Mapping
			m.Old = x.Value
			idx[col][Slugify(x.Value)] = m
		}
	}
	return idx
}()

// diDigitalPrefix is the folded prefix of data·inclusion's digital
// thématiques (« numerique-- » folds to « numerique- »).
const diDigitalPrefix = "numerique-"

// LookupLegacy returns what the value old of an older version's column
// becomes in v1.0.2. It accepts the same variants as Normalize, the short
// form of « Valeur : explication » strings, and values that are already
// v1.0.2 values. ok is false when old is not a value of that column in any
// version; a known value without equivalent has ok true, no Targets and a
// Note.
func LookupLegacy(column, old string) (m LegacyMapping, ok bool) {
	var buf [128]byte
	key := string(foldKey(buf[:0], old))
	i, ok := legacyIndex[column][key]
	if !ok && column == LegacyColumnServices && strings.HasPrefix(key, diDigitalPrefix) {
		// data·inclusion's v0 thématiques numerique--* are the 15 old
		// services (« numerique--prendre-en-main-un-ordinateur »): its
		// exports of structures, whose thematiques column is read as
		// services, name them so.
		i, ok = legacyIndex[column][key[len(diDigitalPrefix):]]
	}
	if ok {
		e := legacyTables[column][i]
		e.Targets = slices.Clone(e.Targets)
		return e, true
	}
	for _, name := range legacyPassThrough[column] {
		if c, ok := MustGet(name).Normalize(old); ok {
			return LegacyMapping{Old: old, Targets: to(name, c)}, true
		}
	}
	if m, ok := legacyOwn[column][key]; ok {
		return m, true
	}
	if note, ok := NoneValue(column, old); ok {
		return LegacyMapping{Old: old, Lossless: true, From: "a producer's « none »", Note: note}, true
	}
	return LegacyMapping{Old: old}, false
}

// LegacyValues returns every v0.1.1 value of a legacy column with its
// mapping, in the old pattern's order: the documentation of the conversion.
func LegacyValues(column string) []LegacyMapping {
	out := slices.Clone(legacyTables[column])
	for i := range out {
		out[i].Targets = slices.Clone(out[i].Targets)
	}
	return out
}

// LegacyThemes maps an old services value (v0.1.1's 15 services, or a
// current one) to themes.
func LegacyThemes(old string) []string {
	m, _ := LookupLegacy(LegacyColumnServices, old)
	return m.Values(NameThemes)
}

// LegacyPublics maps a publics_accueillis value to publics and
// specific_support, the two columns v1 split it into.
func LegacyPublics(old string) (publics, specificSupport []string) {
	m, _ := LookupLegacy(LegacyColumnPublicsAccueillis, old)
	return m.Values(NamePublics), m.Values(NameSpecificSupport)
}

// LegacyAccessConditions maps a conditions_acces value to fees, the column
// v1 renamed it to.
func LegacyAccessConditions(old string) []string {
	m, _ := LookupLegacy(LegacyColumnConditionsAcces, old)
	return m.Values(NameFees)
}

// LegacyNationalLabels maps a labels_nationaux value to national_programmes
// and training_labels, the two columns v1 split it into.
func LegacyNationalLabels(old string) (programmes, trainingLabels []string) {
	m, _ := LookupLegacy(LegacyColumnLabelsNationaux, old)
	return m.Values(NameNationalProgrammes), m.Values(NameTrainingLabels)
}

// LegacyAccompanimentModes maps a v0.1.1 modalites_accompagnement value to
// accompaniment_modes.
func LegacyAccompanimentModes(old string) []string {
	m, _ := LookupLegacy(LegacyColumnModalitesAccompagnement, old)
	return m.Values(NameAccompanimentModes)
}

// LegacyIssue is a legacy value that ConvertLegacy could not carry over.
type LegacyIssue struct {
	Column string `json:"column"`
	Value  string `json:"value"`
	// Reason is the mapping's Note for a known value without equivalent,
	// or says that the value is unknown.
	Reason string `json:"reason"`
	// Unknown says the value is of no version of the standard (Reason
	// then says so), not a known value without equivalent.
	Unknown bool `json:"unknown,omitempty"`
}

// ConvertLegacy converts a legacy cell (values joined with ";", "|" or, when
// every piece is a known value, ",") of column to v1.0.2: the result maps
// vocabulary names to canonical values, de-duplicated and in each
// vocabulary's order; issues lists the values that were dropped, with the
// reason, for the import report.
func ConvertLegacy(column, cell string) (values map[string][]string, issues []LegacyIssue) {
	return ConvertLegacyList(column, SplitLegacy(column, cell))
}

// SplitLegacy splits a cell of a legacy column into its values (see
// SplitKnown).
func SplitLegacy(column, cell string) []string {
	parts, _ := SplitKnown(cell, func(p string) bool { return IsLegacyValue(column, p) })
	return parts
}

// IsLegacyValue reports whether s is a value of the legacy column in some
// version of the standard.
func IsLegacyValue(column, s string) bool {
	_, ok := LookupLegacy(column, s)
	return ok
}

// ConvertLegacyList is ConvertLegacy of values already split.
func ConvertLegacyList(column string, parts []string) (values map[string][]string, issues []LegacyIssue) {
	raw := map[string][]string{}
	for _, part := range parts {
		m, ok := LookupLegacy(column, part)
		switch {
		case !ok:
			issues = append(issues, LegacyIssue{Column: column, Value: part, Reason: "not a value of " + column + " in any version of the standard", Unknown: true})
		case len(m.Targets) == 0 && !m.Lossless:
			issues = append(issues, LegacyIssue{Column: column, Value: part, Reason: m.Note})
		}
		for _, t := range m.Targets {
			raw[t.Vocabulary] = append(raw[t.Vocabulary], t.Value)
		}
	}
	if len(raw) == 0 {
		return nil, issues
	}
	values = make(map[string][]string, len(raw))
	for name, vs := range raw {
		values[name], _ = MustGet(name).NormalizeList(vs)
	}
	return values, issues
}

// ClosestLegacy returns the value of column (of any version of the
// standard) that s misspells: within one edit of its folded form (case,
// accents and punctuation aside) for a short value, two for one of 12
// letters or more, and the only value that near — two values as near, or
// two forms of values that mean different things, and it returns false,
// as it does for s shorter than 8 letters, or a value already known.
// Issue 11 item 5: « Aide aux démarches administrative », one letter
// short, refused the place it was the only service of.
func ClosestLegacy(column, s string) (value string, ok bool) {
	key := Slugify(s)
	if len(key) < 8 || IsLegacyValue(column, s) {
		return "", false
	}
	limit := 1
	if len(key) >= 12 {
		limit = 2
	}
	best, bestD, meaning, tie := "", limit+1, "", false
	consider := func(candidate, label string) {
		d := editdist.Bounded(key, candidate, limit)
		if d > limit || d > bestD {
			return
		}
		m, _ := LookupLegacy(column, label)
		means := fmt.Sprint(m.Targets, m.Note)
		switch {
		case d < bestD:
			best, bestD, meaning, tie = label, d, means, false
		case means != meaning:
			tie = true
		case label < best:
			best = label // the same meaning: the same answer every run
		}
	}
	for k, i := range legacyIndex[column] {
		consider(k, legacyTables[column][i].Old)
	}
	for _, name := range legacyPassThrough[column] {
		for _, v := range MustGet(name).Values() {
			consider(Slugify(v), v)
		}
	}
	if best == "" || tie {
		return "", false
	}
	return best, true
}
