// Package synth generates a realistic synthetic directory for benchmarks
// and tests: French-like actors and services spread over real communes of
// metropolitan France and overseas (and thousands of generated communes
// around them), with vocabularies drawn with the skew real data shows
// (most places free, few itinerant, few with a foreign language) and
// realistic opening hours. It is deterministic for a seed.
package synth

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"

	"carnet/models"
	"carnet/models/vocab"
)

// Options sizes a territory.
type Options struct {
	Seed     uint64
	Actors   int
	Services int // at least Actors: every actor offers one service or more
}

// Commune is a commune of the generated territory.
type Commune struct {
	InseeCode, PostalCode, Name string
	Lat, Lon                    float64
	Weight                      float64 // share of the actors placed in it
}

// Territory is a generated directory.
type Territory struct {
	Places   []models.PlaceWithServices
	Communes []Commune
}

type gen struct {
	r        *rand.Rand
	communes []Commune
	cum      []float64
}

// Generate builds a territory. It does not touch a database.
func Generate(opt Options) *Territory {
	if opt.Services < opt.Actors {
		opt.Services = opt.Actors
	}
	g := &gen{r: rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x5eed))}
	g.buildCommunes()
	t := &Territory{Communes: g.communes}
	t.Places = make([]models.PlaceWithServices, opt.Actors)
	extra := make([]int, opt.Actors)
	for range opt.Services - opt.Actors {
		// Bigger structures offer more: square the draw towards index 0
		// after a shuffle-free weighting by a per-actor size factor.
		extra[g.r.IntN(opt.Actors)]++
	}
	for i := range t.Places {
		c := g.pickCommune()
		a := g.actor(c)
		p := models.PlaceWithServices{Actor: a}
		for range 1 + extra[i] {
			p.Services = append(p.Services, g.service(&a, c))
		}
		t.Places[i] = p
	}
	return t
}

// Load writes the territory into store in transactions of batch places.
func Load(ctx context.Context, store *models.Store, t *Territory, batch int) error {
	if batch <= 0 {
		batch = 1000
	}
	for i := 0; i < len(t.Places); i += batch {
		if err := store.CreatePlaces(ctx, t.Places[i:min(i+batch, len(t.Places))]); err != nil {
			return fmt.Errorf("places %d…: %w", i, err)
		}
	}
	return nil
}

func (g *gen) buildCommunes() {
	used := map[string]bool{}
	for _, s := range seedCommunes {
		used[s.insee] = true
	}
	for _, s := range seedCommunes {
		g.communes = append(g.communes, Commune{s.insee, s.postal, s.name, s.lat, s.lon, math.Pow(s.popK, 0.85)})
		dep := departementOfINSEE(s.insee)
		n := 12 + int(math.Min(60, s.popK/8))
		for range n {
			insee := ""
			for insee == "" || used[insee] {
				if len(dep) == 3 {
					insee = fmt.Sprintf("%s%02d", dep, g.r.IntN(90)+10)
				} else {
					insee = fmt.Sprintf("%s%03d", dep, g.r.IntN(900)+1)
				}
			}
			used[insee] = true
			postal := s.postal[:2] + fmt.Sprintf("%03d", (g.r.IntN(98)+1)*10)
			if len(dep) == 3 {
				postal = s.postal[:3] + fmt.Sprintf("%02d", (g.r.IntN(9)+1)*10)
			}
			dist := 3 + g.r.Float64()*32 // km
			angle := g.r.Float64() * 2 * math.Pi
			lat := s.lat + dist*math.Cos(angle)/111.19
			lon := s.lon + dist*math.Sin(angle)/(111.19*math.Cos(s.lat*math.Pi/180))
			pop := math.Exp(g.r.NormFloat64()*0.9 + 1) // ≈ 0.5 to 15 thousand
			g.communes = append(g.communes, Commune{insee, postal, g.communeName(), lat, lon, math.Pow(pop, 0.85)})
		}
	}
	total := 0.0
	for _, c := range g.communes {
		total += c.Weight
		g.cum = append(g.cum, total)
	}
	for i := range g.communes {
		g.communes[i].Weight /= total
	}
}

func departementOfINSEE(insee string) string {
	if strings.HasPrefix(insee, "97") {
		return insee[:3]
	}
	return insee[:2]
}

func (g *gen) pickCommune() Commune {
	x := g.r.Float64() * g.cum[len(g.cum)-1]
	i := sort.SearchFloat64s(g.cum, x)
	return g.communes[min(i, len(g.communes)-1)]
}

