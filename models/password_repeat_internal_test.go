package models

import (
	"testing"
	"time"

	"github.com/trustelem/zxcvbn"
)

// TestRepeatsCountOnce: a password that repeats most of itself with a
// short tail or a short middle (parapluie1parapluie1x,
// parapluie1!parapluie2) passed: zxcvbn prices a repeat well only when it
// fills the whole password. Every repeat of four characters or more now
// counts once; passphrases whose words share a few letters still pass.
func TestRepeatsCountOnce(t *testing.T) {
	pc := PasswordContext{Email: "camille.martin@mediatheque-alcazar.fr", DisplayName: "Camille Martin", Structures: []string{"Médiathèque de l'Alcazar"}}
	for _, bad := range []string{"parapluie1parapluie1x", "parapluie1!parapluie2", "maisonbleue-maisonbleue-7", "Tortue!Tortue!Tortue#"} {
		if ValidatePassword(bad, pc) == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	for _, good := range []string{"correct horse battery staple", "tortue orange sous un parapluie", "la maison de la maison bleue ouverte au vent",
		"attention station nation lointaine", "un tout nouveau mot de passe", "un mot de passe assez long"} {
		if err := ValidatePassword(good, pc); err != nil {
			t.Errorf("%q refused: %v", good, err)
		}
	}
	if got := dropRepeats("parapluie1!parapluie2"); got != "parapluie1!2" {
		t.Errorf("dropRepeats: %q", got)
	}
}

// TestFrenchInputsEstimateAsTheWholeList: zxcvbn built its dictionary of
// the 4,515 French passwords on every call; frenchInputs hands it only the
// words a password may contain, each at its rank. The estimates must be
// the whole list's, l33t and reversed words included.
func TestFrenchInputsEstimateAsTheWholeList(t *testing.T) {
	words := contextWords(PasswordContext{Email: "camille.martin@mediatheque-alcazar.fr", Structures: []string{"Médiathèque"}})
	for _, pw := range []string{"jesuisunmotdepasse", "m0td3p4ss3s3cur1s3", "essapedtom2024", "l0ul0u13soleil", "d0ud0u!jetaime77", "Café crème au lait chaud matin",
		"camille2024doudou", "|oulou7chaton", "azerty123soleil", "tortue orange sous un parapluie", "nicolas1987marseille13", "pr1nc3ss3-ch0c0lat"} {
		whole := append(slices_clone(words), frenchPasswords()...)
		short := append(slices_clone(words), frenchInputs(pw)...)
		if a, b := zxcvbn.PasswordStrength(pw, whole).Guesses, zxcvbn.PasswordStrength(pw, short).Guesses; a != b {
			t.Errorf("%q: %g guesses with the whole list, %g with frenchInputs", pw, a, b)
		}
	}
	start := time.Now()
	for range 20 {
		guessesBelow("tortue orange sous un parapluie", words, minGuesses)
	}
	t.Logf("guessesBelow: %v a call", time.Since(start)/20)
	start = time.Now()
	for range 20 {
		zxcvbn.PasswordStrength("tortue orange sous un parapluie", append(slices_clone(words), frenchPasswords()...))
	}
	t.Logf("whole list: %v a call", time.Since(start)/20)
}

func slices_clone(s []string) []string { return append([]string(nil), s...) }
