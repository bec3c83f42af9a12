package dedup

// communeNamedAlone says whether q's name is its commune's name and
// nothing else (« BRIENNE LE CHATEAU » in Brienne-le-Château, Aidants
// Connect's record of the commune): such a name names the commune itself,
// as « Commune de » or « Mairie de » does, and reads as « Mairie de »
// (mairieKey first). A name with any other word (« Médiathèque de
// Brienne ») is not read so.
func communeNamedAlone(q *prepared) bool {
	if q.town == "" || len(q.name) == 0 {
		return false
	}
	for _, w := range q.name {
		if !q.commune[w] {
			return false
		}
	}
	return true
}
