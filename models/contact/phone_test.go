package contact

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

func TestNormalizePhoneAccepts(t *testing.T) {
	tests := []struct {
		name, in, postal, want string
	}{
		// Metropolitan France, every usual way of writing it.
		{"spaces", "01 23 45 67 89", "75001", "+33123456789"},
		{"dots", "01.23.45.67.89", "75001", "+33123456789"},
		{"dashes", "01-23-45-67-89", "75001", "+33123456789"},
		{"no separators", "0123456789", "75001", "+33123456789"},
		{"no-break spaces", "01\u00a023\u00a045\u202f67\u00a089", "75001", "+33123456789"},
		{"international with spaces", "+33 1 23 45 67 89", "75001", "+33123456789"},
		{"international with (0)", "+33 (0)1 23 45 67 89", "75001", "+33123456789"},
		{"overseas international with (0)", "+590 (0)590 20 12 34", "", "+590590201234"},
		{"international with 0", "+33 01 23 45 67 89", "75001", "+33123456789"},
		{"00 prefix", "0033 1 23 45 67 89", "75001", "+33123456789"},
		{"E.164", "+33123456789", "75001", "+33123456789"},
		{"padded", "  01 23 45 67 89 ", "75001", "+33123456789"},
		{"mobile", "06 12 34 56 78", "13500", "+33612345678"},
		{"free number", "0 800 12 34 56", "16000", "+33800123456"},
		{"no postal code", "05 45 93 22 22", "", "+33545932222"},
		{"real Charente number", "+33545932222", "16100", "+33545932222"},
		{"real PACA number", "+33492314387", "04000", "+33492314387"},
		{"Corsica", "04 95 12 34 56", "20000", "+33495123456"},
		// Overseas, written nationally, with the place's postal code.
		{"Guadeloupe fixed", "0590 20 12 34", "97100", "+590590201234"},
		{"Guadeloupe mobile", "0690 12 34 56", "97110", "+590690123456"},
		{"Martinique fixed", "0596 30 12 34", "97200", "+596596301234"},
		{"Martinique mobile", "0696 20 12 34", "97200", "+596696201234"},
		{"Guyane fixed", "0594 10 12 34", "97300", "+594594101234"},
		{"Guyane mobile", "0694 20 12 34", "97300", "+594694201234"},
		{"Réunion fixed", "0262 16 12 34", "97400", "+262262161234"},
		{"Réunion mobile", "0692 12 34 56", "97400", "+262692123456"},
		{"Mayotte fixed", "0269 60 12 34", "97600", "+262269601234"},
		{"Mayotte mobile", "0639 01 23 45", "97600", "+262639012345"},
		{"Saint-Pierre-et-Miquelon", "41 12 34", "97500", "+508411234"},
		{"Saint-Pierre-et-Miquelon with trunk 0", "043 01 23", "97500", "+508430123"},
		{"Saint-Barthélemy", "0590 27 12 34", "97133", "+590590271234"},
		{"Saint-Martin", "0590 87 12 34", "97150", "+590590871234"},
		{"Wallis-et-Futuna", "72 12 34", "98600", "+681721234"},
		{"Polynésie fixed", "40 41 23 45", "98714", "+68940412345"},
		{"Polynésie mobile", "87 12 34 56", "98714", "+68987123456"},
		{"Nouvelle-Calédonie", "20.12.34", "98800", "+687201234"},
		{"Nouvelle-Calédonie mobile", "75.12.34", "98800", "+687751234"},
		// The French numbering plan is shared: a 0590 number is Guadeloupe
		// wherever the place is, and 01 is Paris even from Réunion.
		{"Guadeloupe number, metropolitan place", "0590 20 12 34", "75001", "+590590201234"},
		{"Réunion number, no postal code", "0692 12 34 56", "", "+262692123456"},
		{"Paris number, Réunion place", "01 23 45 67 89", "97400", "+33123456789"},
		{"Paris number, New Caledonia place", "01 23 45 67 89", "98800", "+33123456789"},
		{"+33 written for Guadeloupe", "+33 590 20 12 34", "97100", "+590590201234"},
		{"+33 written for Réunion", "+33 6 92 12 34 56", "", "+262692123456"},
		{"international overseas from metropolitan place", "+687 20 12 34", "75001", "+687201234"},
		// sec17: libphonenumber's metadata for France (+33) also accepts
		// some national numbers the plan gives to an overseas
		// département (0596 Martinique, 0269 Mayotte, 0263 Réunion):
		// read alone they came out +33 596…, a number that does not
		// ring in Martinique. France Services' list writes them so.
		{"Martinique fixed, metropolitan place", "0596 30 12 34", "75001", "+596596301234"},
		{"Martinique fixed, no postal code", "05 96 52 73 85", "", "+596596527385"},
		{"+33 written for Martinique", "+33 5 96 52 73 85", "97200", "+596596527385"},
		{"+33 written for Martinique, E.164", "+33596527385", "", "+596596527385"},
		{"Mayotte fixed, no postal code", "0269 61 10 10", "", "+262269611010"},
		{"+33 written for Mayotte", "+33 269 61 10 10", "97600", "+262269611010"},
		{"Réunion 0263, no postal code", "0263 01 23 45", "", "+262263012345"},
		// Metropolitan ranges that look like an overseas code stay
		// metropolitan: 06 87 and 06 81 are mobiles of France, not New
		// Caledonia (+687) nor Wallis (+681); 09 and 08 are national.
		{"metropolitan mobile 06 87", "06 87 12 34 56", "", "+33687123456"},
		{"metropolitan mobile 06 81", "06 81 12 34 56", "98600", "+33681123456"},
		// 05 08 is not metropolitan: ARCEP's plan keeps Saint-Pierre-
		// et-Miquelon's six-digit numbers in the ten-digit national
		// form as 05 08 PQ MC DU (+508 PQ MC DU; issue 11 item 4).
		{"Saint-Pierre-et-Miquelon 05 08, its place", "0508 41 10 10", "97500", "+508411010"},
		{"Saint-Pierre-et-Miquelon 05 08, no postal code", "05 08 41 10 10", "", "+508411010"},
		{"Saint-Pierre-et-Miquelon 05 08, metropolitan place", "05.08.55.12.34", "75001", "+508551234"},
		{"+33 written for Saint-Pierre-et-Miquelon", "+33 5 08 41 10 10", "97500", "+508411010"},
		{"Saint-Pierre-et-Miquelon international", "+508 41 10 11", "97500", "+508411011"},
		{"VoIP 09 stays national", "09 72 12 34 56", "", "+33972123456"},
		{"Comoros, listed by the standard", "+269 771 23 45", "97600", "+2697712345"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizePhone(tt.in, tt.postal)
			if err != nil {
				t.Fatalf("NormalizePhone(%q, %q) error: %v", tt.in, tt.postal, err)
			}
			if got != tt.want {
				t.Fatalf("NormalizePhone(%q, %q) = %q, want %q", tt.in, tt.postal, got, tt.want)
			}
			if !ExportPhonePattern.MatchString(got) {
				t.Errorf("%q does not match the standard's telephone pattern", got)
			}
			for _, postal := range []string{tt.postal, "", "75001", "98800"} {
				if again, err := NormalizePhone(got, postal); err != nil || again != got {
					t.Errorf("not a fixed point with postal %q: %q → %q, %v", postal, got, again, err)
				}
			}
		})
	}
}

