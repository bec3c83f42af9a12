package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"carnet/api/apitest"
	"carnet/models"
)

// TestDuplicateLinkOwedToPrivateContactsDoesNotExist: two places of two
// sources at one address, under names that share nothing, are linked only
// because they carry the same private phone. Hiding same_phone and
// recomputing the score was not enough: the link itself — in the list, on
// its id, and in what exclude_duplicates hides — told an anonymous or
// unprivileged caller that the two places share a private contact. For a
// caller who may not see both actors' contacts such a link does not exist;
// those who may see both see it as before, and so does everyone when the
// contacts are public.
func TestDuplicateLinkOwedToPrivateContactsDoesNotExist(t *testing.T) {
	for _, public := range []bool{false, true} {
		t.Run(fmt.Sprintf("contact_public=%t", public), func(t *testing.T) {
			e := apitest.New(t)
			var ids [2]string
			for i, a := range []models.Actor{
				{Name: "Médiathèque Alcazar", Source: "dup-a", SourceID: "x"},
				{Name: "Cyberbase Joliette", Source: "dup-b", SourceID: "y"},
			} {
				a.Phones, a.ContactPublic = []string{"04 91 00 00 07"}, public
				ids[i] = syncAtBelsunce(t, e, a)
			}
			e.DuplicatesDetected()
			_, managerA := e.Account("manager-a@example.fr", map[string]models.Role{ids[0]: models.RoleManager}, models.Territory{})
			_, managerBoth := e.Account("manager-ab@example.fr", map[string]models.Role{ids[0]: models.RoleManager, ids[1]: models.RoleManager}, models.Territory{})
			_, nobody := e.Account("nobody@example.fr", nil, models.Territory{})

			r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates", Token: e.Admin})
			var page struct{ Data []struct{ ID string } }
			r.JSON(&page)
			if r.Code != 200 || len(page.Data) != 1 {
				t.Fatalf("the administrator sees no link: %d %s", r.Code, r.Body)
			}
			link := page.Data[0].ID

			for _, c := range []struct {
				name  string
				token string
				sees  bool
			}{
				{"anonymous", "", public},
				{"an account without rights", nobody, public},
				{"the manager of one of them", managerA, public},
				{"the manager of both", managerBoth, true},
				{"an administrator", e.Admin, true},
			} {
				t.Run(c.name, func(t *testing.T) {
					for _, path := range []string{"/api/v1/duplicates", "/api/v1/duplicates?actor_id=" + ids[1], "/api/v1/duplicates?status=suggested"} {
						r := e.Do(apitest.Request{Method: "GET", Path: path, Token: c.token})
						var page struct {
							Data []struct{ ID string }
							Meta struct{ Total int }
						}
						r.JSON(&page)
						if r.Code != 200 || (len(page.Data) == 1) != c.sees || (page.Meta.Total == 1) != c.sees {
							t.Errorf("GET %s: %d %s, want the link: %t", path, r.Code, r.Body, c.sees)
						}
					}
					for _, path := range []string{"/api/v1/actors?exclude_duplicates=true&source=dup-b", "/api/v1/actors?source=dup-b"} {
						r := e.Do(apitest.Request{Method: "GET", Path: path, Token: c.token})
						var page struct{ Data []struct{ ID string } }
						r.JSON(&page)
						hidden := len(page.Data) == 0
						if want := c.sees && path != "/api/v1/actors?source=dup-b"; r.Code != 200 || hidden != want {
							t.Errorf("GET %s: %d %s, want the newer place hidden: %t", path, r.Code, r.Body, want)
						}
					}
				})
			}
			if public {
				return
			}
			// Its id answers as an unknown one's, before any right is
			// weighed (403 would say it exists).
			for _, token := range []string{nobody, managerA} {
				for _, verb := range []string{"dismiss", "confirm"} {
					r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + link + "/" + verb, Token: token})
					if r.Code != http.StatusNotFound {
						t.Errorf("%s the link: %d %s, want 404", verb, r.Code, r.Body)
					}
				}
			}
		})
	}
}

