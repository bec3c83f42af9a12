package dedup

import "slices"

// libraryKey is the phrase key of « bibliothèque » and « médiathèque »
// (one kind in the shared table), bareLibraryWords the words a library's
// name may hold besides its commune's and still name no library of its
// own: its kind, « réseau », « municipale », « intercommunale ».
var (
	libraryKey       = content(expand("médiathèque"))[0]
	bareLibraryWords = set(libraryKey, stem("reseau"), stem("municipal"), stem("intercommunal"), stem("communautaire"))
)

// bareLibrary says whether a place's name is a library's with no name of
// its own: the library's kind, and only bareLibraryWords and its commune's
// words (« Réseau des bibliothèques de Nancy », « Bibliothèque municipale
// de Saint-Dié »).
func bareLibrary(q *prepared) bool {
	return !q.mobile && slices.Contains(q.name, libraryKey) &&
		!slices.ContainsFunc(q.name, func(w string) bool { return !bareLibraryWords[w] && !q.commune[w] })
}

// housesLibrary says whether one place is a library with no name of its
// own (bareLibrary) and the other a library (its name says so) at one
// address: a commune names its library network, or its library, by its
// kind and its name (Aidants Connect's « Réseau des bibliothèques de
// Nancy », the commune's SIRET, at the address of the « Médiathèque
// Manufacture »), and that record is the library at whose address it is
// given, as a France Services or a digital space with no name of its own is
// the structure at its address (housesFranceServices, housesDigitalSpace).
// The address must be one house number of one street, one point or one
// building, as for a France Services: a street without numbers does not
// say which of its buildings. Not a place of another kind there (a centre
// social), nor a travelling library (a bibliobus).
func housesLibrary(a, c *prepared) bool {
	if a.mobile || c.mobile {
		return false
	}
	lib, other := a, c
	if !bareLibrary(a) {
		lib, other = c, a
	}
	if !bareLibrary(lib) || !slices.Contains(other.name, libraryKey) {
		return false
	}
	return addressAgrees(a, c) && (numberedAddress(a, c) || atOnePoint(a, c) || sameBuilding(a, c))
}
