// Command workflow drives a running Carnet with the Go client that
// oapi-codegen generates from openapi.yaml (carnet.gen.go, written by
// .ci/contract/run.sh and never committed): what an integrator writing Go
// would do. It fails at the first step where the client and the server
// disagree.
//
//	go run . -base http://127.0.0.1:8080 -email admin@example.fr -password '…'
package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"
)

func main() {
	base := flag.String("base", "http://127.0.0.1:8080", "the Carnet to drive")
	email := flag.String("email", "", "a platform administrator's e-mail")
	password := flag.String("password", os.Getenv("CARNET_CONTRACT_PASSWORD"), "their password")
	run := flag.String("run", "go", "a word that makes this run's records unique")
	flag.Parse()
	start := time.Now()
	if err := workflow(context.Background(), *base, *email, *password, *run); err != nil {
		fmt.Fprintln(os.Stderr, "go client: FAIL:", err)
		os.Exit(1)
	}
	fmt.Printf("go client: workflow passed in %s\n", time.Since(start).Round(time.Millisecond))
}

func step(name string, format string, args ...any) {
	fmt.Printf("go client: %-28s %s\n", name, fmt.Sprintf(format, args...))
}

// expect fails unless the answer has the wanted status, quoting the problem
// document the server sent otherwise.
func expect(what string, got int, body []byte, want int) error {
	if got != want {
		return fmt.Errorf("%s: %d, want %d: %.400s", what, got, want, body)
	}
	return nil
}

func bearer(token string) RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		req.Header.Set("Authorization", "Bearer "+token)
		return nil
	}
}

func ptr[T any](v T) *T { return &v }

