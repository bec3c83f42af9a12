package openinghours

import "time"

// Region selects which set of French public holidays "PH" stands for.
//
// The zero value, France, is the national list. Alsace-Moselle and the
// overseas départements and collectivities where the Code du travail
// applies add their own days (see each constant). Saint-Pierre-et-Miquelon
// has the national list only (L3422-2 gives it no other day). Wallis and
// Futuna, French Polynesia and New Caledonia have their own labour codes
// and calendars (Good Friday, 5 March, 29 June, 24 September…), which are
// not modelled: they are evaluated with the national list, which is also
// theirs for the days it holds. Days that collective agreements or custom
// add (Mayotte's Muslim holidays, carnival in the Antilles, 21 July) are
// not public holidays by law and are not included.
type Region uint8

const (
	// France is the national list of 11 public holidays (Code du travail,
	// article L3133-1): 1 January, Easter Monday, 1 May, 8 May, Ascension
	// Thursday, Whit Monday, 14 July, 15 August, 1 November, 11 November
	// and 25 December.
	France Region = iota
	// AlsaceMoselle adds Good Friday and 26 December, which are public
	// holidays in Bas-Rhin, Haut-Rhin and Moselle (local law, article
	// L3134-13 of the Code du travail).
	AlsaceMoselle

	// The overseas regions add the day commemorating the abolition of
	// slavery, a public holiday by the loi 83-550 of 30 June 1983, on the
	// date the décret 83-1003 of 23 November 1983 (as amended by the
	// décret 2012-553, which added Saint-Barthélemy and Saint-Martin) and
	// article L3422-2 of the Code du travail give each territory.

	Guadeloupe      // 971: 27 May
	Martinique      // 972: 22 May
	Guyane          // 973: 10 June
	Reunion         // 974: 20 December
	Mayotte         // 976: 27 April
	SaintBarthelemy // 977: 9 October
	// SaintMartin (978) has 28 May: L3422-2 still reads 27 May, as in
	// Guadeloupe, but the territorial council moved the day to 28 May
	// (deliberation of 5 November 2015, the date the abolition was
	// proclaimed there), the decree meant to write it down said 28 March
	// by mistake, and since 2018 the interministerial circulars and the
	// prefecture hold 28 May as the public holiday under L3422-2.
	SaintMartin

	regionCount // not a region: the size of abolitionDay
)

// abolitionDay is the month*100+day of each overseas region's abolition
// of slavery holiday; 0 for the others.
var abolitionDay = [regionCount]int{
	Guadeloupe: 527, Martinique: 522, Guyane: 610, Reunion: 1220,
	Mayotte: 427, SaintBarthelemy: 1009, SaintMartin: 528,
}

// RegionOfDepartement returns the Region of a département code as
// ident.DepartementFromINSEE and DepartementFromPostalCode return them
// ("57", "971", "978"): France for metropolitan départements other than
// Bas-Rhin, Haut-Rhin and Moselle, for Saint-Pierre-et-Miquelon and the
// Pacific (see Region), and for anything unknown.
func RegionOfDepartement(dep string) Region {
	switch dep {
	case "57", "67", "68":
		return AlsaceMoselle
	case "971":
		return Guadeloupe
	case "972":
		return Martinique
	case "973":
		return Guyane
	case "974":
		return Reunion
	case "976":
		return Mayotte
	case "977":
		return SaintBarthelemy
	case "978":
		return SaintMartin
	}
	return France
}

// IsPublicHoliday reports whether the calendar date of date, read in
// date's own location, is a French national public holiday. It ignores the
// time of day. See Region for what is and is not included.
func IsPublicHoliday(date time.Time) bool {
	return IsPublicHolidayIn(date, France)
}

// IsPublicHolidayIn is IsPublicHoliday for a given Region. An unknown
// Region value is treated as France.
func IsPublicHolidayIn(date time.Time, r Region) bool {
	y, m, d := date.Date()
	days := daysFromCivil(y, int(m), d)
	return isHoliday(y, int(m), d, days, easterDays(y), r)
}

// isHoliday works on plain integers so that the evaluator can call it
// without building time.Time values. days is the day number of (y, m, d)
// and easter the day number of Easter Sunday of year y, both from
// daysFromCivil; passing them in lets callers reuse them.
func isHoliday(y, m, d, days, easter int, r Region) bool {
	switch m*100 + d {
	case 101, 501, 508, 714, 815, 1101, 1111, 1225:
		return true
	case 1226:
		return r == AlsaceMoselle
	}
	if r < regionCount && abolitionDay[r] == m*100+d {
		return true
	}
	switch days - easter {
	case 1, 39, 50: // Easter Monday, Ascension, Whit Monday
		return true
	case -2: // Good Friday
		return r == AlsaceMoselle
	}
	return false
}

// easterDays returns the day number (see daysFromCivil) of Easter Sunday
// in the Gregorian calendar, computed with the anonymous Gregorian
// algorithm (Meeus/Jones/Butcher). It is pure integer arithmetic, so it
// never allocates and never panics, whatever the year.
func easterDays(year int) int {
	a := mod(year, 19)
	b := floorDiv(year, 100)
	c := mod(year, 100)
	d := b / 4
	e := b % 4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := mod(19*a+b-d-g+15, 30)
	i := c / 4
	k := c % 4
	l := mod(32+2*e+2*i-h-k, 7)
	m := (a + 11*h + 22*l) / 451
	n := h + l - 7*m + 114
	return daysFromCivil(year, n/31, n%31+1)
}

// daysFromCivil returns the number of days from 1970-01-01 to the given
// proleptic Gregorian date (Howard Hinnant's algorithm). Working with day
// numbers makes "the day before", weekday and Easter offsets simple
// integer operations instead of time.Time arithmetic.
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	mp := m - 3
	if m <= 2 {
		mp = m + 9
	}
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int) (y, m, d int) {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	if mp < 10 {
		m = mp + 3
	} else {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// weekdayFromDays returns the weekday of a day number, 0 = Monday
// (1970-01-01 was a Thursday).
func weekdayFromDays(days int) int {
	return mod(days+3, 7)
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func mod(a, b int) int {
	r := a % b
	if r < 0 {
		r += b
	}
	return r
}
