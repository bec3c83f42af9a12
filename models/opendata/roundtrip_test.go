package opendata_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/opendata"
)

func allActors(t *testing.T, s *models.Store) []models.Actor {
	t.Helper()
	var out []models.Actor
	f := models.ActorFilter{ListParams: models.ListParams{Limit: models.MaxLimit}}
	for {
		p, err := s.ListActors(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p.Items...)
		if p.NextCursor == "" {
			return out
		}
		f.Cursor = p.NextCursor
	}
}

func servicesByActor(t *testing.T, s *models.Store) map[string][]models.Service {
	t.Helper()
	out := map[string][]models.Service{}
	f := models.ServiceFilter{ListParams: models.ListParams{Limit: models.MaxLimit}}
	for {
		p, err := s.ListServices(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		for _, sv := range p.Items {
			out[sv.ActorID] = append(out[sv.ActorID], sv)
		}
		if p.NextCursor == "" {
			return out
		}
		f.Cursor = p.NextCursor
	}
}

// TestRoundTrip imports each real file, exports the standard (CSV and
// JSON), imports the export into an empty directory, and checks that every
// place and its offer say the same thing: nothing the standard can carry is
// lost, provenance included — the export's id is the producer's, its
// source the producer's name and its date_maj the producer's date, so the
// second directory has the same keys, producers and dates. Importing the
// export into the first directory again changes nothing.
func TestRoundTrip(t *testing.T) {
	for _, f := range realFiles {
		for _, format := range []string{opendata.ExportStandardCSV, opendata.ExportStandardJSON} {
			t.Run(strings.SplitN(filepath.Base(f), "-", 3)[1]+"/"+format, func(t *testing.T) {
				first := openStore(t)
				rep1 := importBytes(t, first, reference(t, f), opendata.ImportOptions{Source: "origin"})
				out := export(t, first, format)
				second := openStore(t)
				rep := importBytes(t, second, out, opendata.ImportOptions{Source: "origin"})
				// Hours kept with an unreadable rule are exported as
				// written, so the re-import reports the same rules again,
				// and so are producers' zero dates (1970-01-01); nothing
				// else may be reported.
				var hours1, hours2 []string
				zeroDates := 0
				for _, is := range rep1.Issues {
					if is.Field == "date_maj" && strings.Contains(is.Reason, "zero date") {
						zeroDates++
					}
				}
				for _, is := range rep1.Issues {
					if is.Field == "horaires" && strings.Contains(is.Reason, "the other rules are kept") {
						hours1 = append(hours1, is.Value+": "+is.Reason)
					}
				}
				for _, is := range rep.Issues {
					if is.Field == "horaires" {
						hours2 = append(hours2, is.Value+": "+is.Reason)
					}
				}
				// So are the readings of an address kept as written with a
				// doubt (a postal code, a point, an unresolved commune).
				kept := func(r *opendata.Report) []string {
					var out []string
					for _, is := range r.Issues {
						if (is.Field == "commune" || is.Field == "code_postal" || is.Field == "latitude") && strings.Contains(is.Reason, "kept") {
							out = append(out, is.Reason)
						}
					}
					slices.Sort(out)
					return out
				}
				kept1, kept2 := kept(rep1), kept(rep)
				if !slices.Equal(kept1, kept2) {
					t.Errorf("addresses kept with a warning on import %q, on re-import %q", kept1, kept2)
				}
				if rep.Rejected > 0 || rep.Warnings != len(hours2)+zeroDates+len(kept2) {
					var other []opendata.Issue
					for _, is := range rep.Issues {
						if is.Field != "horaires" && is.Field != "date_maj" {
							other = append(other, is)
						}
					}
					t.Errorf("re-import of the export: %d rejected, %d warnings: %+v", rep.Rejected, rep.Warnings, other)
				}
				slices.Sort(hours1)
				slices.Sort(hours2)
				if !slices.Equal(hours1, hours2) {
					t.Errorf("hours reported on import %q, on re-import %q", hours1, hours2)
				}
				if again := importBytes(t, first, out, opendata.ImportOptions{Source: "origin"}); again.Actors[models.SyncUnchanged] != len(allActors(t, first)) {
					t.Errorf("the export imported back into its directory: %v, want all unchanged", again.Actors)
				}
				before, after := allActors(t, first), allActors(t, second)
				byKey := map[string]models.Actor{}
				for _, a := range after {
					byKey[a.SourceID] = a
				}
				svBefore, svAfter := servicesByActor(t, first), servicesByActor(t, second)
				if len(after) != len(before) {
					t.Fatalf("%d places after the round trip, %d before", len(after), len(before))
				}
				for _, a := range before {
					b, ok := byKey[a.SourceID]
					if !ok {
						t.Fatalf("place %s (%s) lost; %d keys, e.g. %v", a.SourceID, a.Name, len(byKey), after[0].SourceID)
					}
					bID := b.ID
					if a.Producer == "" || a.ProducerUpdatedOn == "" || b.Producer != a.Producer || b.ProducerUpdatedOn != a.ProducerUpdatedOn || b.CheckedOn != a.CheckedOn {
						t.Errorf("provenance of %q: producer %q→%q, date %q→%q, checked %q→%q", a.Name, a.Producer, b.Producer,
							a.ProducerUpdatedOn, b.ProducerUpdatedOn, a.CheckedOn, b.CheckedOn)
					}
					if b.ContentFingerprint() != a.ContentFingerprint() {
						t.Errorf("place %q changed:\nbefore %+v\nafter  %+v", a.Name, a, b)
					}
					sa, sb := svBefore[a.ID], svAfter[bID]
					if len(sa) != len(sb) {
						t.Fatalf("place %q: %d services before, %d after", a.Name, len(sa), len(sb))
					}
					for i := range sa {
						x, y := sa[i], sb[i]
						y.ActorID, y.SourceID = x.ActorID, x.SourceID
						if x.ContentFingerprint() != y.ContentFingerprint() {
							t.Errorf("offer of %q changed:\nbefore %+v\nafter  %+v", a.Name, x, y)
						}
					}
				}
			})
		}
	}
}
