package dedup

// misspeltStreet says whether two address lines are one street of one
// commune at one house number, one word of the street's name misspelt: the
// same words but one, that one of four letters or more on both sides,
// beginning with the same three letters and two letters changed at most
// (« 1 RUE JOLIOT CURIE » and « 1 rue joliot curry »), the street of two words or more so that another word
// agrees. Producers type addresses by hand, and a misspelt word that
// wordsMatch does not read as one typo (two letters changed) made the
// addresses two. It is read so only for places of the same name
// (compareAbove), and never when coordinates on both sides put them more
// than 150 m apart. Two first names (« rue Pierre Curie », « rue Marie
// Curie ») do not begin alike, two names that do are more than two letters
// apart (« Leclerc », « Lecomte »), and a street of one word (« rue Carnot »,
// « rue Carles ») has no other word to agree.
func misspeltStreet(a, c *prepared) bool {
	// The cheap tests first: detection asks this of most candidates of a
	// block (those whose addresses do not agree).
	x, y := a.st.words, c.st.words
	if len(x) != len(y) || len(x) < 2 || a.st.building || c.st.building {
		return false
	}
	if known, same := numbersAgree(a.st.numbers, c.st.numbers); !known || !same {
		return false
	}
	differ := 0
	for i := range x {
		if wordsMatch(x[i], y[i]) {
			continue
		}
		differ++
		if len(x[i]) < 4 || len(y[i]) < 4 || x[i][:3] != y[i][:3] || isDigits(x[i]) || isDigits(y[i]) || !withinTwoEdits(x[i], y[i]) {
			return false
		}
	}
	if differ != 1 {
		return false
	}
	d, hasD := distance(a, c)
	return (!hasD || d <= 150) && sameTown(a, c, d, hasD)
}

// misspeltStreetPlace is the place agreement of two addresses that are one
// street misspelt (misspeltStreet): the street's, as for one street whose
// number one side lacks (placeAgreement's same_street).
const misspeltStreetPlace = sameStreetPlace

// withinTwoEdits reports whether a and b differ by two insertions,
// deletions or substitutions at most (ASCII words; the Levenshtein
// distance, computed on one row).
func withinTwoEdits(a, b string) bool {
	if d := len(a) - len(b); d > 2 || d < -2 {
		return false
	}
	row := make([]int, len(b)+1)
	for j := range row {
		row[j] = j
	}
	for i := 1; i <= len(a); i++ {
		prev := row[0]
		row[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur := min(row[j]+1, row[j-1]+1, prev+cost)
			prev, row[j] = row[j], cur
		}
	}
	return row[len(b)] <= 2
}
