package models

import (
	"slices"
	"testing"

	"carnet/models/dedup"
)

// TestWithoutContactsHidesEveryContactReason: a reason drawn from phones
// or e-mails that are not public must not reach a reader who may not see
// them, whatever its code. « france_services_contacts » (a France Services
// with no name of its own and a place of its commune sharing their own
// phone and e-mail) came after the list WithoutContacts strips, and was
// shown to every reader of a link the public data alone made: it told
// that the two places share a private phone and e-mail. The pair here is
// linked by its public SIRET; its phone and e-mail are private.
func TestWithoutContactsHidesEveryContactReason(t *testing.T) {
	at := func(name, street string, lat, lon float64) *Actor {
		a := &Actor{Name: name, Source: "x", Pivot: "21340157300019", PivotKind: "siret",
			Latitude: &lat, Longitude: &lon, Phones: []string{"04 67 43 80 00"}, Emails: []string{"accueil@meze.fr"}}
		a.Address.Street, a.Address.PostalCode, a.Address.Commune, a.Address.InseeCode = street, "34140", "Mèze", "34157"
		return a
	}
	a := at("Mairie de Mèze", "Place Aristide Briand", 43.4268, 3.6052)
	b := at("France services Mèze", "Rue Edouard et Juliette Massal", 43.4256, 3.6006)
	b.Source = "y"
	// « initials_domain » (a place writing from the initials of the
	// other's name, « msap@cscl-chatillonnais.fr » for the Centre Socio
	// Culturel et de Loisirs) came after too: the domain may be a private
	// e-mail's.
	in := func(name, street, email string) *Actor {
		lat, lon := 47.850467, 4.575485
		a := &Actor{Name: name, Source: "x", Latitude: &lat, Longitude: &lon}
		if email != "" {
			a.Emails = []string{email}
		}
		a.Address.Street, a.Address.PostalCode, a.Address.Commune, a.Address.InseeCode = street, "21400", "Châtillon-sur-Seine", "21154"
		return a
	}
	c := in("Centre Socio Culturel et de Loisirs", "11 Rue Albert Camus", "")
	d := in("MSAP Pays Châtillonnais", "11 rue Albert Camus", "msap@cscl-chatillonnais.fr")
	d.Source = "y"
	// « own_contacts » (any two places 50 m apart giving one phone and one
	// e-mail no other place gives) raises the name score as
	// « france_services_contacts » does.
	own := func(name string, lat float64) *Actor {
		lon := 4.8557
		a := &Actor{Name: name, Source: "x", Latitude: &lat, Longitude: &lon, Phones: []string{"04 78 12 34 56"}, Emails: []string{"contact@lelavoir-asso.fr"}}
		a.Address.PostalCode, a.Address.Commune, a.Address.InseeCode = "69100", "Villeurbanne", "69266"
		return a
	}
	e := own("Centre social Le Lavoir", 45.7700)
	f := own("Association des habitants du quartier Saint-Jean", 45.7703)
	f.Source = "y"
	// « mail_domain » (two places writing from one organisation's own
	// domain, « communication@milcem.com » and « m.phedre@milcem.com ») is
	// drawn from e-mails.
	g := in("Mission locale du centre de la Martinique", "11 Rue Albert Camus", "m.phedre@milcem.com")
	h := in("Mission locale Centre", "11 rue Albert Camus", "communication@milcem.com")
	h.Source = "y"
	// « named_contact » (a record writing from a mailbox spelling the
	// other's name at its address, atelier.numerique@cognin.fr for
	// « Atelier Numérique - Cognin ») raises the name score from an
	// e-mail.
	cognin := func(name, email string) *Actor {
		lat, lon := 45.561245, 5.89687
		a := &Actor{Name: name, Source: "x", Latitude: &lat, Longitude: &lon}
		if email != "" {
			a.Emails = []string{email}
		}
		a.Address.Street, a.Address.PostalCode, a.Address.Commune, a.Address.InseeCode = "Centre Commercial de l'Épine", "73160", "Cognin", "73087"
		return a
	}
	i := cognin("Atelier Numérique - Cognin", "")
	j := cognin("Médiathèque de Cognin", "atelier.numerique@cognin.fr")
	j.Source = "y"
	for _, pair := range []struct {
		a, b *Actor
		code string
	}{{a, b, "france_services_contacts"}, {c, d, "initials_domain"}, {e, f, "own_contacts"}, {g, h, "mail_domain"}, {i, j, "named_contact"}} {
		full := dedup.Compare(placeOf(pair.a), placeOf(pair.b))
		if !slices.ContainsFunc(full.Reasons, func(r dedup.Reason) bool { return r.Code == pair.code }) {
			t.Fatalf("the pair should give %s: %+v", pair.code, full.Reasons)
		}
		public := dedup.Compare(publicPlaceOf(pair.a), publicPlaceOf(pair.b))
		allowed := map[string]bool{}
		for _, r := range public.Reasons {
			allowed[r.Code] = true
		}
		l := &DuplicateLink{ActorA: pair.a, ActorB: pair.b, Reasons: full.Reasons, Score: full.Score, NameScore: full.Name}
		for _, link := range []*DuplicateLink{l, {Reasons: full.Reasons, Score: full.Score, NameScore: full.Name}} {
			shown := link.WithoutContacts()
			for _, r := range shown.Reasons {
				if !allowed[r.Code] {
					t.Errorf("a reader who may not see contacts reads %q (%s), which the public data do not give (actors loaded: %v)", r.Code, r.Label, link.ActorA != nil)
				}
			}
			// A reason drawn from private contacts that raised the name
			// score must not leave it raised: the score says it too.
			if shown.NameScore > public.Name {
				t.Errorf("%s: a reader who may not see contacts reads name_score %.3f, the public data give %.3f (actors loaded: %v)", pair.code, shown.NameScore, public.Name, link.ActorA != nil)
			}
		}
	}
}
