package dedup

import "slices"

// departementAlone says whether q's name is its Département's and nothing
// else: « Département de la Sarthe », « DEPARTEMENT DE L AISNE »,
// « Conseil départemental » (the phrases fold it into one word), the
// département's own name after it or not at all.
//
// WHY: the Conseillers numériques file names the conseiller's employer
// where the place's own record names the place; a Département, employing
// conseillers who receive in the communes' and intercommunalities'
// buildings, is written so at each of those addresses (the file of 2022-12
// has 62 records named after a Département alone, seven of the Sarthe's at
// the seats of its intercommunalities and antennas). A Département keeps
// its own houses under names of their own (« Maison départementale des
// solidarités », « Antenne solidarité de Loué »), which are read as names.
func departementAlone(q *prepared) bool {
	if len(q.name) == 0 || q.name[0] != departementKey {
		return false
	}
	rest := q.name[1:]
	return len(rest) == 0 || slices.Equal(rest, departementNameWords(departementOf(q.Place)))
}

var departementKey = stem("departement")

// departementGuest says whether one of a and c is a record named after the
// Département alone (departementAlone) and the other another authority's
// record (a commune's, an intercommunality's: hosts leaves two
// authorities alone, as a mairie and an intercommunality on one square are
// two doors), neither travelling, at one numbered address or one point: the
// Département's conseiller receives in that authority's building, its
// door. Two SIRENs of two bodies still keep the pair below the threshold
// (the penalty), as for hostName.
func departementGuest(a, c *prepared) bool {
	if a.mobile || c.mobile || !a.authority || !c.authority {
		return false
	}
	guest, host := a, c
	if !departementAlone(guest) {
		guest, host = c, a
	}
	if !departementAlone(guest) || departementAlone(host) || private(host) {
		return false
	}
	return addressAgrees(a, c) && (numberedAddress(a, c) || atOnePoint(a, c))
}
