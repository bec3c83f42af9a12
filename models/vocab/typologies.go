package vocab

// Typology codes of the structures (column typologie of the standard, which
// the standard leaves unconstrained but points to this list): the
// typologies-de-structures vocabulary of data·inclusion v0.27.0, labels
// included, plus the four codes ANCT's Cartographie nationale added in its
// library @gouvfr-anct/lieux-de-mediation-numerique (ESAT and MDH in
// December 2024, FABRIQUE and RELAIS_LECTURE in January 2025). data·inclusion
// v1 dropped structure typologies for reseaux_porteurs, but the standard and
// the Cartographie still use these codes. typologies_test.go checks every
// code and label against the v0.27.0 file.
//
// Codes are kept as data·inclusion writes them, including "Autre" in mixed
// case, in the file's (ASCII) order with ANCT's codes at their sorted place.
// Labels use the typographic apostrophe, as the file does.

// Provenance of the typologies, shown in Vocabulary.Source.
const sourceTypologies = "data·inclusion v0.27.0 typologies-de-structures, plus ESAT, FABRIQUE, MDH, RELAIS_LECTURE (ANCT, Cartographie nationale)"

// descANCT marks the codes that come from ANCT rather than data·inclusion.
const descANCT = "Code ajouté par l’ANCT (Cartographie nationale), absent de data·inclusion."

