package handlers

import (
	"errors"
	"net/url"
	"testing"

	"carnet/models"
)

// FuzzListFilters feeds arbitrary query strings to the list filters: they
// must never panic, and every refusal must be a 400 naming its parameters.
func FuzzListFilters(f *testing.F) {
	for _, s := range []string{
		"", "typologies=BIB,CCAS&departement=2A", "themes=aide-aux-demarches-administratives&themes=Accès+internet+et+matériel+informatique",
		"limit=0", "limit=99999999999999999999", "sort=name&cursor=eyJzIjoibmFtZSJ9", "updated_since=2026-01-01T00:00:00%2B01:00",
		"name=%25_%5C", "status=closed&status=active", "remote=TRUE&on_site=0", "x=1", "themes=%ff%fe", "departement=20,2A,976,99",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		for name, parse := range map[string]func(url.Values) error{
			"actors":   func(v url.Values) error { _, err := actorFilterFromQuery(v); return err },
			"services": func(v url.Values) error { _, err := serviceFilterFromQuery(v); return err },
		} {
			err := parse(v)
			if err == nil {
				continue
			}
			var e *models.Error
			if !errors.As(err, &e) || e.Code != models.EBADREQUEST || len(e.Fields) == 0 {
				t.Fatalf("%s: %q gave %v, want a 400 with fields", name, raw, err)
			}
		}
	})
}

// FuzzDecodeBody feeds arbitrary bodies to the strict decoder: a body is
// either accepted or refused with a 400, never a panic or a 500.
func FuzzDecodeBody(f *testing.F) {
	for _, s := range []string{`{}`, `{"name":"x","address":{"postal_code":13002}}`, `{"phones":"x"}`, `[]`, `{"name":"x"} {}`, `{"nom":1}`, `nul`, `{"latitude":1e999}`, "{\"name\":\"\xff\"}"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, dst := range []any{&ActorInput{}, &ServiceInput{}, &LoginRequest{}} {
			err := unmarshalStrict(b, dst)
			if err == nil {
				continue
			}
			var e *models.Error
			if !errors.As(err, &e) || e.Code != models.EBADREQUEST {
				t.Fatalf("%q gave %v, want a 400", b, err)
			}
		}
	})
}