func TestNormalizePhoneRejects(t *testing.T) {
	tests := []struct {
		name, in, postal, want string // want: a substring of the message
	}{
		{"empty", "", "75001", "the phone number is empty"},
		{"blank", "   ", "75001", "the phone number is empty"},
		{"France Travail short number", "3949", "75001", "is a short number"},
		{"Assurance Maladie short number", "36 46", "16000", "is a short number"},
		{"emergency short number", "115", "13001", "give the place's full number"},
		{"short number overseas", "3949", "97400", "is a short number"},
		{"United Kingdom", "+44 20 7946 0958", "75001", "is a +44 number: the national standard only publishes numbers of France"},
		{"United States via 00", "001 202 555 0123", "75001", "is a +1 number"},
		{"Belgium", "+32 2 123 45 67", "75001", "+32 number"},
		{"eight digits", "01 23 45 67", "75001", "a French number has 10 digits"},
		{"eleven digits", "01 23 45 67 89 0", "75001", "is not a valid phone number"},
		{"unallocated prefix", "08 99 99 99 99 9", "75001", "is not a valid phone number"},
		{"label", "Tél. : 01 23 45 67 89", "75001", "use only digits, spaces, dots or dashes"},
		{"extension", "01 23 45 67 89 poste 12", "75001", "use only digits"},
		{"two numbers", "01 23 45 67 89 / 06 12 34 56 78", "75001", "give one number per field"},
		{"two numbers with semicolon", "0123456789;0612345678", "75001", "one number per field"},
		{"letters", "1-800-FLOWERS", "75001", "use only digits"},
		{"plus inside", "01 23 +33 45", "75001", "use only digits"},
		{"double plus", "++33123456789", "75001", "use only digits"},
		{"New Caledonia number without postal code", "20 12 34", "", "is not a valid phone number"},
		{"invalid New Caledonia number", "10 12 34", "98800", "is not a valid phone number in New Caledonia"},
		{"invalid Wallis number", "90 12 34", "98600", "in Wallis-et-Futuna"},
		{"invalid overseas international", "+590 12 34", "97100", "check the digits after the country code"},
		{"unknown country code", "+999 123 456 789", "75001", "is not a valid phone number"},
		{"very long", strings.Repeat("0", 100), "75001", "too long"},
		{"lone plus", "+", "75001", "is not a phone number"},
		{"05 08 of no Saint-Pierre-et-Miquelon number", "05 08 12 34 56", "", "Saint-Pierre-et-Miquelon"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizePhone(tt.in, tt.postal)
			if err == nil {
				t.Fatalf("NormalizePhone(%q, %q) = %q, want an error", tt.in, tt.postal, got)
			}
			if !errors.Is(err, ErrInvalidPhone) {
				t.Errorf("%v does not wrap ErrInvalidPhone", err)
			}
			if got != "" {
				t.Errorf("returned %q with an error", got)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("message %q does not contain %q", err.Error(), tt.want)
			}
		})
	}
}