// pick draws one of values with the given weights.
func pick[T any](r *rand.Rand, values []T, weights []float64) T {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := r.Float64() * total
	for i, w := range weights {
		if x < w {
			return values[i]
		}
		x -= w
	}
	return values[len(values)-1]
}

func one[T any](r *rand.Rand, values []T) T { return values[r.IntN(len(values))] }

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

var (
	saints    = []string{"Martin", "Pierre", "Jean", "Laurent", "Germain", "Vincent", "André", "Julien", "Maurice", "Étienne", "Romain", "Aubin", "Hilaire", "Cyr", "Denis", "Genest", "Paul", "Sauveur", "Marcel", "Didier"}
	feminine  = []string{"Marie", "Anne", "Foy", "Colombe", "Geneviève", "Hélène", "Cécile", "Luce"}
	roots     = []string{"Beau", "Mont", "Val", "Roche", "Fontaine", "Pré", "Bois", "Château", "Villeneuve", "Bourg", "Mouli", "Champ", "Mar", "Haute", "Belle"}
	ends      = []string{"ville", "court", "mont", "fort", "lieu", "vert", "roux", "mesnil", "val", "bourg", "champ", "fontaine"}
	qualifier = []string{"-sur-Loire", "-sur-Mer", "-les-Bains", "-en-Provence", "-de-Bretagne", "-le-Vieux", "-la-Forêt", "-du-Lac", "-des-Champs", "-sur-Saône", "-en-Vexin", "-d'Azur", "", "", "", ""}
	persons   = []string{"François-Mitterrand", "Louise-Michel", "Jules-Verne", "Albert-Camus", "Victor-Hugo", "Simone-Veil", "Jean-Jaurès", "Émile-Zola", "Marguerite-Yourcenar", "George-Sand", "Colette", "Aimé-Césaire", "Nelson-Mandela", "Jacques-Prévert", "Marie-Curie", "Elsa-Triolet", "Boris-Vian", "Olympe-de-Gouges"}
	quartiers = []string{"du Centre", "des Quartiers Nord", "de la Gare", "du Vieux Port", "des Minimes", "de Bellevue", "des Tilleuls", "du Moulin", "des Aubiers", "du Lac", "de la Source", "des Pins"}
	nouns     = []string{"La Fabrique", "Le Hangar", "La Ruche", "L'Atelier", "La Passerelle", "Le Lien", "La Boussole", "Le Relais", "Les Connectés", "Clic & Lien", "Le Déclic", "La Souris Verte"}
	streets   = []string{"rue de la République", "avenue Jean-Jaurès", "place de la Mairie", "rue Victor-Hugo", "boulevard Gambetta", "rue de la Gare", "place du Marché", "rue Pasteur", "allée des Tilleuls", "chemin des Écoliers", "rue du Moulin", "avenue de la Libération"}
)

func (g *gen) communeName() string {
	switch g.r.IntN(4) {
	case 0:
		return "Saint-" + one(g.r, saints) + one(g.r, qualifier)
	case 1:
		return "Sainte-" + one(g.r, feminine) + one(g.r, qualifier)
	case 2:
		return one(g.r, roots) + one(g.r, ends) + one(g.r, qualifier)
	}
	return one(g.r, []string{"Le ", "La ", "Les "}) + one(g.r, roots) + one(g.r, ends) + one(g.r, qualifier)
}

var typologies = []string{"ASSO", "BIB", "CCAS", "RFS", "CS", "CSC", "MUNI", "EPN", "TIERS_LIEUX", "ML", "CAF", "CPAM", "FT", "LA_POSTE", "MQ", "MJC", "FABLAB", "PIMMS", "OF", "ENM", "CIAS", "RESSOURCERIE"}
var typologyWeights = []float64{22, 14, 8, 8, 6, 4, 8, 5, 5, 3, 2, 2, 3, 3, 3, 2, 2, 1, 2, 1, 1, 1}

