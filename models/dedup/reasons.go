package dedup

// ReasonCodes are the stable codes of the reasons a comparison gives
// (Reason.Code), in the order the API documents them: clients branch on
// them, so each new rule's code is added here, and tests hold this list to
// the codes the package emits (TestReasonCodesListed) and the API's
// description to this list (api: TestDuplicateReasonCodesDocumented).
var ReasonCodes = []string{
	// Identifiers and contacts (identity).
	"same_siret", "same_siren", "same_rna", "same_phone", "same_email", "same_website", "same_domain",
	"named_domain", "town_domain", "initials_domain", "mail_domain",
	// Names.
	"same_name", "similar_name", "acronym",
	// Addresses and coordinates.
	"same_address", "same_street", "other_number", "same_building", "distance", "far_coordinates", "contacts_elsewhere",
	"other_street", "misspelt_street", "siret_address", "namesake", "one_ccas", "one_france_services", "own_contact_elsewhere",
	"name_of_several_sites", "travelling", "other_siren", "postal_town",
	// Hosts, networks and doors.
	"host_authority", "departement_guest", "annex", "post_office", "post_office_street", "one_post_office",
	"france_services_host", "france_services_contacts", "france_services_street", "france_services_address",
	"digital_space_host", "digital_space_next_door", "digital_space_street", "complement_host",
	"library_host", "own_contacts", "own_page", "named_contact", "street_door", "network_branch",
}