func TestPhoneRegionForPostalCode(t *testing.T) {
	for in, want := range map[string]string{
		"75001": "FR", "20000": "FR", "": "FR", "garbage": "FR",
		"97100": "GP", "97200": "MQ", "97300": "GF", "97400": "RE", "97500": "PM",
		"97600": "YT", "97133": "BL", "97150": "MF", "98600": "WF", "98714": "PF", "98800": "NC",
	} {
		if got := PhoneRegionForPostalCode(in); got != want {
			t.Errorf("PhoneRegionForPostalCode(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestOverseasBlocksCoverTheMetadata: every block of the French plan
// (0 and three digits) with numbers libphonenumber reads as valid in an
// overseas region of the plan, geographic or mobile (2, 5, 6, 7), is in
// overseasBlocks, or its numbers would keep +33 when France's metadata
// accepts them too. Sampled: fifty numbers per block.
func TestOverseasBlocksCoverTheMetadata(t *testing.T) {
	for b := 200; b < 800; b++ {
		if b >= 300 && b < 500 {
			continue // 03 and 04 are metropolitan only
		}
		block := fmt.Sprint(b)
		for s := 0; s < 1000000 && !overseasBlocks[block]; s += 19997 {
			n := fmt.Sprintf("0%s%06d", block, s)
			for _, r := range overseasRegions {
				if x, err := phonenumbers.Parse(n, r); err == nil && phonenumbers.IsValidNumber(x) {
					if y, err := phonenumbers.Parse(n, "FR"); err == nil && phonenumbers.IsValidNumber(y) {
						t.Errorf("%s is valid in %s and in FR, and its block %s is not in overseasBlocks", n, r, block)
						s = 1000000
						break
					}
				}
			}
		}
	}
}