func (g *gen) actorName(typ string, c Commune) string {
	switch typ {
	case "BIB":
		return one(g.r, []string{"Médiathèque " + one(g.r, persons), "Médiathèque de " + c.Name, "Bibliothèque municipale de " + c.Name})
	case "ASSO":
		return one(g.r, []string{"Association " + one(g.r, nouns), one(g.r, nouns) + " – numérique solidaire", "Les Connectés de " + c.Name, "Emmaüs Connect " + c.Name, "Association Numérique pour tous " + c.Name})
	case "CCAS":
		return "CCAS de " + c.Name
	case "CIAS":
		return "CIAS du Pays de " + c.Name
	case "RFS":
		return "France Services " + c.Name
	case "CS":
		return "Centre social " + one(g.r, persons)
	case "CSC":
		return "Centre socioculturel " + one(g.r, quartiers)
	case "MUNI":
		return "Mairie de " + c.Name
	case "EPN":
		return "Espace public numérique de " + c.Name
	case "TIERS_LIEUX":
		return "Tiers-lieu " + one(g.r, nouns)
	case "ML":
		return "Mission locale de " + c.Name
	case "CAF":
		return "Agence CAF de " + c.Name
	case "CPAM":
		return "CPAM – accueil de " + c.Name
	case "FT":
		return "France Travail " + c.Name
	case "LA_POSTE":
		return "La Poste " + c.Name + " – point numérique"
	case "MQ":
		return "Maison de quartier " + one(g.r, quartiers)
	case "MJC":
		return "MJC " + one(g.r, persons)
	case "FABLAB":
		return "Fablab " + one(g.r, nouns)
	case "PIMMS":
		return "PIMMS Médiation " + c.Name
	case "OF":
		return "Formations " + one(g.r, nouns) + " Numérique"
	case "ENM":
		return one(g.r, []string{"Numéribus de ", "Bus numérique de ", "Camion connecté de "}) + c.Name
	case "RESSOURCERIE":
		return "Ressourcerie informatique " + one(g.r, nouns)
	}
	return "Lieu numérique de " + c.Name
}

var hoursPatterns = []string{
	"Mo-Fr 09:00-12:00,14:00-17:00",
	"Mo-Fr 08:30-12:30,13:30-17:00; PH off",
	"Tu-Sa 10:00-18:00; PH off",
	"Tu,Th 14:00-18:00; We 10:00-18:00; Sa 10:00-17:00",
	"Mo-Fr 09:00-18:00",
	"Mo-Th 09:00-12:00,13:30-17:30; Fr 09:00-12:00",
	"We 14:00-18:00; Sa 09:30-12:30",
	"Mo-Fr 13:30-19:30; Sa 10:00-13:00",
	"Tu 17:00-20:00; Th 18:00-21:00",
	"Mo-Sa 09:00-19:00; Su 10:00-13:00; PH off",
	"Fr 18:00-23:00; Sa 14:00-01:00",
	"24/7",
}
var hoursWeights = []float64{20, 12, 10, 8, 8, 8, 5, 5, 3, 2, 1, 0.5}

var sessionHours = []string{"Tu 14:00-16:00", "Sa 10:00-12:00", "Th 18:00-20:00", "We 09:30-11:30", "Mo 18:30-20:30", "Fr 14:00-17:00; PH off"}

func slug(s string) string {
	s = vocab.Slugify(s)
	if len(s) > 40 {
		s = strings.TrimRight(s[:40], "-")
	}
	return s
}

func (g *gen) actor(c Commune) models.Actor {
	typ := pick(g.r, typologies, typologyWeights)
	name := g.actorName(typ, c)
	jitter := 0.015
	lat := c.Lat + g.r.NormFloat64()*jitter
	lon := c.Lon + g.r.NormFloat64()*jitter/math.Cos(c.Lat*math.Pi/180)
	a := models.Actor{
		Name:       name,
		Typologies: models.StringList{typ},
		Address: models.Address{Street: fmt.Sprintf("%d %s", g.r.IntN(120)+1, one(g.r, streets)),
			PostalCode: c.PostalCode, Commune: c.Name, InseeCode: c.InseeCode},
		Latitude: &lat, Longitude: &lon,
		Summary: fmt.Sprintf("%s accompagne les habitants de %s dans leurs usages du numérique.", name, c.Name),
		Status:  vocab.ActorActive,
		Source:  "synth",
	}
	if g.chance(0.02) {
		a.Latitude, a.Longitude = nil, nil // not geocoded
	}
	if g.chance(0.8) {
		a.OpeningHours = pick(g.r, hoursPatterns, hoursWeights)
	}
	if g.chance(0.5) {
		a.Emails = models.StringList{"contact@" + slug(name) + ".fr"}
	}
	if g.chance(0.4) {
		a.Websites = models.StringList{"https://www." + slug(name) + ".fr"}
	}
	switch {
	case typ == "ENM":
		a.Mobility = models.StringList{vocab.MobilityItinerant}
	case g.chance(0.6):
		a.Mobility = models.StringList{vocab.MobilityFixed}
	}
	if typ == "RFS" {
		a.NationalProgrammes = append(a.NationalProgrammes, vocab.ProgrammeFranceServices)
	}
	for _, p := range []struct {
		v string
		p float64
	}{{vocab.ProgrammeConseillersNumeriques, 0.35}, {vocab.ProgrammeAidantsConnect, 0.06}, {vocab.ProgrammePIX, 0.03},
		{vocab.ProgrammePointNumeriqueCAF, 0.03}, {vocab.ProgrammeEmmausConnect, 0.01}, {vocab.ProgrammePromeneursDuNet, 0.01}} {
		if g.chance(p.p) {
			a.NationalProgrammes = append(a.NationalProgrammes, p.v)
		}
	}
	if g.chance(0.05) {
		a.TrainingLabels = models.StringList{one(g.r, vocab.MustGet(vocab.NameTrainingLabels).Values())}
	}
	if g.chance(0.03) {
		a.Status = vocab.ActorTemporarilyClosed
		a.ClosedFrom, a.ClosureReason = "2026-11-01", "Travaux"
	}
	return a
}

