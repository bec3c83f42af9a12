package handlers

import (
	"encoding/json"
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
			"actors":   func(v url.Values) error { _, err := actorFilterFromQuery(newQueryParser(v)); return err },
			"services": func(v url.Values) error { _, err := serviceFilterFromQuery(newQueryParser(v)); return err },
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

// FuzzPatchNulls feeds arbitrary bodies to the null rule of merge patches:
// never a panic; a body it changes is still a JSON object, the clearable
// nulls now "", and a refusal is a 400 naming the fields.
func FuzzPatchNulls(f *testing.F) {
	for _, s := range []string{`{"job_title": null}`, `{"a": null, "job_title": null}`, `[null]`, `null`, `{"job_title": "x"}`, `{"job_title":null,"job_title":1}`, `{`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		out, err := patchNulls([]byte(body), []string{"job_title"})
		if err != nil {
			var e *models.Error
			if !errors.As(err, &e) || e.Code != models.EBADREQUEST || len(e.Fields) == 0 {
				t.Fatalf("%q gave %v, want a 400 with fields", body, err)
			}
			return
		}
		if string(out) == body {
			return
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(out, &m); err != nil {
			t.Fatalf("%q became %q, not an object: %v", body, out, err)
		}
		if v, ok := m["job_title"]; ok && string(v) == "null" {
			t.Fatalf("%q kept a null job_title: %q", body, out)
		}
	})
}

// FuzzValuePathAt: the path of a value at any offset of any body, as a
// type error names it, never panics, and names a value only where the
// body is JSON up to it.
func FuzzValuePathAt(f *testing.F) {
	for _, s := range []string{`{"actors":[{"name":5}]}`, `{"a":{"b":[1,[2,{"c":true}]]}}`, `[]`, `{"x":`, `}`, `{"k":"v"}}`, `"s"`} {
		f.Add(s, int64(len(s)/2))
	}
	f.Fuzz(func(t *testing.T, body string, offset int64) {
		p := valuePathAt([]byte(body), offset)
		if p != "" && offset <= 0 {
			t.Errorf("%q at %d: %q before the body starts", body, offset, p)
		}
	})
}
