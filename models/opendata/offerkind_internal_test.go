package opendata

// OfferKind is offerKind, for the round-trip test (package opendata_test):
// the kind an offer of the standard derives from its themes and modes.
var OfferKind = offerKind