// TestDuplicateLinkStoredBeforePublicScores: links stored before their
// public score was kept (migration 85 leaves NULL those whose reasons owe
// something to phones or e-mails) show only to those who may see both
// actors' contacts until detection compares their actors again, which the
// next pass does whatever it was woken for; decided links get their public
// score too, their decision and scores untouched.
func TestDuplicateLinkStoredBeforePublicScores(t *testing.T) {
	e := apitest.New(t)
	sync := func(a models.Actor) string { return syncAtBelsunce(t, e, a) }
	phone := []string{"04 91 00 00 07"}
	sync(models.Actor{Name: "Espace numérique Belsunce", Source: "dup-a", SourceID: "same"})
	sameName := sync(models.Actor{Name: "Espace numérique Belsunce", Source: "dup-b", SourceID: "same"})
	sync(models.Actor{Name: "Médiathèque Alcazar", Source: "dup-a", SourceID: "phone", Phones: phone})
	byPhone := sync(models.Actor{Name: "Cyberbase Joliette", Source: "dup-b", SourceID: "phone", Phones: phone})
	e.DuplicatesDetected()
	linkOf := func(token, actor string) (string, bool) {
		t.Helper()
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/duplicates?actor_id=" + actor, Token: token})
		var page struct{ Data []struct{ ID, Status string } }
		r.JSON(&page)
		if r.Code != 200 || len(page.Data) > 1 {
			t.Fatalf("%d %s", r.Code, r.Body)
		}
		if len(page.Data) == 0 {
			return "", false
		}
		return page.Data[0].ID, true
	}
	hidden := func(token, actor string) bool {
		t.Helper()
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/actors?exclude_duplicates=true&source=dup-b", Token: token})
		var page struct{ Data []struct{ ID string } }
		r.JSON(&page)
		for _, a := range page.Data {
			if a.ID == actor {
				return false
			}
		}
		return true
	}
	phoneLink, ok := linkOf(e.Admin, byPhone)
	if !ok {
		t.Fatal("no link by the shared phone")
	}
	if r := e.Do(apitest.Request{Method: "POST", Path: "/api/v1/duplicates/" + phoneLink + "/confirm", Token: e.Admin}); r.Code != 200 {
		t.Fatalf("confirm: %d %s", r.Code, r.Body)
	}
	db := openRaw(t, e)
	if _, err := db.Exec("UPDATE duplicate_links SET public_score = NULL"); err != nil {
		t.Fatal(err)
	}
	for _, actor := range []string{sameName, byPhone} {
		if _, seen := linkOf("", actor); seen || hidden("", actor) {
			t.Errorf("before a new comparison, a link without public score exists for an anonymous reader")
		}
		if _, seen := linkOf(e.Admin, actor); !seen || !hidden(e.Admin, actor) {
			t.Errorf("before a new comparison, the administrator lost a link")
		}
	}
	sync(models.Actor{Name: "Fablab de la Friche", Source: "dup-c", SourceID: "elsewhere"}) // wakes detection
	e.DuplicatesDetected()
	var pending int
	if err := db.QueryRow("SELECT COUNT(*) FROM duplicate_links WHERE public_score IS NULL").Scan(&pending); err != nil || pending != 0 {
		t.Errorf("links still without public score after a pass: %d %v", pending, err)
	}
	if _, seen := linkOf("", sameName); !seen || !hidden("", sameName) {
		t.Errorf("a link public data make is still hidden from an anonymous reader")
	}
	if _, seen := linkOf("", byPhone); seen || hidden("", byPhone) {
		t.Errorf("a confirmed link owed to a private phone exists for an anonymous reader")
	}
	if id, seen := linkOf(e.Admin, byPhone); !seen || id != phoneLink || !hidden(e.Admin, byPhone) {
		t.Errorf("the confirmed link changed for the administrator")
	}
	var status string
	if err := db.QueryRow("SELECT status FROM duplicate_links WHERE id = ?", phoneLink).Scan(&status); err != nil || status != models.DuplicateConfirmed {
		t.Errorf("the decision changed: %q %v", status, err)
	}
}
