package openinghours

import (
	"testing"
	"time"
)

func TestIsPublicHoliday2026(t *testing.T) {
	want := map[string]bool{
		"2026-01-01": true, "2026-04-06": true, "2026-05-01": true, "2026-05-08": true,
		"2026-05-14": true, "2026-05-25": true, "2026-07-14": true, "2026-08-15": true,
		"2026-11-01": true, "2026-11-11": true, "2026-12-25": true,
	}
	got := 0
	for d := time.Date(2026, 1, 1, 12, 0, 0, 0, paris); d.Year() == 2026; d = d.AddDate(0, 0, 1) {
		key := d.Format("2006-01-02")
		if IsPublicHoliday(d) != want[key] {
			t.Errorf("IsPublicHoliday(%s) = %v", key, !want[key])
		}
		if IsPublicHoliday(d) {
			got++
		}
	}
	if got != 11 {
		t.Errorf("%d holidays in 2026, want 11", got)
	}
}

func TestIsPublicHolidayIgnoresTimeOfDay(t *testing.T) {
	for _, s := range []string{"2026-07-14 00:00", "2026-07-14 23:59:59"} {
		if !IsPublicHoliday(mustTime(t, s)) {
			t.Errorf("%s is 14 July", s)
		}
	}
	if IsPublicHoliday(mustTime(t, "2026-07-13 23:59:59")) {
		t.Error("13 July is not a holiday")
	}
}

func TestAlsaceMoselle(t *testing.T) {
	for _, s := range []string{"2026-04-03", "2026-12-26", "2025-04-18", "2027-03-26"} {
		d, _ := time.ParseInLocation("2006-01-02", s, paris)
		if IsPublicHoliday(d) {
			t.Errorf("%s is not a national holiday", s)
		}
		if !IsPublicHolidayIn(d, AlsaceMoselle) {
			t.Errorf("%s is a holiday in Alsace-Moselle", s)
		}
	}
	if !IsPublicHolidayIn(mustTime(t, "2026-07-14 10:00"), AlsaceMoselle) {
		t.Error("national holidays apply in Alsace-Moselle too")
	}
}

func TestEaster(t *testing.T) {
	for _, e := range []struct{ y, m, d int }{
		{1818, 3, 22}, {1886, 4, 25}, {1943, 4, 25}, {2000, 4, 23}, {2008, 3, 23},
		{2011, 4, 24}, {2024, 3, 31}, {2025, 4, 20}, {2026, 4, 5}, {2027, 3, 28},
		{2038, 4, 25}, {2285, 3, 22},
	} {
		y, m, d := civilFromDays(easterDays(e.y))
		if y != e.y || m != e.m || d != e.d {
			t.Errorf("Easter %d = %d-%02d-%02d, want %d-%02d-%02d", e.y, y, m, d, e.y, e.m, e.d)
		}
	}
	// Ascension can fall on 1 May (2008): still a holiday, no panic.
	if !IsPublicHoliday(time.Date(2008, 5, 1, 0, 0, 0, 0, time.UTC)) ||
		!IsPublicHoliday(time.Date(2008, 5, 12, 0, 0, 0, 0, time.UTC)) {
		t.Error("2008: 1 May (Ascension) and 12 May (Whit Monday)")
	}
	for _, y := range []int{-5000, -1, 0, 1, 99999} { // must not panic
		_ = easterDays(y)
	}
}

func TestCivilDays(t *testing.T) {
	for d := time.Date(1600, 1, 1, 0, 0, 0, 0, time.UTC); d.Year() < 2500; d = d.AddDate(0, 0, 13) {
		n := daysFromCivil(d.Year(), int(d.Month()), d.Day())
		if want := int(d.Unix() / 86400); n != want {
			t.Fatalf("daysFromCivil(%s) = %d, want %d", d.Format("2006-01-02"), n, want)
		}
		if y, m, dd := civilFromDays(n); y != d.Year() || m != int(d.Month()) || dd != d.Day() {
			t.Fatalf("civilFromDays(%d) = %d-%d-%d, want %s", n, y, m, dd, d.Format("2006-01-02"))
		}
		if wd := weekdayFromDays(n); wd != mondayIndex(d.Weekday()) {
			t.Fatalf("weekday of %s = %d", d.Format("2006-01-02"), wd)
		}
	}
}

// The abolition of slavery is a public holiday overseas (loi 83-550 of 30
// June 1983, décret 83-1003 of 23 November 1983 as amended, Code du
// travail L3422-2); each territory has its own date. Saint-Martin keeps
// 28 May, the date its prefecture has applied since 2018 (see Region).
func TestOverseasHolidays(t *testing.T) {
	days := map[Region]string{
		Guadeloupe: "05-27", Martinique: "05-22", Guyane: "06-10", Reunion: "12-20",
		Mayotte: "04-27", SaintBarthelemy: "10-09", SaintMartin: "05-28",
	}
	for r, md := range days {
		for _, y := range []string{"2026", "2027"} { // not 2031: Ascension is 22 May
			d, _ := time.ParseInLocation("2006-01-02", y+"-"+md, time.UTC)
			if !IsPublicHolidayIn(d, r) {
				t.Errorf("%s-%s is a holiday in region %d", y, md, r)
			}
			if IsPublicHoliday(d) || IsPublicHolidayIn(d, AlsaceMoselle) {
				t.Errorf("%s-%s is no national holiday", y, md)
			}
			for other, omd := range days {
				if omd != md && IsPublicHolidayIn(d, other) {
					t.Errorf("%s-%s is no holiday in region %d", y, md, other)
				}
			}
		}
		// The national holidays hold overseas too; Alsace-Moselle's do not.
		if !IsPublicHolidayIn(mustTime(t, "2026-07-14 10:00"), r) || IsPublicHolidayIn(mustTime(t, "2026-12-26 10:00"), r) ||
			IsPublicHolidayIn(mustTime(t, "2026-04-03 10:00"), r) {
			t.Errorf("region %d: national list plus its own day only", r)
		}
	}
}

func TestRegionOfDepartement(t *testing.T) {
	for dep, want := range map[string]Region{
		"971": Guadeloupe, "972": Martinique, "973": Guyane, "974": Reunion, "976": Mayotte,
		"977": SaintBarthelemy, "978": SaintMartin, "57": AlsaceMoselle, "67": AlsaceMoselle, "68": AlsaceMoselle,
		"75": France, "2A": France, "975": France, "986": France, "987": France, "988": France, "": France, "97": France,
	} {
		if got := RegionOfDepartement(dep); got != want {
			t.Errorf("RegionOfDepartement(%q) = %d, want %d", dep, got, want)
		}
	}
}
