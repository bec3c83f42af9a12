package notify_test

import (
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/notify"
)

// TestProbe36L1NamesCarryNoLinks: a structure renamed "… confirmez votre
// compte sur https://carnet-connexion.evil.test/login" and a service named
// with a link were quoted verbatim in Carnet's e-mails, where mail readers
// make them clickable. Names are quoted defanged: no scheme, no host name a
// reader links; the links of the message stay on the app's base. Real
// names with initials and acronyms (C.C.A.S, A.Camus) are left as they are.
func TestProbe36L1NamesCarryNoLinks(t *testing.T) {
	l := links(t)
	evil := "Médiathèque A. Action requise : confirmez votre compte sur https://carnet-connexion.evil.test/login ou www.evil.test"
	svc := `+Aide <a href="http://evil.test">cliquez ici</a> evil.test/login`
	for _, c := range []struct {
		kind   string
		params map[string]string
	}{
		{models.NotifyInvitation, map[string]string{"actor_name": evil, "role": "member", "token": "inv_x", "expires_at": "2026-12-01T13:05:00Z"}},
		{models.NotifyReferralReceived, map[string]string{"referral_id": "r1", "from_actor_name": evil, "service_name": svc, "to_actor_name": "C.C.A.S"}},
	} {
		got, err := notify.Render(c.kind, c.params, l)
		if err != nil {
			t.Fatal(err)
		}
		for _, part := range []string{got.Subject, got.Text} {
			for _, bad := range []string{"https://carnet", "http://evil", "evil.test", "www.evil"} {
				if strings.Contains(part, bad) {
					t.Errorf("%s: %q carries %q", c.kind, part, bad)
				}
			}
			if strings.Count(part, "://") != strings.Count(part, "https://app.carnet.example.fr/base/") {
				t.Errorf("%s: a link off the app's base in %q", c.kind, part)
			}
		}
		if !strings.Contains(got.Text, "evil[.]test") {
			t.Errorf("%s: the name is no longer readable: %q", c.kind, got.Text)
		}
	}
	got, _ := notify.Render(models.NotifyReferralReceived, map[string]string{"referral_id": "r1", "from_actor_name": "Maison Pour Tous A.Camus",
		"service_name": "Aide", "to_actor_name": "C.C.A.S"}, l)
	if !strings.Contains(got.Text, "A.Camus") || !strings.Contains(got.Text, "C.C.A.S") {
		t.Errorf("initials and acronyms were changed: %q", got.Text)
	}
}

// TestDefangLookAlikes: names written with characters a browser or a mail
// reader reads as a link's — full-width and ideographic dots (which IDNA
// maps to « . »), a full-width colon and slash, invisible characters
// inside a host name, a bare IPv4 or IPv6 address, a link scheme without
// « // » — were quoted as written (verify36 N6). Names are folded with
// NFKC, then defanged.
func TestDefangLookAlikes(t *testing.T) {
	l := links(t)
	for name, bad := range map[string][]string{
		"https：//evil．test/x":        {"evil.test", "s://evil", "evil．test"},
		"evil。test/login":            {"evil.test", "evil。test"},
		"evil｡test":                  {"evil.test", "evil｡test"},
		"evil\u200b.test":            {"evil.test", "\u200b"},
		"Mairie 192.168.1.5/login":   {"192.168.1.5"},
		"Mairie [2001:db8::1]/login": {"2001:db8::1"},
		"Mairie 2001:db8::7":         {"2001:db8::7"},
		"javascript:alert(1)":        {"javascript:"},
		"Aide mailto:x@evil.test":    {"mailto:", "evil.test"},
		"ｈｔｔｐｓ：／／ｅｖｉｌ．ｔｅｓｔ": {"evil.test", "s://evil"},
	} {
		got, err := notify.Render(models.NotifyReferralReceived, map[string]string{"referral_id": "r1", "from_actor_name": name,
			"service_name": "Aide", "to_actor_name": "C.C.A.S"}, l)
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bad {
			if strings.Contains(got.Text, b) || strings.Contains(got.Subject, b) {
				t.Errorf("%q: the e-mail carries %q: %q", name, b, got.Text)
			}
		}
	}
	got, _ := notify.Render(models.NotifyReferralReceived, map[string]string{"referral_id": "r1", "from_actor_name": "Ouvert 09:00-12:00, v1.2",
		"service_name": "Aide", "to_actor_name": "C.C.A.S"}, l)
	if !strings.Contains(got.Text, "09:00-12:00, v1.2") {
		t.Errorf("hours and versions were changed: %q", got.Text)
	}
}
