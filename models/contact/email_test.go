package contact

import (
	"errors"
	"strings"
	"testing"
)

func TestNormalizeEmailAccepts(t *testing.T) {
	tests := []struct{ in, want string }{
		{"contact@laquincaillerie.tl", "contact@laquincaillerie.tl"},
		{"  mairie@peyruis.fr\t", "mairie@peyruis.fr"},
		{"mfs-digne@alpesvaucluse.msa.fr", "mfs-digne@alpesvaucluse.msa.fr"},
		// Real value from the PACA dataset: the domain is folded, the local
		// part kept.
		{"MPT.LESCAILLOLS@SYNERGIEFAMILY.COM", "MPT.LESCAILLOLS@synergiefamily.com"},
		{"Franceservices.hautsdemazargues@dso.ifac.asso.fr", "Franceservices.hautsdemazargues@dso.ifac.asso.fr"},
		{"prenom.nom+tag@example.fr", "prenom.nom+tag@example.fr"},
		{"o'brien@example.ie", "o'brien@example.ie"},
		{"mailto:contact@example.fr", "contact@example.fr"},
		{"MAILTO:contact@Example.FR", "contact@example.fr"},
		{"a@b.co", "a@b.co"},
		{"contact@xn--mairie-vry-b7a.fr", "contact@xn--mairie-vry-b7a.fr"},
		{"accueil@sous-domaine.ville-12.fr", "accueil@sous-domaine.ville-12.fr"},
	}
	for _, tt := range tests {
		got, err := NormalizeEmail(tt.in)
		if err != nil {
			t.Errorf("NormalizeEmail(%q) error: %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("NormalizeEmail(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if again, err := NormalizeEmail(got); err != nil || again != got {
			t.Errorf("not a fixed point: %q → %q, %v", got, again, err)
		}
	}
}

func TestNormalizeEmailRejects(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", "the e-mail address is empty"},
		{"mailto only", "mailto:", "the e-mail address is empty"},
		{"display name", "Mairie <mairie@peyruis.fr>", "without a name, quotes or comments"},
		{"angle brackets", "<mairie@peyruis.fr>", "give the bare address"},
		{"quoted local part", `"jean dupont"@example.fr`, "without a name, quotes or comments"},
		{"comment", "mairie@peyruis.fr (accueil)", "without a name, quotes or comments"},
		{"two addresses, comma", "a@example.fr, b@example.fr", "one e-mail address per field"},
		{"two addresses, semicolon", "a@example.fr;b@example.fr", "one e-mail address per field"},
		{"two addresses, pipe", "a@example.fr|b@example.fr", "one e-mail address per field"},
		{"space inside", "jean dupont@example.fr", "one e-mail address per field"},
		{"no at", "mairie.peyruis.fr", "it has no @"},
		{"nothing before at", "@example.fr", "nothing before the @"},
		{"no dot in domain", "admin@localhost", "has no dot"},
		{"IP domain", "admin@10.0.0.1", "top-level domain"},
		{"domain literal", "admin@[10.0.0.1]", "may only contain letters"},
		{"double dot in domain", "a@example..fr", "empty part"},
		{"trailing dot", "a@example.fr.", "empty part"},
		{"leading dash label", "a@-example.fr", "starts or ends with a dash"},
		{"one-letter TLD", "a@example.f", "top-level domain"},
		{"comma typo", "contact@gmail,com", "one e-mail address per field"},
		{"underscore in domain", "a@my_site.fr", "may only contain letters"},
		{"double dot in local part", "jean..dupont@example.fr", "is not a valid e-mail address"},
		{"dot at local start", ".jean@example.fr", "is not a valid e-mail address"},
		{"accented local part", "sévérac@example.fr", "accented or non-Latin"},
		{"accented domain", "contact@mairie-évry.fr", "xn-- form"},
		{"control character", "a\x00b@example.fr", "control characters"},
		{"invalid UTF-8", "a\xffb@example.fr", "not valid text"},
		{"local part too long", strings.Repeat("a", 65) + "@example.fr", "longer than 64"},
		{"too long", strings.Repeat("a", 60) + "@" + strings.Repeat("b", 200) + ".fr", "254 characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizeEmail(tt.in)
			if err == nil {
				t.Fatalf("NormalizeEmail(%q) = %q, want an error", tt.in, got)
			}
			if !errors.Is(err, ErrInvalidEmail) {
				t.Errorf("%v does not wrap ErrInvalidEmail", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("message %q does not contain %q", err.Error(), tt.want)
			}
		})
	}
}

// TestNormalizeEmailCopiesOnlyToLowerCase (issue 11, item 6): an address
// whose domain is already lower-case comes back without a copy, one with
// capitals in its domain lower-cased as before.
func TestNormalizeEmailCopiesOnlyToLowerCase(t *testing.T) {
	for in, want := range map[string]string{
		"contact@exemple.fr":            "contact@exemple.fr",
		" Jean.Dupont@exemple.fr ":      "Jean.Dupont@exemple.fr",
		"mailto:contact@exemple.fr":     "contact@exemple.fr",
		"contact@Exemple.FR":            "contact@exemple.fr",
		"Jean.Dupont@MAIRIE.exemple.fr": "Jean.Dupont@mairie.exemple.fr",
	} {
		if got, err := NormalizeEmail(in); err != nil || got != want {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if n := testing.AllocsPerRun(100, func() { _, _ = NormalizeEmail("contact@exemple.fr") }); n != 0 {
		t.Errorf("a lower-case address took %v allocations, want none", n)
	}
}
