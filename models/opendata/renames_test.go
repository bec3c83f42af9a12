package opendata_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"carnet/models"
	"carnet/models/opendata"
)

// TestDerivedIDsFollowARenameOrAMove: a file that gives no ids gets ids
// derived from the name and the address, so a place renamed or moved in
// the producer's next file got a new id: an upsert created a second record
// of one place (the first left live, with its history and the referrals to
// its services), and a snapshot archived it and created a new one. A place
// of the file whose derived id is new is now the stored place it is, when
// exactly one place of the source absent from the file has its address and
// a word of its name, or its name in the same commune — and the other way
// round.
func TestDerivedIDsFollowARenameOrAMove(t *testing.T) {
	const header = "nom,adresse,code_postal,commune,services,telephone\n"
	v1 := header +
		"Médiathèque Jean Vautrin,10 rue des Écoles,33150,Cenon,Aide aux démarches administratives,0556000001\n" +
		"CCAS de Talence,5 place Alcala de Henares,33400,Talence,Aide aux démarches administratives,0556000002\n" +
		"Espace numérique des Aubiers,3 rue du Docteur Schinazi,33300,Bordeaux,Aide aux démarches administratives,0556000003\n" +
		"Maison France Services de Blaye,1 rue du Château,33390,Blaye,Aide aux démarches administratives,0556000004\n"
	v2 := header +
		// renamed, same address
		"Médiathèque municipale Jean Vautrin,10 rue des Écoles,33150,Cenon,Aide aux démarches administratives,0556000001\n" +
		// moved, same name and commune
		"CCAS de Talence,12 avenue Roul,33400,Talence,Aide aux démarches administratives,0556000002\n" +
		// unchanged
		"Espace numérique des Aubiers,3 rue du Docteur Schinazi,33300,Bordeaux,Aide aux démarches administratives,0556000003\n" +
		// a new place at an address of the file: not a rename
		"Repair café des Aubiers,3 rue du Docteur Schinazi,33300,Bordeaux,Aide aux démarches administratives,0556000005\n" +
		// another place where one closed: nothing in common with it but the address
		"Cyberbase intercommunale,1 rue du Château,33390,Blaye,Aide aux démarches administratives,0556000006\n"
	s := openStore(t)
	ctx := context.Background()
	opt := opendata.ImportOptions{Source: "gironde", Format: opendata.FormatCSV}
	importBytes(t, s, []byte(v1), opt)
	before := map[string]models.Actor{} // name → actor
	for _, a := range liveActors(t, s, "gironde") {
		before[a.Name] = a
	}
	rep := importBytes(t, s, []byte(v2), opt)
	after := map[string]models.Actor{}
	for _, a := range liveActors(t, s, "gironde") {
		after[a.Name] = a
	}
	if a := after["Médiathèque municipale Jean Vautrin"]; a.ID != before["Médiathèque Jean Vautrin"].ID {
		t.Errorf("renamed place: id %q, want the stored %q", a.ID, before["Médiathèque Jean Vautrin"].ID)
	}
	if a := after["CCAS de Talence"]; a.ID != before["CCAS de Talence"].ID || !strings.Contains(a.Address.Street, "Roul") {
		t.Errorf("moved place: id %q street %q, want the stored %q at its new address", a.ID, a.Address.Street, before["CCAS de Talence"].ID)
	}
	if _, ok := after["Médiathèque Jean Vautrin"]; ok {
		t.Error("the renamed place's old record is still live beside it")
	}
	if after["Repair café des Aubiers"].ID == before["Espace numérique des Aubiers"].ID || after["Espace numérique des Aubiers"].ID != before["Espace numérique des Aubiers"].ID {
		t.Error("a new place at the address of a place still in the file took its record")
	}
	if after["Cyberbase intercommunale"].ID == before["Maison France Services de Blaye"].ID {
		t.Error("another place at the address of one gone, sharing no word of its name, took its record")
	}
	if n := len(after); n != 6 {
		t.Errorf("%d live places after the upsert, want 6 (the 4 stored, 2 new): %v", n, after)
	}
	if rep.Actors[models.SyncCreated] != 2 || rep.Actors[models.SyncUpdated] != 2 {
		t.Errorf("actors %v, want 2 created (the repair café, the cyberbase) and 2 updated (renamed, moved)", rep.Actors)
	}
	said := 0
	for _, is := range rep.Issues {
		if is.Field == "id" && strings.Contains(is.Reason, "renamed or moved since") {
			said++
		}
	}
	if said != 2 {
		t.Errorf("%d issues say a place was followed, want 2: %v", said, rep.Issues)
	}
	// The same file as a snapshot: nothing more moves; the closed place
	// (absent from v2) is archived, the others kept.
	opt.Snapshot, opt.AllowMassArchive = true, true
	importBytesSeekable(t, s, []byte(v2), opt)
	final := liveActors(t, s, "gironde")
	if len(final) != 5 {
		t.Errorf("%d live places after the snapshot, want 5", len(final))
	}
	_ = ctx
}

func liveActors(t *testing.T, s *models.Store, source string) []models.Actor {
	t.Helper()
	p, err := s.ListActors(context.Background(), models.ActorFilter{Sources: []string{source}, ListParams: models.ListParams{Limit: 200}})
	if err != nil {
		t.Fatal(err)
	}
	return p.Items
}

func importBytesSeekable(t *testing.T, s *models.Store, b []byte, opt opendata.ImportOptions) *opendata.Report {
	t.Helper()
	rep, err := opendata.Import(context.Background(), s, bytes.NewReader(b), opt)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return rep
}
