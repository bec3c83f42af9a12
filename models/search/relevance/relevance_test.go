package relevance

import (
	"context"
	"path/filepath"
	"testing"

	"carnet/models"
	"carnet/models/search"
)

// TestJudgedQueries fails when search falls below the figures it reached on
// the judged set (README, « Relevance »), less 0.01 of rounding, overall
// and for the abbreviation kinds and needs with a public.
func TestJudgedQueries(t *testing.T) {
	files, err := Files("../../..")
	if err != nil {
		t.Skip(err)
	}
	ctx := context.Background()
	store, err := models.Open(ctx, filepath.Join(t.TempDir(), "r.db"), models.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if err := Load(ctx, store, files); err != nil {
		t.Fatal(err)
	}
	mem, err := search.NewMemory(ctx, store, nil)
	if err != nil {
		t.Fatal(err)
	}
	qs, err := Judged()
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) < 779 {
		t.Fatalf("%d judged queries", len(qs))
	}
	// Abbreviations, their written-out names and both beside a commune:
	// the kinds that were weakest (P@5 0.66, 0.80, 0.31; recall@20 0.41,
	// 0.72, 0.66 before the shared table of abbreviations). « abbrev+place »
	// had P@5 0.65-0.70 while the places a kind of place's related need
	// finds (« bij nice »: five places in Nice serving young people) came
	// after the commune's one BIJ; they are left out when it has one.
	// A need with a public (« cours informatique seniors »): P@5 0.70,
	// recall@20 0.59 when generic words were required, public words
	// found only declared publics and « initiation » found « Initiative ».
	// Publics (« sourd », « aveugle », « langue des signes »): recall@20
	// 0.57 when the Cap emploi, named for disabled workers but rarely
	// typed so, were not found; « migrants », « non francophones »: 0.33
	// and 0 when the CADA and HUDA, named by their acronyms, were not.
	// Needs with a public: recall@20 0.78 → 1.00 on the seniors' queries
	// once EHPAD and « âge d'or » name them; « ma mère de 80 ans veut
	// apprendre internet » (batch of 2026-12-02) P@5 0.20 → 1.00 once an
	// age in years is a public. Needs: 0.93/0.92 before that batch's
	// rules (online safety, Parcoursup, chèque énergie, « compte »).
	// Accessibility: recall@20 0.25 before the index read the Acceslibre
	// record; kinds of help (« accompagnement individuel ») P@5 0.80 and
	// written-out names (« maison de services au public », the MSAP's
	// former name) 0.94 before 2026-12-04. Needs 0.99/0.99 until six
	// queries for a cheap or refurbished device (« ordi pas cher »,
	// « ordinateur reconditionné », « don d'ordinateur »…) were judged
	// by the tester's rule of « acheter ordi pas cher » (2026-12-20): the
	// one place of the theme was all they held, Emmaüs Connect, Envie
	// and Ordisol are where such a person is sent; 0.60/0.45 on each
	// once the ressourceries and Emmaüs are found (0.20/0.09 before).
	kinds := map[string][2]float64{"abbreviation": {0.98, 0.97}, "long_form": {0.99, 0.98}, "abbrev+place": {0.98, 0.99},
		"need+public": {0.99, 0.99}, "typo": {0.99, 0.99}, "public": {0.99, 0.99}, "need": {0.97, 0.96},
		"accessibility": {0.99, 0.99}, "kind": {0.99, 0.96}}
	for _, c := range []struct {
		services   bool
		p5, recall float64
		zero       int
	}{{false, 0.99, 0.99, 0}, {true, 0.99, 0.99, 0}} {
		// The set before the batches of 2026-12-05 to 2026-12-14, 2026-12-18, 2026-12-20, 2027-01-10, 2027-01-17, 2027-01-24, 2027-01-31, 2027-02-07 and 2027-02-14, whose
		// floors are below.
		var older []Query
		for _, q := range qs {
			if q.Added != "2026-12-05" && q.Added != "2026-12-06" && q.Added != "2026-12-07" && q.Added != "2026-12-08" && q.Added != "2026-12-09" &&
				q.Added != "2026-12-10" && q.Added != "2026-12-11" && q.Added != "2026-12-12" && q.Added != "2026-12-13" && q.Added != "2026-12-14" &&
				q.Added != "2026-12-18" && q.Added != "2026-12-20" && q.Added != "2027-01-10" && q.Added != "2027-01-17" && q.Added != "2027-01-24" && q.Added != "2027-01-31" && q.Added != "2027-02-07" && q.Added != "2027-02-14" &&
				q.Added != "2027-02-21" && q.Added != "2027-02-28" && q.Added != "2027-03-07" && q.Added != "2027-03-14" && q.Added != "2027-03-21" && q.Added != "2027-04-04" && q.Added != "2027-04-11" && q.Added != "2027-04-18" && q.Added != "2027-05-02" {
				older = append(older, q)
			}
		}
		f, err := Evaluate(ctx, mem, older, c.services)
		if err != nil {
			t.Fatal(err)
		}
		if f.P5 < c.p5 || f.Recall20 < c.recall || f.Zero > c.zero {
			t.Errorf("services=%v: P@5 %.2f (floor %.2f), recall@20 %.2f (floor %.2f), zero %d (at most %d)",
				c.services, f.P5, c.p5, f.Recall20, c.recall, f.Zero, c.zero)
		}
		// Each batch judged before its results were seen, alone, with the
		// figures before its rules and the floors after:
		//   - 2026-12-02 (39 queries): 0.88/0.86 with two answered with
		//     nothing, 1.00/1.00 after;
		//   - 2026-12-03 (33, the categories thinnest before:
		//     disabilities, languages, modes, fees, kinds of help, places
		//     outside PACA): 0.76/0.72 with two answered with nothing
		//     (languages, booking links, support labels' kinds of places,
		//     Pix, itinerant places), 0.96/0.93 after;
		//   - 2026-12-04 (32: misspellings and phonetic spellings, SMS
		//     style, procedures by agency or form, free Wi-Fi, overseas
		//     départements and Corsica): 0.92/0.89 before its rules
		//     (social housing, the complémentaire santé solidaire, the
		//     relevé de carrière, « mél », Corsica), 1.00/1.00 after;
		//   - 2026-12-05 (41 typed by the people themselves, dictated,
		//     beside a landmark, in English, upper case, with emojis,
		//     whole paragraphs, partners' jargon): 0.66/0.65 with three
		//     answered with nothing (English names, « dématérialisation »,
		//     question words, numbers in words, « plus de 60 ans », « j'y
		//     arrive pas », « à côté de », a message read for what it
		//     names: the two paragraphs were refused), 0.94/0.89 after,
		//     0.98/0.98 with the rules of 2026-12-06 (a postal code
		//     restricts, « inclusion numérique », streets' kinds,
		//     « espace candidat »);
		//   - 2026-12-06 (43: a kind of place beside a commune, a need
		//     beside a postal code or a département's number, opening
		//     times, helpers' orientation needs, SMS style, Occitan names
		//     of communes, a département's former name): 0.77/0.79 with
		//     three answered with nothing (a postal code restricting,
		//     Occitan names, former names, times of day, lunchtime open
		//     through the lunch hour, CPF, « créer une adresse mail »,
		//     contractions and trouble words), 0.97/0.98 after;
		//   - 2026-12-07 (45: agents' orientation, third-party apps' one
		//     word or need + town, a person's situation, misspellings,
		//     autocomplete prefixes, abbreviations, disabilities,
		//     languages, kinds of building): 0.82/0.80 (a sentence about
		//     someone, « ne parle pas français », « pas » a negation, a
		//     kind of place's qualifier, « personne », the declaration of
		//     resources, the post office's names), 0.99/0.98 after;
		//   - 2026-12-08 (50: typed on a phone with town names misspelt,
		//     composite needs, programmes, hours in other words,
		//     accessibility, young people, English and Spanish, a commune
		//     that is also a common word, Corsica and overseas by number):
		//     0.78/0.78 with four answered with nothing (fauteuil, a
		//     hearing loop, FALC, « tard », English days and question
		//     words, « digital help », Info Jeunes, La Garde read as the
		//     Gard, a day beside a time of day, « 7j/7 », the nearer
		//     spelling, what is printed), 0.96/0.99 after;
		//   - 2026-12-09 (48: a CCAS or France Travail orientation, school
		//     parents, health, banking, justice, elections, equipment,
		//     screens, questions, upper case, emoji, a street address,
		//     Marseille's districts): 0.65/0.62 with three answered with
		//     nothing (everyday names of procedures and needs, « sur
		//     internet », emoji, « quand », an arrondissement after its
		//     city, repair), 0.94/0.93 after;
		//   - 2026-12-10 (59: the known weak spots typed otherwise,
		//     acronyms, dictation, postal codes, misspellings, a person's
		//     situation, communes sharing a name, overseas and Corsica,
		//     Darija and English, 5 needs no place offers): 0.72/0.72 with
		//     four answered with nothing and two of the five answered as
		//     if found (URSSAF, CNI, ANPE, newcomers, losing one's job,
		//     speech and Darija around a need, a bare arrondissement, a
		//     dictated postal code, a label's number, a commune without
		//     places, a misspelt kind of place, what the person lacks),
		//     0.95/0.95 after, four of the five answered with nothing or
		//     partially.
		//   - 2026-12-11 (70: SMS style, run-together words, dictation,
		//     the needs of the 13 million, helpers' wording, networks,
		//     publics, hours, homonym communes, overseas, the known weak
		//     spots typed otherwise, apps' labels, 7 no place answers):
		//     0.80/0.79 with six answered with nothing (run-together
		//     words, an arrondissement dictated, domiciliation) and one
		//     of the seven answered as if found (hours without days,
		//     « dispo », « point relais caf », « médiation numérique », a
		//     question's « fait », « sans rendez-vous », a suspicious
		//     SMS, a part of a city, « cyber sécurité »), 0.96/0.95
		//     after, six of the seven answered with nothing or
		//     partially (« garde enfants mercredi » is still La Garde).
		//   - 2026-12-12 (76: typed on a phone, needs in the person's
		//     words, helpers' labels and networks, publics — students,
		//     farmers, people leaving prison —, homonym communes,
		//     arrondissements, overseas, hours alone and with a need and a
		//     town, plurals, typos, the known weak spots typed otherwise, 6
		//     no place answers): 0.83/0.79 with two answered with nothing
		//     and four of the six honest (a greeting and « jcherche »,
		//     « pb », « tel », « urgent », « marche pas », « sam matin »,
		//     « 3e âge », students, « jusqu'à 19h », a broken device, a
		//     fablab before a tiers-lieu, a city without places, a commune
		//     beside its département, a kind of EPN, « trop », « payer », an
		//     infinitive spelt as its noun),
		//     0.98/0.95 after, the six honest (« faire garder mes
		//     enfants » was La Garde by a spelling of « garder »).
		//   - 2026-12-13 (76: the known weak spot « conseiller numérique
		//     france services » typed otherwise, opening times in
		//     figures, repair and reuse, child care during a training,
		//     farmers, need verbs, AZERTY typos, dictation, questions,
		//     acronyms, accessibility, Russian and Portuguese, Guyane and
		//     Mayotte, homonym communes, 5 no place answers): 0.76/0.78
		//     with two answered with nothing and three of the five honest
		//     (« c'est », a dictated acronym, the lunch hour in figures,
		//     repair café and ressourceries, the programme's full name,
		//     « lieu », Telepac, Portuguese, declaring, a language beside
		//     a need, a day after an evening hour), 0.91/0.91 after,
		//     still three of the five honest.
		//   - 2026-12-14 (56: hours said by the hour — avant 9h, dès 8h,
		//     encore ouvert à 18h, après le travail, à 13h —, audiences —
		//     shopkeepers, single parents, job seekers over 50, autism,
		//     « dys », the countryside —, repair in other words, false
		//     friends — « garder », « aidants familiaux », bus timetables,
		//     Orange's shop —, mobility, SMS spelling, procedures by their
		//     documents, Spanish and English, régions, 3D printing, 4 no
		//     place answers): 0.65/0.60 with six answered with nothing
		//     and the four honest (hours by the hour, régions, procedures'
		//     documents, autism and « dys », a slow device, a person who
		//     cannot travel, Spanish « papeles », a day beside an hour),
		//     0.92/0.90 after, the four honest.
		//   - 2026-12-18 (47 testers' queries over PACA, Charente and the
		//     conseillers numériques, judged on the answers they saw and
		//     written as rules after): 0.74/0.70, 0.78/0.74 after a
		//     commune named by its first word and a named commune kept in
		//     a partial answer; five of the eight no place answers honest.
		//     0.80/0.76 after a second round (short words written whole are
		//     no prefixes, a phrase no record holds matched together, a
		//     street says not how a place works): six honest. 0.92/0.90
		//     after the thirty-first session (a kind of place the named
		//     commune lacks lists the commune's places: « franse servis
		//     la seyne » 0.20 → 1.00; « epn gap » 0.80/0.20 → 1.00/0.95):
		//     the nine no place answers honest.
		//   - 2026-12-20 (59: procedures by their portals and documents,
		//     acronyms beside communes all over France — MSAP, CCAS, EPN,
		//     CNFS, FS —, run-together and misspelt names, SMS style,
		//     English, printing, Wi-Fi, repair, 3D printers, refurbished
		//     computers, school apps, scams, accessibility, départements
		//     and overseas, 3 no place answers): 0.91/0.92 before its
		//     rules, the three honest; 0.98/0.98 after (a kind of place
		//     records name but none gives as its typology, the reuse
		//     places for repair and refurbished devices, a name glued to
		//     « bus », shopkeepers, « structure »), the three honest.
		//   - 2027-01-10 (60: families and school apps, farmers, seniors
		//     and video calls, newcomers in Darija, Spanish and English,
		//     job seekers' slang, disability allowances, students, cheap
		//     devices for a child, landmarks and priority neighbourhoods,
		//     hours, communes and départements all over France; none
		//     without relevant places): 0.74/0.70 with three answered
		//     with nothing (« taf », « postuler », Darija), 0.85/0.80
		//     after the words no entry held (job slang and applying, a
		//     school's canteen, nationality, a residence permit in Spanish
		//     and English, CROUS, Snapchat, « solidaire », Spanish
		//     function words, papers in Darija); left: farmers named for
		//     the chambres d'agriculture, a public beside a need in a
		//     commune, a priority neighbourhood's name, a teenager on
		//     TikTok, Envie and the refurbishers named for computers.
		//   - 2027-01-17 (61: farmers in their words — paysan, éleveur,
		//     Spanish and English —, refurbishers by name, landmarks and
		//     priority districts, a public beside a need and a commune,
		//     French and literacy, prisoners' families, homeless people,
		//     victims, health, money, mobility, overseas communes, 1 no
		//     place answers): 0.72/0.71 with none answered with nothing
		//     and the one honest, 0.78/0.77 after (the chambres
		//     d'agriculture named for farmers, a landmark beside a commune,
		//     a victim's words, a public beside a need and a commune,
		//     giving away a PC); left: « internet » beside a farmer (the
		//     chambers do not declare internet access), a priority
		//     district's name in a partial answer (« aide papiers
		//     griffeuille »), « pa cher », « recharger », the refurbishers
		//     no word of the need names (Envie, Ordisol, Ateliers du
		//     Bocage).
		//   - 2027-01-24 (65 typed on a phone: SMS spellings, publics —
		//     seniors, deaf people, disabled people, refugees, young
		//     people, Travellers —, apps beside a commune, hours, « gratuit »
		//     and « gratos », remote and home help, organisations by acronym
		//     or brand, districts and quarters all over France, Spanish and
		//     English, last session's known failures typed otherwise, 1 no
		//     place answers): 0.74/0.73 with none answered with nothing and
		//     the one honest, 0.86/0.86 after (« pa » and « chuis » of text
		//     messages, a rare word naming a few of the commune's places in
		//     a partial answer, Spanish and Italian names of cities,
		//     « info jeunesse », « biblio », a lawyer, « minot » and « passe
		//     sa vie sur son tel », Marseille's quarters as their
		//     arrondissements, « internet » as using it);
		//     left: « internet » beside a farmer, FranceConnect beside a
		//     commune whose France services declare no theme, a rare word
		//     without a commune (« envie », « domicile »), a kind of place
		//     as a landmark (« à côté de la mairie de pantin »).
		//   - 2027-01-31 (61: worried sentences, procedures named by their
		//     form or effect — carte grise, prime d'activité, CMU,
		//     chèque énergie, titre de séjour —, France services that
		//     declare no theme, landmarks and town centres, kinds of
		//     place, accessibility, English and Arabic, several needs in
		//     one query, départements of every reference file, farmers,
		//     FLE, 1 no place answers): 0.84/0.82 with one answered with
		//     nothing (« cmu ») and the one honest, 0.93/0.94 after
		//     (a France services or Aidants Connect label is help with
		//     procedures beside a named place, a word after « près de »
		//     or a town's centre beside a commune is a landmark, the
		//     CMU); left: « internet » beside a farmer, the chambres
		//     d'agriculture outside the Charente after the places helping
		//     with procedures (« aide numérique agriculteur »), « à mon
		//     âge » read as a word, the CADA for « cour fle gratuit »,
		//     antennas named after another commune's France services;
		//   - 2027-02-07 (68: phonetic spellings, SMS, hours, audiences,
		//     equipment, fees, postal codes and départements alone,
		//     communes misspelt or unhyphenated, distances, several needs,
		//     overseas and Corsica, 2 no place answers, the four known
		//     failures kept): 0.85/0.83, 0.92/0.92 after (a distance
		//     beside a commune, « département » beside one, a price
		//     beside a service, « cybercafé », « à mon âge », refugees
		//     beside a need); left: the farmers, « cour fle gratuit »,
		//     « kafé », « pce » and « pte » for Provence and Pointe,
		//     seniors' workshops in the Charente (none) answered in full;
		//   - 2027-02-14 (61: partners' and social workers' words,
		//     English, emoji, prefixes, words run together, overseas,
		//     Corsica, Île-de-France, a distance, an address, a message,
		//     the known failures kept, 1 no place answers): 0.84/0.87,
		//     0.92/0.93 after (a département named with a number word,
		//     « labellisé », « café internet » and a short word respelt
		//     into a phrase, English « forms », « num » and « atel »);
		//     left: the farmers, « cour fle gratuit », a house number
		//     and « place » (« 1 place de la mairie »), « apprentissage »
		//     beside « jeune » read as learning.
		//   - 2027-02-21 (63: a librarian's and an employment counsellor's
		//     words, people in a hurry or upset, elders and their
		//     families, students, disabilities, newcomers, Corsica and
		//     every overseas département, words run together, SMS,
		//     capitals, variants of the known failures, 1 no place
		//     answers): 0.86/0.88 with none answered with nothing and the
		//     one honest; 0.97/0.96 after (Corsican names of communes,
		//     « mon village », « laposte », Parcoursup and the CROUS
		//     ranking the young people's places first, « mon espace » as
		//     an account, « point internet », a house number before a
		//     street; two judgements corrected: « marseille 13 » is the
		//     arrondissement, Hellemmes and Lomme are Lille); left: a
		//     librarian's message (« compte France Travail » and « pas
		//     d'adresse mail » in Gap), « scanner imprimer médiathèque
		//     digne » (its médiathèque declares no printer), « 1 place de
		//     la mairie » (« mairie » read as town halls, not the street).
		//   - 2027-02-28 (63: a CCAS's referral notes, a probation
		//     counsellor's, homeless services, parents, micro-entrepreneurs,
		//     farmers, fraud and harassment, health, housing, devices,
		//     learning, deaf and blind people, Travellers, every overseas
		//     département and Corsica, English and Spanish, words glued
		//     and spelt by ear, 2 no place answers): 0.71/0.74 with none
		//     answered with nothing and both honest; 0.82/0.86 after (a
		//     person's title and civil status, harassment's verb and
		//     « insta », « récupérer », charging a phone and the day
		//     centre, a postal address for someone in the street, Spanish
		//     classes for « mayores », « for free », the Travellers' own
		//     words, « conseillé numérique », a device used for a
		//     procedure); left: the farmers (« agricultrice … msa »), a
		//     website for a shop, e-invoicing, « use a computer » read as
		//     learning, not access, the probation counsellor's paragraph,
		//     Réunion Creole (« kaz », « sin deni »).
		//   - 2027-03-07 (59: farmers, shopkeepers and craftsmen, spoken
		//     French with typos and SMS, seniors' children, Réunion and
		//     Shimaore words, Guyane, Martinique, Arabic script, Turkish,
		//     Portuguese, English, broken French, addresses, questions,
		//     FLE, « apprentissage », 5 no place answers): 0.67/0.72 with
		//     five answered with nothing, all five honest; 0.88/0.90 after
		//     (Arabic, Turkish and Portuguese words, « kelkun », « peu »,
		//     « maider », « obligatoire », « apprentissage » an
		//     apprenticeship, elderly parents, a shop's website, selling
		//     online and e-invoicing, « use a computer », a trade beside a
		//     need ranking); 0.94/0.92 after (a street typed alone read
		//     in addresses: « place de l hotel de ville », « 3 rue de la
		//     mairie »; not speaking French beside « aide caf », no place
		//     meeting both: the CAF help first); left: the farmers (« eleveur de vaches
		//     internet msa »), « cours fle », « apprentissage du numerique
		//     pour adultes ».
		//   - 2027-03-14 (64: farmers and rural life, people learning
		//     French (ASL, conversation, alphabétisation, Spanish and
		//     Arabic), landmarks and bare streets, disabilities, prison,
		//     young people and students, homeless people, scams, parents,
		//     retiring, the self-employed, health, taxes, equipment; 1 no
		//     place answers): 0.71/0.68, 0 empty; 0.81/0.77 after (« en
		//     face de », ASL and conversation groups, « cours » in other
		//     languages generic, scams told as they happened, « je trouve
		//     pas », « commander », « adapté », « m'a appelé », the
		//     Parcoursup « vœux », « domiciliation administrative », « pas
		//     de réseau »); left: the reception centres the FLE rule
		//     counts (recall 0.33 on six French-class queries), the
		//     farmers (« eleveuse de brebis aide ordinateur msa »,
		//     « internet a la ferme »), « cour de fransai », « reviser le
		//     code de la route sur internet »; 0.86/0.81 after round 15b
		//     (« un cyber », a word written as it sounds, the driving
		//     code, « code » generic, « village » beside a place).
		//   - 2027-03-21 (66: people who read badly, farmers and farm
		//     workers, « point numérique », EPN, bare streets and
		//     landmarks, France Travail, caregivers and the APA, hospital,
		//     domestic violence and the 3919, newcomers, seasonal workers,
		//     banking, housing, cars, voting, English, Portuguese, Turkish,
		//     Romanian, SMS and dictation): 0.75/0.76, « 3919 » answered
		//     with nothing; 0.86/0.86 after (« point numérique » any
		//     digital help, Portuguese and Romanian words, « arriver »,
		//     « discrètement », a spied phone, « housing benefit », the
		//     APA, helpline numbers, farm and seasonal workers, work
		//     documents); left: « illettrisme » beside a need, « internet
		//     a la ferme », « nouvel arrivant cognac » (the thesaurus reads
		//     newcomers as migrants), the victims' centres behind « aide ».
		//   - 2027-04-04 (66: abbreviations typed in streets and communes,
		//     verbs of intent, needs with a public, newcomers, SMS and
		//     typos, questions, Darija, Ukrainian, Russian and Dari in Latin
		//     letters, Spanish, Italian, disabilities, times, territories by
		//     name, partners): 0.75/0.75, « pomoshch s kompyuterom » answered
		//     with nothing; 0.85/0.89 after (street abbreviations read in an
		//     address-shaped query, a newcomer a new resident, the other
		//     languages' words, « sous main de justice », verbs of ending an
		//     account); left: the Pays basque (no territory table), the
		//     victims' centres behind « aide », the farmers' chambers,
		//     « aide administrative toulouse » (no place helps with
		//     procedures there; one answered).
		//   - 2027-04-11 (69: intercommunalities, régions and départements
		//     by name, small communes, arrondissements and quarters, days
		//     and times, partners, publics, SMS, questions, sentences said
		//     aloud, Spanish, Portuguese, Darija, Ukrainian, English):
		//     0.76/0.71, none answered with nothing; the floors after
		//     (an intercommunality named is its communes).
		//   - 2027-04-18 (72: quarters and lieux-dits, former communes'
		//     names, arrondissements written every way, the Grand Paris's
		//     territories, procedures and publics in a place, hours,
		//     accessibility, SMS, sentences said aloud, English, Spanish,
		//     Italian, the France Services label in cities): 0.60/0.67,
		//     none answered with nothing; 0.57/0.65 once the programme's
		//     France Services label was judged as the programme's; the
		//     floors after (that label read so, the Grand Paris's
		//     territories and La Poste's localities as places, an
		//     arrondissement's ordinal written out or in Roman numerals).
		//   - 2027-05-02 (78: former communes and communes nouvelles,
		//     communes renamed, lieux-dits and quarters, intercommunalities
		//     by name, arrondissements, procedures, publics and hours in a
		//     place, newcomers, disabilities, emojis, paragraphs, prefixes,
		//     Italian, Spanish, English, SMS): 0.83/0.90, none answered with
		//     nothing; the floors after (the COG of 2018's names of former
		//     and renamed communes, « X lès <commune> » a locality, a former
		//     name's near spellings other words, a generic word beside a
		//     need and a public ranking, a duration in a message no word).
		for _, bf := range []struct {
			added      string
			queries    int
			p5, recall float64
			honest     int // of the queries no place answers
		}{{"2026-12-02", 39, 0.99, 0.99, 0}, {"2026-12-03", 33, 0.96, 0.93, 0}, {"2026-12-04", 32, 0.99, 0.99, 0},
			{"2026-12-05", 41, 0.97, 0.97, 0}, {"2026-12-06", 43, 0.96, 0.97, 0}, {"2026-12-07", 45, 0.98, 0.97, 0},
			{"2026-12-08", 50, 0.95, 0.98, 0}, {"2026-12-09", 48, 0.93, 0.92, 0},
			{"2026-12-10", 59, 0.94, 0.94, 4}, {"2026-12-11", 70, 0.95, 0.94, 6},
			{"2026-12-12", 76, 0.96, 0.94, 6}, {"2026-12-13", 76, 0.90, 0.89, 3},
			{"2026-12-14", 56, 0.91, 0.88, 4}, {"2026-12-18", 47, 0.91, 0.89, 9},
			{"2026-12-20", 59, 0.97, 0.97, 3}, {"2027-01-10", 60, 0.84, 0.79, 0},
			{"2027-01-17", 61, 0.77, 0.76, 1}, {"2027-01-24", 65, 0.85, 0.85, 1},
			{"2027-01-31", 61, 0.92, 0.93, 1}, {"2027-02-07", 68, 0.91, 0.91, 1},
			{"2027-02-14", 61, 0.91, 0.93, 1}, {"2027-02-21", 63, 0.96, 0.95, 1},
			{"2027-02-28", 63, 0.81, 0.85, 2}, {"2027-03-07", 59, 0.93, 0.91, 5},
			{"2027-03-14", 64, 0.85, 0.80, 1}, {"2027-03-21", 66, 0.85, 0.86, 0},
			{"2027-04-04", 66, 0.84, 0.89, 1}, {"2027-04-11", 69, 0.83, 0.85, 6},
			{"2027-04-18", 72, 0.86, 0.90, 11}, {"2027-05-02", 78, 0.90, 0.92, 1}} {
			var batch []Query
			for _, q := range qs {
				if q.Added == bf.added {
					batch = append(batch, q)
				}
			}
			b, err := Evaluate(ctx, mem, batch, c.services)
			if err != nil {
				t.Fatal(err)
			}
			if b.Queries != bf.queries || b.P5 < bf.p5 || b.Recall20 < bf.recall || b.Zero > 0 || b.Honest < bf.honest {
				t.Errorf("services=%v, batch %s: %d queries (want %d), P@5 %.2f (floor %.2f), recall@20 %.2f (floor %.2f), zero %d, no place answers: %d of %d honest (floor %d)",
					c.services, bf.added, b.Queries, bf.queries, b.P5, bf.p5, b.Recall20, bf.recall, b.Zero, b.Honest, b.NoneRelevant, bf.honest)
			}
		}
		for k, floor := range kinds {
			if got := f.PerKind[k]; got[0] < floor[0] || got[1] < floor[1] {
				t.Errorf("services=%v, %s: P@5 %.2f (floor %.2f), recall@20 %.2f (floor %.2f)", c.services, k, got[0], floor[0], got[1], floor[1])
			}
		}
	}
}
