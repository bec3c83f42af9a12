package opendata

// doubsFormat: the Doubs inclusion map's exports (multi-coop's Datami of
// the département's map, github.com/multi-coop/data-doubs-inclusion:
// csv/DOUBS-inclusion_numerique.csv, its geocoded copy
// csv/geocoding/geocoded.csv, and the apiviz export
// csv/DOUBS-inclusion-apiviz_data-export_solidata-220523a.csv with its
// « carto_id »). No ANCT mapping reads them: every row of the three files
// (284, 380 and 391 places) was rejected for want of a name, its
// « NOM_DISPOSITIF » not a column of the standard, though its service
// codes were already read (vocab.legacy's doubsMap).
//
// The reading is Carnet's, from the map's own dictionary
// (json/doubs-inclusion-lieux-fields-custom-props.json):
//   - TYPE_STRUCTURE's codes: association (ASSO), biblioth_que
//     « Bibliothèque » (BIB), ccas (CCAS), cms « CMS » (CMS, centre
//     médico-social), collectivite « Collectivité » (MUNI, as the ANCT's
//     mappings read « Collectivité »), espnum « Espace numérique » (EPN),
//     msap_mfs « Maison France Service » (RFS and the France Services
//     programme); « Conseiller Numérique » and « aidant_connect : Aidant
//     Connect » of the apiviz export name national programmes; entreprise
//     and « Personnes Agées » have no typology (warned);
//   - ACCES's codes: acces_libre « Accès libre » (modalites_acces « Se
//     présenter »: no appointment needed), acces_payant « Accès payant »
//     (frais_a_charge Payant), adapt_handicap « Adapté handicapés »
//     (prise_en_charge_specifique « Handicaps moteurs », as the ANCT's
//     mappings read a place adapted to disabled people), itinerance
//     (itinerance Itinérant);
//   - the other columns by their names (N_TEL the phone, MAIL the e-mails,
//     WEBSITE the site, COM_CODE the INSEE code, INFOS the details, lat
//     and lon the apiviz export's point); EPCI_CORRE, COM_NOM and
//     ADRESSE_COMPLETE repeat what is read and are left.
var doubsFormat = func() *producerFormat {
	typo, acces := []string{"TYPE_STRUCTURE"}, []string{"ACCES"}
	return &producerFormat{
		Name: "doubs-inclusion", Title: "Doubs inclusion map (Datami)",
		Mapping:   "of Carnet's own (no ANCT mapping reads it), from the map's dictionary github.com/multi-coop/data-doubs-inclusion json/doubs-inclusion-lieux-fields-custom-props.json",
		signature: []string{"NOM_DISPOSITIF", "TYPE_STRUCTURE", "COM_CODE", "ACCES"},
		columns: map[string]string{
			"carto_id": "id", "NOM_DISPOSITIF": "nom", "ADRESSE": "adresse", "CODE_POSTAL": "code_postal", "VILLE": "commune",
			"COM_CODE": "code_insee", "HORAIRES": "horaires", "INFOS": "presentation_detail", "N_TEL": "telephone", "MAIL": "courriels",
			"WEBSITE": "site_web", "SERVICES": "services", "lat": "latitude", "lon": "longitude", "latitude": "latitude", "longitude": "longitude",
		},
		firsts: map[string][]string{"code_postal": {"BAN_postcode"}},
		own: map[string]bool{"carto_id": true, "NOM_DISPOSITIF": true, "ADRESSE": true, "CODE_POSTAL": true, "VILLE": true, "COM_CODE": true,
			"HORAIRES": true, "INFOS": true, "N_TEL": true, "MAIL": true, "WEBSITE": true, "SERVICES": true, "lat": true, "lon": true,
			"latitude": true, "longitude": true, "BAN_postcode": true},
		rules: []producerRule{
			ownCodes("typologie", "ASSO", typo, "association"),
			ownCodes("typologie", "BIB", typo, "biblioth_que"),
			ownCodes("typologie", "CCAS", typo, "ccas"),
			ownCodes("typologie", "CMS", typo, "cms"),
			ownCodes("typologie", "MUNI", typo, "collectivite"),
			ownCodes("typologie", "EPN", typo, "espnum"),
			ownCodes("typologie", "RFS", typo, "msap_mfs"),
			ownCodes("dispositif_programmes_nationaux", "France Services", typo, "msap_mfs"),
			ownRule("dispositif_programmes_nationaux", "Conseillers numériques", typo, "Conseiller Numérique"),
			ownRule("dispositif_programmes_nationaux", "Aidants Connect", typo, "aidant_connect : Aidant Connect", "aidant_connect"),
			ownCodes("modalites_acces", "Se présenter", acces, "acces_libre"),
			ownCodes("frais_a_charge", "Payant", acces, "acces_payant"),
			ownCodes("prise_en_charge_specifique", "Handicaps moteurs", acces, "adapt_handicap"),
			ownCodes("itinerance", "Itinérant", acces, "itinerance"),
		},
	}
}()
