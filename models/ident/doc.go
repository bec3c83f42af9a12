// Package ident parses and checks the French public identifiers and codes
// that the national standard « lieux de médiation numérique » carries: the
// pivot (SIRET, SIREN, RNA number or RIDET), postal codes, INSEE commune codes,
// and what can be derived from them (the département, and the time zone in
// which a place's opening hours are meant).
//
// Everything here is pure, allocation-light and safe on any input: values
// come straight from API users and from imported files, so functions return
// errors or zero values instead of panicking. Error messages are written for
// API users (they end up in a problem's errors[].reason) and never echo more
// than a short prefix of the input.
package ident