func workflow(ctx context.Context, base, email, password, run string) error {
	c, err := NewClientWithResponses(base)
	if err != nil {
		return err
	}

	// 1. Log in.
	login, err := c.LogInWithResponse(ctx, LogInJSONRequestBody{Email: email, Password: password})
	if err != nil {
		return err
	}
	if err := expect("log in", login.StatusCode(), login.Body, 200); err != nil {
		return err
	}
	admin := bearer(login.JSON200.AccessToken)
	step("log in", "token for %d s", login.JSON200.ExpiresIn)

	// 2. A partner client, and its token by the OAuth2 client credentials
	// flow (the form encoding OAuth2 libraries send).
	source := "contract-" + run
	cl, err := c.CreateClientWithResponse(ctx, &CreateClientParams{}, CreateClientJSONRequestBody{
		Name: "Contrat " + run, Sources: []string{source}, Scopes: []PartnerClientInputScopes{"directory:write"}}, admin)
	if err != nil {
		return err
	}
	if err := expect("create a partner client", cl.StatusCode(), cl.Body, 201); err != nil {
		return err
	}
	tok, err := c.RequestTokenWithFormdataBodyWithResponse(ctx, RequestTokenFormdataRequestBody{
		GrantType: "client_credentials", ClientId: &cl.JSON201.Id, ClientSecret: &cl.JSON201.ClientSecret})
	if err != nil {
		return err
	}
	if err := expect("client credentials", tok.StatusCode(), tok.Body, 200); err != nil {
		return err
	}
	partner := bearer(tok.JSON200.AccessToken)
	step("client credentials", "partner token, type %s", tok.JSON200.TokenType)

	// 3. Create actors (as the partner, in its source) and a service.
	word := "contrat" + run
	var first openapi_types.UUID
	const actors = 5
	for i := range actors {
		a, err := c.CreateActorWithResponse(ctx, &CreateActorParams{IdempotencyKey: ptr(fmt.Sprintf("%s-actor-%d", run, i))}, CreateActorJSONRequestBody{
			Name:       fmt.Sprintf("Médiathèque %s %d", word, i),
			Typologies: &[]ActorInputTypologies{"BIB"},
			Address:    ActorAddressInput{Street: "58 cours Belsunce", PostalCode: "13001", Commune: ptr("Marseille")},
			Phones:     &[]string{"04 91 55 90 00"},
			Source:     &source, SourceId: ptr(fmt.Sprintf("lieu-%d", i)),
		}, partner)
		if err != nil {
			return err
		}
		if err := expect("create an actor", a.StatusCode(), a.Body, 201); err != nil {
			return err
		}
		if i == 0 {
			first = a.JSON201.Id
		}
	}
	step("create actors", "%d in source %s", actors, source)
	svc, err := c.CreateServiceWithResponse(ctx, &CreateServiceParams{}, CreateServiceJSONRequestBody{
		ActorId: &first, Name: "Aide aux démarches " + word, Kind: "procedures_done_with",
		Themes: []ServiceInputThemes{"aide-aux-demarches-administratives"}, Fees: &[]ServiceInputFees{"gratuit"},
		Source: &source, SourceId: ptr("offre-0"),
	}, partner)
	if err != nil {
		return err
	}
	if err := expect("create a service", svc.StatusCode(), svc.Body, 201); err != nil {
		return err
	}
	step("create a service", "%s (themes %v)", svc.JSON201.Name, svc.JSON201.Themes)

	// 4. A merge patch with only the fields that change, guarded by the
	// ETag; null clears a field. Publishing a service can change its
	// place's quality score, a new version of the place: read it again
	// first.
	current, err := c.GetActorWithResponse(ctx, first, partner)
	if err != nil {
		return err
	}
	if err := expect("read the actor again", current.StatusCode(), current.Body, 200); err != nil {
		return err
	}
	read := current.JSON200.Version
	patch := PatchActorApplicationMergePatchPlusJSONRequestBody{
		Summary:      ptr("Ordinateurs en libre accès et aide aux démarches."),
		OpeningHours: ptr("Tu-Sa 10:00-18:00"),
	}
	got, err := c.PatchActorWithApplicationMergePatchPlusJSONBodyWithResponse(ctx, first, &PatchActorParams{IfMatch: ptr(fmt.Sprintf(`"%d"`, read))}, patch, partner)
	if err != nil {
		return err
	}
	if err := expect("patch an actor", got.StatusCode(), got.Body, 200); err != nil {
		return err
	}
	if got.JSON200.Summary != *patch.Summary || got.JSON200.Name != fmt.Sprintf("Médiathèque %s 0", word) || got.JSON200.Version != read+1 {
		return fmt.Errorf("patch: %+v", got.JSON200)
	}
	cleared, err := c.PatchActorWithBodyWithResponse(ctx, first, &PatchActorParams{}, "application/merge-patch+json", strings.NewReader(`{"opening_hours": null}`), partner)
	if err != nil {
		return err
	}
	if err := expect("clear a field with null", cleared.StatusCode(), cleared.Body, 200); err != nil {
		return err
	}
	if cleared.JSON200.OpeningHours != "" || cleared.JSON200.Summary != *patch.Summary {
		return fmt.Errorf("null cleared more or less than opening_hours: %+v", cleared.JSON200)
	}
	step("merge patch", "version %d, opening_hours cleared", cleared.JSON200.Version)

	// A refused write comes back as a typed problem document.
	bad, err := c.CreateActorWithResponse(ctx, &CreateActorParams{}, CreateActorJSONRequestBody{Name: "Sans adresse",
		Address: ActorAddressInput{Street: "1 rue", PostalCode: "1300", Commune: ptr("Marseille")}}, admin)
	if err != nil {
		return err
	}
	if bad.ApplicationproblemJSON422 == nil || bad.ApplicationproblemJSON422.Errors == nil || len(*bad.ApplicationproblemJSON422.Errors) == 0 {
		return fmt.Errorf("an invalid actor: %d %.300s", bad.StatusCode(), bad.Body)
	}
	step("problem document", "%d %s: %s %s", bad.ApplicationproblemJSON422.Status, bad.ApplicationproblemJSON422.Title,
		(*bad.ApplicationproblemJSON422.Errors)[0].Field, (*bad.ApplicationproblemJSON422.Errors)[0].Reason)

	// 5. Search, anonymously: a write is visible at once.
	found, err := c.SearchServicesWithResponse(ctx, &SearchServicesParams{Q: &word, Themes: &[]SearchServicesParamsThemes{"aide-aux-demarches-administratives"}})
	if err != nil {
		return err
	}
	if err := expect("search", found.StatusCode(), found.Body, 200); err != nil {
		return err
	}
	if found.JSON200.Meta.Total != 1 || found.JSON200.Data[0].Id != svc.JSON201.Id {
		return fmt.Errorf("search %q: %+v", word, found.JSON200.Meta)
	}
	step("search", "q=%s: %d result", word, found.JSON200.Meta.Total)

	// 6. Page through a list to its end with the cursor.
	seen := map[openapi_types.UUID]bool{}
	pages := 0
	params := &ListActorsParams{Source: &[]string{source}, Limit: ptr(2), Sort: ptr(ListActorsParamsSort("name"))}
	for {
		page, err := c.ListActorsWithResponse(ctx, params)
		if err != nil {
			return err
		}
		if err := expect("list actors", page.StatusCode(), page.Body, 200); err != nil {
			return err
		}
		pages++
		for _, a := range page.JSON200.Data {
			if seen[a.Id] {
				return fmt.Errorf("page %d repeats %s", pages, a.Id)
			}
			seen[a.Id] = true
		}
		if !page.JSON200.Meta.HasMore {
			if page.JSON200.Meta.NextCursor != nil || page.JSON200.Links.Next != nil {
				return errors.New("the last page links to another")
			}
			break
		}
		params.Cursor = page.JSON200.Meta.NextCursor
	}
	if len(seen) != actors || pages != 3 {
		return fmt.Errorf("paged %d actors in %d pages, want %d in 3", len(seen), pages, actors)
	}
	step("page a list", "%d actors in %d pages of 2", len(seen), pages)

	// Follow the change feed to its end, in the same envelope.
	feed := &ListChangesParams{Limit: ptr(50)}
	changes := 0
	for {
		page, err := c.ListChangesWithResponse(ctx, feed)
		if err != nil {
			return err
		}
		if err := expect("follow the changes", page.StatusCode(), page.Body, 200); err != nil {
			return err
		}
		changes += len(page.JSON200.Data)
		feed.Cursor = &page.JSON200.Meta.NextCursor
		if !page.JSON200.Meta.HasMore {
			break
		}
	}
	step("follow the changes", "%d changes, then cursor %s", changes, *feed.Cursor)

	// 7. Download exports: CSV as text, GeoJSON typed.
	csvExport, err := c.DownloadExportWithResponse(ctx, "standard-csv", nil)
	if err != nil {
		return err
	}
	if err := expect("CSV export", csvExport.StatusCode(), csvExport.Body, 200); err != nil {
		return err
	}
	rows, err := csv.NewReader(strings.NewReader(string(csvExport.Body))).ReadAll()
	if err != nil || len(rows) < actors+1 || rows[0][0] != "id" || !strings.HasPrefix(csvExport.HTTPResponse.Header.Get("Content-Type"), "text/csv") {
		return fmt.Errorf("CSV export: %d rows, %v", len(rows), err)
	}
	geo, err := c.DownloadExportWithResponse(ctx, "geojson", nil)
	if err != nil {
		return err
	}
	if err := expect("GeoJSON export", geo.StatusCode(), geo.Body, 200); err != nil {
		return err
	}
	if geo.ApplicationgeoJSON200 == nil || geo.ApplicationgeoJSON200.Type != "FeatureCollection" || len(geo.ApplicationgeoJSON200.Features) < actors {
		return fmt.Errorf("GeoJSON export: %.300s", geo.Body)
	}
	step("download exports", "standard-csv %d rows, geojson %d features", len(rows)-1, len(geo.ApplicationgeoJSON200.Features))
	return nil
}