var kinds = []string{vocab.KindProceduresDoneWith, vocab.KindOneOffHelp, vocab.KindCollectiveWorkshop, vocab.KindEquipmentAccess,
	vocab.KindTrainingCourse, vocab.KindProceduresDoneFor, vocab.KindSolidarityEquipment}
var kindWeights = []float64{22, 16, 20, 18, 10, 10, 4}

var serviceNames = map[string][]string{
	vocab.KindEquipmentAccess:     {"Accès libre aux ordinateurs", "Espace multimédia en accès libre", "Wi-Fi et postes informatiques", "Impression et numérisation de documents"},
	vocab.KindProceduresDoneFor:   {"Aide aux démarches en ligne (faire à votre place)", "Démarches administratives avec un aidant habilité Aidants Connect", "Permanence démarches CAF, CPAM, impôts"},
	vocab.KindProceduresDoneWith:  {"Accompagnement aux démarches en ligne", "Aide pour créer son espace ANTS, Ameli, impots.gouv", "Permanence numérique – faire ensemble", "Aide aux démarches administratives"},
	vocab.KindCollectiveWorkshop:  {"Atelier découverte de la tablette", "Atelier « Premiers pas sur l'ordinateur »", "Atelier smartphone pour les seniors", "Atelier sécurité : arnaques et mots de passe", "Café numérique", "Atelier retouche photo", "Atelier parentalité numérique"},
	vocab.KindTrainingCourse:      {"Formation « Premiers pas sur internet » (10 séances)", "Parcours PIX – certification des compétences numériques", "Formation bureautique Word et Excel", "Formation recherche d'emploi en ligne"},
	vocab.KindOneOffHelp:          {"Coup de pouce numérique sans rendez-vous", "Permanence conseiller numérique", "Aide ponctuelle smartphone et messagerie"},
	vocab.KindSolidarityEquipment: {"Vente d'ordinateurs reconditionnés à prix solidaire", "Prêt de tablettes", "Recyclerie informatique"},
}

var kindThemes = map[string][]string{
	vocab.KindEquipmentAccess:     {vocab.ThemeInternetAndEquipment},
	vocab.KindProceduresDoneFor:   {vocab.ThemeAdministrativeProcedures},
	vocab.KindProceduresDoneWith:  {vocab.ThemeAdministrativeProcedures, vocab.ThemeEverydayDigitalTools},
	vocab.KindCollectiveWorkshop:  {vocab.ThemeEverydayDigitalTools, vocab.ThemeUnderstandingDigital, vocab.ThemeSafeDigitalUse, vocab.ThemeLeisureAndCreation, vocab.ThemeParenting},
	vocab.KindTrainingCourse:      {vocab.ThemeEverydayDigitalTools, vocab.ThemeProfessionalInsertion, vocab.ThemeUnderstandingDigital},
	vocab.KindOneOffHelp:          {vocab.ThemeEverydayDigitalTools, vocab.ThemeAdministrativeProcedures},
	vocab.KindSolidarityEquipment: {vocab.ThemeSolidarityEquipment},
}

var descriptions = []string{
	"Un conseiller numérique vous accueille et vous accompagne pas à pas.",
	"Médiation numérique gratuite ouverte à toutes et à tous.",
	"Nos médiateurs numériques vous aident à prendre en main votre ordinateur, votre tablette ou votre smartphone.",
	"Venez avec vos identifiants et vos documents.",
	"Petits groupes de 6 à 8 personnes, matériel fourni.",
	"Accompagnement aux démarches CAF, CPAM, France Travail, impôts et ANTS.",
	"Sans rendez-vous aux horaires d'ouverture.",
	"Sur inscription auprès de l'accueil.",
	"Apprenez à protéger vos données et à repérer les arnaques.",
	"Pour les parents : contrôle parental, ENT, Pronote.",
}