var typologies = Vocabulary{
	Name:        NameTypologies,
	Title:       "Typologie",
	Description: "Le type de la structure : CCAS, association, médiathèque, France Services…",
	Column:      "typologie",
	Source:      sourceTypologies,
	Multi:       true,
	Terms: []Term{
		{Value: "ACI", Label: "Structures porteuses d’ateliers et chantiers d’insertion (ACI)"},
		{Value: "ACIPHC", Label: "SIAE — Atelier chantier d’insertion premières heures en chantier"},
		{Value: "AFPA", Label: "Agence nationale pour la formation professionnelle des adultes (AFPA)"},
		{Value: "AI", Label: "Associations intermédiaires (AI)"},
		{Value: "ASE", Label: "Aide sociale à l’enfance (ASE)"},
		{Value: "ASSO", Label: "Associations"},
		{Value: "ASSO_CHOMEUR", Label: "Associations de chômeurs"},
		{Value: "AVIP", Label: "Crèche À Vocation d’Insertion Professionnelle (AVIP)"},
		{Value: "Autre", Label: "Autre"},
		{Value: "BIB", Label: "Bibliothèque / Médiathèque", Aliases: []string{"Médiathèque", "Bibliothèque"}},
		{Value: "CAARUD", Label: "CAARUD - Centre d’accueil et d’accompagnement à la réduction de risques pour usagers de drogues"},
		{Value: "CADA", Label: "Centres d’accueil de demandeurs d’asile (CADA)"},
		{Value: "CAF", Label: "Caisses d’allocation familiale (CAF)"},
		{Value: "CAP_EMPLOI", Label: "Cap Emploi"},
		{Value: "CAVA", Label: "Centres d’adaptation à la vie active (CAVA)"},
		{Value: "CC", Label: "Communautés de Commune"},
		{Value: "CCAS", Label: "Centres communaux d’action sociale (CCAS)"},
		{Value: "CCONS", Label: "Chambres consulaires (CCI, CMA, CA)"},
		{Value: "CD", Label: "Conseils Départementaux (CD)"},
		{Value: "CDAS", Label: "Centre Départementale d’Action Sociale (CDAS)"},
		{Value: "CFP", Label: "Centre des Finances Publiques (CFP)"},
		{Value: "CHRS", Label: "Centres d’hébergement et de réinsertion sociale (CHRS)"},
		{Value: "CHU", Label: "Centres d’hébergement d’urgence (CHU)"},
		{Value: "CIAS", Label: "Centres intercommunaux d’action sociale (CIAS)"},
		{Value: "CIDFF", Label: "Centres d’information sur les droits des femmes et des familles (CIDFF)"},
		{Value: "CITMET", Label: "Cité des métiers"},
		{Value: "CMP", Label: "Centre Médico-Psychologique (CMP)"},
		{Value: "CMS", Label: "Centre Médico-Social (CMS)"},
		{Value: "CPAM", Label: "Caisse Primaire d’Assurance Maladie (CPAM)"},
		{Value: "CPH", Label: "Centres provisoires d’hébergement (CPH)"},
		{Value: "CS", Label: "Centre social"},
		{Value: "CSAPA", Label: "CSAPA - Centre de soins, d’accompagnement et de prévention en addictologie"},
		{Value: "CSC", Label: "Centre Socio-Culturel (CSC)"},
		{Value: "DEETS", Label: "Directions de l’Economie, de l’Emploi, du Travail et des Solidarités (DEETS)"},
		{Value: "DEPT", Label: "Services sociaux du Conseil départemental"},
		{Value: "DIPLP", Label: "Délégation interministérielles à la prévention et à la lutte contre la pauvreté"},
		{Value: "E2C", Label: "E2C - École de la 2e chance"},
		{Value: "EA", Label: "Entreprise adaptée (EA)"},
		{Value: "EATT", Label: "Entreprise Adaptée (EATT)"},
		{Value: "EI", Label: "Entreprises d’insertion (EI)"},
		{Value: "EITI", Label: "Entreprises d’insertion par le travail indépendant (EITI)"},
		{Value: "ENM", Label: "Espace Numérique Mobile (ENM)"},
		{Value: "EPCI", Label: "Intercommunalité (EPCI)"},
		{Value: "EPI", Label: "Espace Public Internet (EPI)"},
		{Value: "EPIDE", Label: "EPIDE - Établissement pour l’insertion dans l’emploi"},
		{Value: "EPN", Label: "Espace Public Numérique (EPN)"},
		{Value: "ES", Label: "Épicerie Solidaire"},
		{Value: "ESAT", Label: "Établissements et services d’aide par le travail (ESAT)", Description: descANCT},
		{Value: "ESS", Label: "Entreprise de l’Économie Sociale et Solidaire"},
		{Value: "ETABL_PRI", Label: "Établissement privé"},
		{Value: "ETABL_PUB", Label: "Établissement public"},
		{Value: "ETAT", Label: "Service de l’État"},
		{Value: "ETTI", Label: "Entreprises de travail temporaire d’insertion (ETTI)"},
		{Value: "EVS", Label: "Espace de Vie Sociale (EVS)"},
		{Value: "FABLAB", Label: "Fablab / Atelier partagé"},
		{Value: "FABRIQUE", Label: "Fabrique de territoire", Description: descANCT},
		{Value: "FAIS", Label: "Fédérations d’acteurs de l’insertion et de la solidarité"},
		{Value: "FT", Label: "France Travail", Aliases: []string{"PE", "Pôle emploi"}},
		{Value: "GEIQ", Label: "Groupements d’employeurs pour l’insertion et la qualification (GEIQ)"},
		{Value: "HUDA", Label: "HUDA - Hébergement d’urgence pour demandeurs d’asile"},
		{Value: "LA_POSTE", Label: "Bureau de poste / Agence postale"},
		{Value: "MDE", Label: "Maison de l’emploi"},
		{Value: "MDEF", Label: "Maison de l’emploi et de la formation"},
		{Value: "MDH", Label: "Maison des habitants (MDH)", Description: descANCT},
		{Value: "MDPH", Label: "Maison Départementale des Personnes Handicapées"},
		{Value: "MDS", Label: "Maison Départementale des Solidarités"},
		{Value: "MJC", Label: "Maison des jeunes et de la culture"},
		{Value: "ML", Label: "Mission Locale"},
		{Value: "MQ", Label: "Maison de quartier"},
		{Value: "MSA", Label: "Mutualité Sociale Agricole"},
		{Value: "MSAP", Label: "Maison de Services Au Public (MSAP)"},
		{Value: "MUNI", Label: "Municipalités"},
		{Value: "OACAS", Label: "Structures agréées Organisme d’accueil communautaire et d’activité solidaire (OACAS)"},
		{Value: "ODC", Label: "Organisation délégataire d’un CD"},
		{Value: "OF", Label: "Organisme de formations"},
		{Value: "OIL", Label: "Opérateur d’intermédiation locative"},
		{Value: "OPCS", Label: "Organisation porteuse de la clause sociale"},
		{Value: "PAD", Label: "Point d’Accès au Droit"},
		{Value: "PENSION", Label: "Pension de famille / résidence accueil"},
		{Value: "PI", Label: "Point Information (PI)"},
		{Value: "PIJ_BIJ", Label: "Points et bureaux information jeunesse (PIJ/BIJ)"},
		{Value: "PIMMS", Label: "Point Information Médiation Multi Services (PIMMS)"},
		{Value: "PJJ", Label: "Protection judiciaire de la jeunesse (PJJ)"},
		{Value: "PLIE", Label: "Plans locaux pour l’insertion et l’emploi (PLIE)"},
		{Value: "PREF", Label: "Préfecture, Sous-Préfecture"},
		{Value: "PREVENTION", Label: "Service ou club de prévention"},
		{Value: "REG", Label: "Région"},
		{Value: "RELAIS_LECTURE", Label: "Relais lecture", Description: descANCT},
		{Value: "RESSOURCERIE", Label: "Ressourcerie"},
		{Value: "RFS", Label: "Réseau France Services", Aliases: []string{"France Services"}},
		{Value: "RS_FJT", Label: "Résidence sociale / FJT - Foyer de Jeunes Travailleurs"},
		{Value: "SCP", Label: "Services et clubs de prévention"},
		{Value: "SPIP", Label: "Services pénitentiaires d’insertion et de probation (SPIP)"},
		{Value: "TIERS_LIEUX", Label: "Tiers lieu & coworking"},
		{Value: "UDAF", Label: "Union Départementale d’Aide aux Familles (UDAF)"},
	},
}
