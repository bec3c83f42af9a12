// Package opendata maps Carnet's directory to and from the open-data formats
// of French digital inclusion:
//
//   - the national standard « lieux de médiation numérique », read in every
//     published version (v0.1.1 with its ";"-separated values and old lists,
//     v1.0.0 to v1.0.2 with "|") as CSV or as the Cartographie nationale's JSON
//     arrays, and written in v1.0.2 (CSV with the schema's 32 columns in
//     order, or JSON with arrays for multi-valued fields);
//   - GeoJSON (a FeatureCollection of actors with their services' themes);
//   - data·inclusion v1 structures and services.
//
// One place of the standard is one actor plus one service that carries the
// place's offer (the themes, publics, fees and modes of the row). Importing
// is forgiving: whatever can be normalised is kept with a warning in a
// per-row report, and a row is rejected only when it cannot be stored.
// Exporting streams: writers take one actor and its services at a time.
//
// # Column mapping
//
// Standard column (v1.0.2; older names in brackets) ↔ Carnet field:
//
//	id                                ↔ actor.source_id (export: Carnet's id when none, or when an older place of
//	                                    another source published the same id; an import finds a place of
//	                                    its source by that Carnet id too, and keeps its source_id;
//	                                    none in the file: « carnet- » and a hash of the source, name and address,
//	                                    and for a row whose name and address are an earlier row's with another
//	                                    description or contact, that id, « ~ » and a hash of them too: see idKey)
//	pivot                             ↔ actor.pivot (00000000000000 ↔ unknown)
//	nom                               ↔ actor.name
//	commune, code_postal, code_insee  ↔ actor.address.commune, postal_code, insee_code
//	adresse, complement_adresse       ↔ actor.address.street, complement
//	latitude, longitude               ↔ actor.latitude, longitude
//	typologie                         ↔ actor.typologies
//	telephone                         ↔ actor.phones (export: the first, only if contact_public)
//	courriels [courriel]              ↔ actor.emails (export: only if contact_public)
//	site_web                          ↔ actor.websites
//	horaires                          ↔ actor.opening_hours
//	presentation_resume               ↔ actor.summary (over 280 characters, 279 when it starts like a formula: cut, full text in description)
//	presentation_detail               ↔ actor.description
//	source                            ↔ actor.producer (the importing source when the row names none)
//	itinerance                        ↔ actor.mobility
//	structure_parente                 → not kept (free text); export: the parent actor's id
//	date_maj                          → actor.producer_updated_on; export: that date beside the producer's name
//	                                    (a record produced in Carnet: actor.checked_on, the day someone
//	                                    changed the place or its services in Carnet); for a row
//	                                    without a date, or with one before 2000 — a tool's zero date, read
//	                                    as none, with a warning — the day of the import, and the place
//	                                    does not count as fresh: actor.checked_on_undated; such a place
//	                                    exports UnknownDate, 1970-01-01, which an import reads as none)
//	services                          ↔ service.themes (v0.1.1's 15 services mapped to the 9; import: also
//	                                    from yes/no columns each named after an offer, see offer_columns.go)
//	publics_specifiquement_adresses   ↔ service.publics     [publics_accueillis → publics and specific_support]
//	prise_en_charge_specifique        ↔ service.specific_support
//	frais_a_charge [conditions_acces] ↔ service.fees (Pass numérique → service.pass_numerique)
//	dispositif_programmes_nationaux   ↔ actor.national_programmes [labels_nationaux → programmes and training labels]
//	formations_labels                 ↔ actor.training_labels
//	autres_formations_labels [labels_autres] ↔ actor.other_labels (plus old labels without equivalent)
//	modalites_acces                   ↔ service.access_modes
//	modalites_accompagnement          ↔ service.accompaniment_modes (v0.1.1's long values mapped)
//	fiche_acces_libre [accessibilite] ↔ actor.acceslibre_url
//	prise_rdv                         ↔ actor.booking_url
//
// The offer service is named after the place, its kind is derived from
// the accompaniment modes and themes (see offerKind), it is on site unless
// the only mode is « À distance », and its source_id is the row's id followed
// by "#offer". On export, the offer of a place is the union of its published
// services.
//
// A column the file does not have (not an empty cell: no column, or, in a
// JSON file, a key no object has) says nothing of its field: a place the
// import updates keeps its stored value, and the report says so once per
// column (absent.go).
//
// A service held elsewhere than its structure (an address of its own) is a
// row of its own: one row per place, and it is another place (see
// placeOfService). Imported into another directory it is a place; back into
// its source, the row is left and the service stays (servicesElsewhere).
//
// Provenance survives a round trip: the row's id, its source and its date_maj
// come back as they were, even when the place was changed in Carnet since:
// date_maj is the producer's date beside the producer's name, never Carnet's
// day of a change (a record produced in Carnet, source Carnet, writes the
// day its structure last changed it). What does not survive:
// structure_parente as written, every phone but the first (the schema's pattern
// takes one number), contacts of structures that did not make them public,
// the service kind and name, pass_numerique, languages, capacity, closure
// dates as such (a current or announced closure is written as an OSM rule
// closing its days at the end of horaires, « Dec 01-10 off », which an
// import keeps in the hours: see closeHours), and opening hours of which no rule is valid OSM syntax (dropped
// with a warning on import; hours with some readable rules are kept as
// written, with a warning per unreadable rule).
package opendata