func (g *gen) service(a *models.Actor, c Commune) models.Service {
	kind := pick(g.r, kinds, kindWeights)
	sv := models.Service{
		Name:   one(g.r, serviceNames[kind]),
		Kind:   kind,
		OnSite: true,
		Status: vocab.ServicePublished,
		Source: "synth",
	}
	var desc []string
	for range 1 + g.r.IntN(3) {
		desc = append(desc, one(g.r, descriptions))
	}
	sv.Description = strings.Join(desc, " ")
	main := kindThemes[kind]
	sv.Themes = models.StringList{one(g.r, main)}
	if g.chance(0.45) {
		sv.Themes = append(sv.Themes, one(g.r, vocab.MustGet(vocab.NameThemes).Values()))
	}
	sv.Fees = models.StringList{pick(g.r, []string{vocab.FeeFree, vocab.FeeFreeUnderCondition, vocab.FeePaid, ""}, []float64{72, 13, 10, 5})}
	if kind == vocab.KindTrainingCourse || kind == vocab.KindSolidarityEquipment {
		sv.Fees = models.StringList{pick(g.r, []string{vocab.FeeFree, vocab.FeeFreeUnderCondition, vocab.FeePaid}, []float64{40, 25, 35})}
	}
	if sv.Fees[0] == "" {
		sv.Fees = nil
	}
	if sv.Fees.Contains(vocab.FeePaid) {
		sv.FeesDetails = fmt.Sprintf("%d € les 10 séances", 50+10*g.r.IntN(10))
	}
	sv.PassNumerique = g.chance(0.08)
	if g.chance(0.2) {
		sv.Publics = models.StringList{pick(g.r, vocab.MustGet(vocab.NamePublics).Values(), []float64{25, 8, 20, 40, 7})}
	}
	if g.chance(0.12) {
		sv.SpecificSupport = models.StringList{one(g.r, vocab.MustGet(vocab.NameSpecificSupport).Values())}
	}
	switch x := g.r.Float64(); {
	case x < 0.35:
		sv.Languages = models.StringList{vocab.LanguageFrench}
	case x < 0.45:
		sv.Languages = models.StringList{vocab.LanguageFrench, one(g.r, vocab.MustGet(vocab.NameLanguages).Values()[1:])}
	}
	sv.AccessModes = models.StringList{pick(g.r, vocab.MustGet(vocab.NameAccessModes).Values(), []float64{45, 35, 15, 20, 1, 5})}
	switch kind {
	case vocab.KindCollectiveWorkshop:
		sv.AccompanimentModes = models.StringList{vocab.AccompanimentWorkshop}
		capacity := 6 + g.r.IntN(7)
		sv.Capacity = &capacity
		sv.IsFull = g.chance(0.1)
		if g.chance(0.6) {
			sv.OpeningHours = one(g.r, sessionHours)
		}
	case vocab.KindEquipmentAccess:
		sv.AccompanimentModes = models.StringList{vocab.AccompanimentAutonomous}
	default:
		sv.AccompanimentModes = models.StringList{vocab.AccompanimentIndividual}
		sv.IsFull = g.chance(0.02)
	}
	switch x := g.r.Float64(); {
	case x < 0.02:
		sv.OnSite, sv.Remote = false, true // by phone or video only
		sv.AccompanimentModes = append(sv.AccompanimentModes, vocab.AccompanimentRemote)
	case x < 0.1:
		sv.Remote = true
		sv.AccompanimentModes = append(sv.AccompanimentModes, vocab.AccompanimentRemote)
	}
	if a.Mobility.Contains(vocab.MobilityItinerant) || g.chance(0.03) {
		// A stop of the bus, or a satellite office, in a nearby commune.
		lat := c.Lat + g.r.NormFloat64()*0.05
		lon := c.Lon + g.r.NormFloat64()*0.05
		sv.Latitude, sv.Longitude = &lat, &lon
		sv.Address = models.Address{Street: "place du Marché", PostalCode: c.PostalCode, Commune: c.Name, InseeCode: c.InseeCode}
	}
	if g.chance(0.02) {
		sv.Status = vocab.ServiceDraft
	}
	return sv
}
