package openinghours

import (
	"strings"
	"testing"
)

// TestFromFrench: hours as producers write them (the phrasings are from
// the real files of Corse, Épernay, La Creuse, Angers, Fibre 64 and
// Hub-lo), and texts that must be refused because they are understood only
// in part, say something OSM hours cannot, or contradict themselves.
func TestFromFrench(t *testing.T) {
	cases := []struct{ in, want string }{
		// Days: ranges, lists, plurals, abbreviations, case.
		{"Du lundi au vendredi de 8h00 à 12h00 et de 14h00 à 17h00", "Mo-Fr 08:00-12:00,14:00-17:00"},
		{"Les mardi et jeudi de 9h30 à 12h00", "Tu,Th 09:30-12:00"},
		{"Les lundis, mercredis et jeudis de 13h00 à 19h00 - Les mardis et vendredis de 13h00 à 16h30", "Mo,We,Th 13:00-19:00; Tu,Fr 13:00-16:30"},
		{"Du lundi au vendredi de 14h00 à 17h00.", "Mo-Fr 14:00-17:00"},
		{"lundi au samedi de 10h à 18h", "Mo-Sa 10:00-18:00"},
		{"DU LUNDI AU VENDREDI de 9h à 12h et de 14h à 17h", "Mo-Fr 09:00-12:00,14:00-17:00"},
		{"Lundi-Vendredi 09:30 - 12:00", "Mo-Fr 09:30-12:00"},
		{"Lundi - jeudi : 9h - 12h / 14h - 17h\nVendredi : 9h - 12h", "Mo-Th 09:00-12:00,14:00-17:00; Fr 09:00-12:00"},
		{"lundi-mardi-jeudi : 9h00 à 12h30 / 14h00 à 17h00 / mercredi 9h00 à 12h30", "Mo,Tu,Th 09:00-12:30,14:00-17:00; We 09:00-12:30"},
		{"mar-mer-jeu-ven 10h-12h 13h30-18h30  et le sam 10h-12h30  14h-17h30", "Tu-Fr 10:00-12:00,13:30-18:30; Sa 10:00-12:30,14:00-17:30"},
		{"lun., mar. et jeu. de 9h à 12h", "Mo,Tu,Th 09:00-12:00"},
		{"Lundi Mardi Vendredi Samedi 9h00 a 12h00\nMercredi Jeudi 9h00 a 12h00 / 13h30 a 16h30", "Mo,Tu,Fr,Sa 09:00-12:00; We,Th 09:00-12:00,13:30-16:30"},
		{"lundi/mardi/jeudi de 9h à 12h", "Mo,Tu,Th 09:00-12:00"},
		{"Tous les vendredis de 9h00 à 12h00", "Fr 09:00-12:00"},
		{"Tous les jours de 10h à 18h", "Mo-Su 10:00-18:00"},
		{"La semaine de 8h30 à 12h00 et de 14h00 à 16h30 et le samedi de 9h15 à 11h30", "Mo-Fr 08:30-12:00,14:00-16:30; Sa 09:15-11:30"},
		// Times: 14h, 14H30, 14:30, 9 h 30, 08.30, bare hours beside h, midi, 9:.
		{"mercredi de 14 à 18h", "We 14:00-18:00"},
		{"Mercredi de 14h à 15H30", "We 14:00-15:30"},
		{"Du Lundi au Jeudi\n9 h 30 – 12 h / 15 h 30 – 18 h\nLe Vendredi\n9 h 30 – 12 h", "Mo-Th 09:30-12:00,15:30-18:00; Fr 09:30-12:00"},
		{"lundi-vendredi 08.30-17:30", "Mo-Fr 08:30-17:30"},
		{"Lundi : 9h-17", "Mo 09:00-17:00"},
		{"Mardi de 9h à midi", "Tu 09:00-12:00"},
		{"lundi 9: à 13:", "Mo 09:00-13:00"},
		{"Mardi 14h/19h", "Tu 14:00-19:00"},
		{"vendredi 14h00  / 18h00", "Fr 14:00-18:00"},
		{"Mardi : 15h à18h30", "Tu 15:00-18:30"},
		{"Jeudi10h - 12h", "Th 10:00-12:00"},
		{"Horaires d’ouverture : du lundi au vendredi de 9h à 12h et de 13h à 17h.", "Mo-Fr 09:00-12:00,13:00-17:00"},
		// Several ranges and groups, hours before days, tabs and lines.
		{"Lundi, Mardi, Mercredi et Vendredi de 9H30 à 10H30 puis 11h à 12H et Vendredi de 14h à 15H", "Mo-We 09:30-10:30,11:00-12:00; Fr 09:30-10:30,11:00-12:00,14:00-15:00"},
		{"lundi 7h-11h45/13h45-15h15\nmardi 7h-16h30", "Mo 07:00-11:45,13:45-15:15; Tu 07:00-16:30"},
		{"Lundi, Mardi, Vendredi :  9h-12h / 14h-17h Mercredi :  9h-12h - 15h30-17h ; Jeudi :  10h30-12h-14h-17h", "Mo,Tu,Fr 09:00-12:00,14:00-17:00; We 09:00-12:00,15:30-17:00; Th 10:30-12:00,14:00-17:00"},
		{"9h-12h et 14h-17h du lundi au vendredi", "Mo-Fr 09:00-12:00,14:00-17:00"},
		{"lundi\t08:30–12:00, 13:30–17:30\nsamedi\tFermé\ndimanche\tFermé", "Mo 08:30-12:00,13:30-17:30"},
		{"jeudi de 14h à 15h30, et 15h30 à 17h", "Th 14:00-15:30,15:30-17:00"},
		{"Lundi-Vendredi 08:30-12:30\nLundi-Vendredi 13:30-17:00", "Mo-Fr 08:30-12:30,13:30-17:00"},
		// Closed days and parts of days.
		{"Lundi : FERME  Mardi : 9h - 12h30 et 13h30 - 17h30", "Tu 09:00-12:30,13:30-17:30"},
		{"Fermée lundi\nMardi 16h - 19h", "Tu 16:00-19:00"},
		{"Du lundi au vendredi de 9h à 17h, fermé le mercredi", "Mo,Tu,Th,Fr 09:00-17:00"},
		{"Du lundi au vendredi de 9h00 à 12h00 et de 14h à 17h, fermé les mardi et jeudi après midi", "Mo,We,Fr 09:00-12:00,14:00-17:00; Tu,Th 09:00-12:00"},
		{"Du lundi au vendredi de 08h30 à 12h00 et de 13h30 à 17h00, sauf le mercredi après-midi", "Mo,Tu,Th,Fr 08:30-12:00,13:30-17:00; We 08:30-12:00"},
		{"mardi matin 9h-10h30", "Tu 09:00-10:30"},
		{"lundi matin : 8h15/12h, mardi, mercredi et jeudi : 9h/12h-13h30/17h", "Mo 08:15-12:00; Tu-Th 09:00-12:00,13:30-17:00"},
		{"le mercredi l'après-midi de 14h à 17h", "We 14:00-17:00"},

		// Refused: understood in part, or not hours OSM can say.
		{"Du lundi au vendredi", ""},                                  // no hours
		{"9h-12h / 14h-17h", ""},                                      // which days?
		{"Du lundi au vendredi sur rendez-vous", ""},                  // appointment only
		{"Le lundi de 9h00 à 12h00 et sur rendez-vous.", ""},          // partly read
		{"Le premier mercredi du mois de 14h00 à 17h00", ""},          // ordinal
		{"1er et 3ème lundi du mois de 14h à 17h", ""},                // ordinal
		{"Un mercredi sur deux de 9h00 à 12h00", ""},                  // every other week
		{"samedi APRÈS-MIDI Tous Les 15 jours de 14H à 16h", ""},      // fortnightly
		{"Les mardis toutes les trois semaines de 14h00 à 17h00", ""}, // every third week
		{"Les mardis d'octobre à juin de 9h00 à 17h00", ""},           // months
		{"Lundi au vendredi, 9h à 12h30 et 13h30 à 17h30 (17h00 pendant les vacances scolaires)", ""},
		{"Hiver : du lundi au vendredi de 8h30 à 12h00", ""},                                // season
		{"Tous les jours sauf le mercredi après-midi.", ""},                                 // no hours
		{"Tous les mercredis après-midis", ""},                                              // part of a day, no time
		{"lundi/mardi/jeudi/vendredi 9h-12h et 14h-20h  // vendredi 9h-12h et 14h-18h", ""}, // Friday twice, overlapping
		{"MARDI-JEUDI ET VENDREDI 9H00-12H00\nMERCREDI ET SAMEDI 9H00-12H00", ""},           // Tue-Thu or Tue, Thu? Wednesday twice
		{"lundi, mardi-jeudi et vendredi de 9h à 12h", ""},                                  // a dashed pair inside a list
		{"Les deuxième et quatrième jeudis du mois de 13h030 à 15h00", ""},                  // 13h030
		{"du lundi au vendredi de h30 à 12h30", ""},                                         // h30
		{"Mardi 16 h 18 h", ""},                                                             // no separator between the times
		{"lundi 10-12", ""},                                                                 // bare numbers only
		{"Mardi matin de 14h à 17h", ""},                                                    // matin beside afternoon hours
		{"Du lundi au vendredi de 9h à 17h, fermé le mercredi après-midi", ""},              // 9h-17h: which part closes?
		{"Horaires d'ouverture : 8h-12h 13h-17h sauf le vendredi 8h-12h 13h-16h30", ""},     // an exception with hours
		{"vendredi au lundi de 9h à 12h", ""},                                               // a range backwards
		{"lundi de 18h à 9h", ""},                                                           // ends before it starts
		{"lundi de 25h à 26h", ""},
		{"Sur RDV : 02.47.74.56.08", ""},
		{"Mo-Fr 09:00-12:00", ""}, // OSM already: not French (Parse reads it)
		{"Ligne Irigo N° 6, 11 - arrêt les Deniers", ""},
		{"", ""},
		{"fermé", ""},
	}
	for _, c := range cases {
		got, ok := FromFrench(c.in)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("FromFrench(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
		if ok {
			if _, err := Parse(got); err != nil {
				t.Errorf("FromFrench(%q) = %q, which does not parse: %v", c.in, got, err)
			}
		}
	}
}

// FuzzFrenchHours: FromFrench never panics, and what it returns always
// parses as opening_hours.
func FuzzFrenchHours(f *testing.F) {
	for _, s := range []string{
		"Du lundi au vendredi de 8h00 à 12h00 et de 14h00 à 17h00",
		"Les lundis, mercredis et jeudis de 13h00 à 19h00 - Les mardis et vendredis de 13h00 à 16h30",
		"lundi\t08:30–12:00, 13:30–17:30\nsamedi\tFermé", "Lundi : FERME  Mardi : 9h - 12h30",
		"fermé les mardi et jeudi après midi", "9h-12h et 14h-17h du lundi au vendredi", "mercredi de 14 à 18h",
		"Du Lundi au Jeudi\n9 h 30 – 12 h / 15 h 30", "lun., mar. et jeu. de 9h à midi", "lundi 9: à 13:",
		"mar-mer-jeu-ven 10h-12h", "Tous les jours de 10h à 18h", "La semaine de 8h30 à 12h00", "1er lundi",
		"lundi 24h", "lundi de 0h à 24h", "lundi 9h99", "lundi 999h",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out, ok := FromFrench(s)
		if !ok {
			if out != "" {
				t.Fatalf("FromFrench(%q) refused but returned %q", s, out)
			}
			return
		}
		if _, err := Parse(out); err != nil {
			t.Fatalf("FromFrench(%q) = %q, which does not parse: %v", s, out, err)
		}
		if strings.ContainsAny(out, "\"\n") {
			t.Fatalf("FromFrench(%q) = %q: a comment or a line break", s, out)
		}
	})
}
