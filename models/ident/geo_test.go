package ident

import (
	"regexp"
	"testing"
	"time"
	_ "time/tzdata" // zones must load even where the system has no tzdata
)

func TestValidPostalCode(t *testing.T) {
	for in, want := range map[string]bool{
		"75001":  true,
		"13500":  true,
		"06600":  true,  // leading zero kept
		"20000":  true,  // Ajaccio
		"97133":  true,  // Saint-Barthélemy
		"98800":  true,  // Nouméa
		"00100":  false, // no 00xxx codes
		"00000":  false,
		"7500":   false,
		"750011": false,
		"7500A":  false,
		" 75001": false,
		"75 001": false,
		"":       false,
		"٧٥٠٠١":  false, // Arabic-Indic digits are not ASCII digits
	} {
		if got := ValidPostalCode(in); got != want {
			t.Errorf("ValidPostalCode(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestValidINSEE(t *testing.T) {
	schema := regexp.MustCompile(`^([013-9]\d|2[AB1-9])\d{3}$`)
	for in, want := range map[string]bool{
		"51454":  true,
		"13056":  true,
		"2A004":  true, // Ajaccio
		"2B033":  true, // Bastia
		"21231":  true,
		"97101":  true,
		"98818":  true,
		"00001":  true, // the schema's pattern allows it; DepartementFromINSEE does not
		"20004":  false,
		"2a004":  false,
		"2C004":  false,
		"2A00":   false,
		"2A0040": false,
		"A1234":  false,
		"1345A":  false,
		"":       false,
	} {
		if got := ValidINSEE(in); got != want {
			t.Errorf("ValidINSEE(%q) = %v, want %v", in, got, want)
		}
		if got := schema.MatchString(in); got != want {
			t.Errorf("test table disagrees with the schema pattern on %q", in)
		}
	}
}

func TestDepartementFromINSEE(t *testing.T) {
	for in, want := range map[string]string{
		"13056": "13",
		"06004": "06",
		"16015": "16",
		"2A004": "2A",
		"2B033": "2B",
		"97101": "971", // Guadeloupe
		"97209": "972", // Martinique
		"97302": "973", // Guyane
		"97411": "974", // La Réunion
		"97502": "975", // Saint-Pierre-et-Miquelon
		"97611": "976", // Mayotte
		"97701": "977", // Saint-Barthélemy
		"97801": "978", // Saint-Martin
		"98611": "986", // Wallis-et-Futuna
		"98735": "987", // Polynésie française
		"98818": "988", // Nouvelle-Calédonie
		"99138": "",    // abroad (Monaco)
		"96001": "",
		"00001": "",
		"97901": "",
		"98415": "", // TAAF
		"20004": "",
		"2a004": "",
		"":      "",
	} {
		if got := DepartementFromINSEE(in); got != want {
			t.Errorf("DepartementFromINSEE(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDepartementFromPostalCode(t *testing.T) {
	for in, want := range map[string]string{
		"75001": "75",
		"06600": "06",
		"13500": "13",
		"16000": "16",
		"20000": "2A", // Ajaccio
		"20100": "2A", // Sartène
		"20137": "2A", // Porto-Vecchio
		"20167": "2A",
		"20200": "2B", // Bastia
		"20290": "2B", // Borgo
		"20600": "2B", // Furiani
		"20620": "2B", // Biguglia
		"20700": "",
		"97100": "971",
		"97200": "972",
		"97300": "973",
		"97400": "974",
		"97500": "975",
		"97600": "976",
		"97133": "977", // Saint-Barthélemy keeps a Guadeloupe postal code
		"97150": "978", // Saint-Martin too
		"97700": "",
		"97800": "",
		"98600": "986",
		"98714": "987", // Papeete
		"98800": "988", // Nouméa
		"98000": "",    // Monaco
		"96000": "",
		"99000": "",
		"00100": "",
		"7500":  "",
	} {
		if got := DepartementFromPostalCode(in); got != want {
			t.Errorf("DepartementFromPostalCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTimeZoneForDepartement(t *testing.T) {
	for in, want := range map[string]string{
		"75":  "Europe/Paris",
		"01":  "Europe/Paris",
		"95":  "Europe/Paris",
		"2A":  "Europe/Paris",
		"2B":  "Europe/Paris",
		"971": "America/Guadeloupe",
		"972": "America/Martinique",
		"973": "America/Cayenne",
		"974": "Indian/Reunion",
		"975": "America/Miquelon",
		"976": "Indian/Mayotte",
		"977": "America/St_Barthelemy",
		"978": "America/Marigot",
		"986": "Pacific/Wallis",
		"987": "Pacific/Tahiti",
		"988": "Pacific/Noumea",
		"20":  "",
		"00":  "",
		"96":  "",
		"97":  "",
		"979": "",
		"2a":  "",
		"":    "",
	} {
		got := TimeZoneForDepartement(in)
		if got != want {
			t.Errorf("TimeZoneForDepartement(%q) = %q, want %q", in, got, want)
		}
		if got != "" {
			if _, err := time.LoadLocation(got); err != nil {
				t.Errorf("zone %q does not load: %v", got, err)
			}
		}
	}
}

// Every département a valid code can map to must have a time zone, or some
// place's opening hours could not be evaluated.
func TestEveryDepartementHasATimeZone(t *testing.T) {
	digits := "0123456789"
	for _, a := range digits {
		for _, b := range digits + "AB" {
			for _, c := range digits {
				code := string(a) + string(b) + string(c) + "00"
				if dep := DepartementFromINSEE(code); dep != "" && TimeZoneForDepartement(dep) == "" {
					t.Errorf("INSEE %s → département %q has no time zone", code, dep)
				}
				if dep := DepartementFromPostalCode(code); dep != "" && TimeZoneForDepartement(dep) == "" {
					t.Errorf("postal code %s → département %q has no time zone", code, dep)
				}
			}
		}
	}
}

func TestValidDepartement(t *testing.T) {
	for _, ok := range []string{"01", "13", "2A", "2B", "95", "971", "976", "977", "978", "984", "986", "988", "989"} {
		if !ValidDepartement(ok) {
			t.Errorf("%q refused", ok)
		}
	}
	for _, bad := range []string{"", "0", "00", "20", "96", "99", "2C", "970", "979", "985", "990", "13 ", "1A", "9710"} {
		if ValidDepartement(bad) {
			t.Errorf("%q accepted", bad)
		}
	}
}
