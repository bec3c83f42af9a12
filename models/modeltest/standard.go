// Package modeltest holds test helpers for the models: a loader of the
// national standard's published JSON files (the real PACA and Charente
// samples in shared/reference/data) into a Store, until the partner import
// of issue 6 replaces it.
package modeltest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"

	"carnet/models"
	"carnet/models/contact"
	"carnet/models/ident"
	"carnet/models/openinghours"
	"carnet/models/vocab"
)

// Row is one place of a file of the standard « lieux de médiation
// numérique » (v1.x column names, plus the legacy ones real files still
// carry). Numbers may be written as JSON numbers or strings.
type Row map[string]any

func (r Row) str(col string) string {
	switch v := r[col].(type) {
	case string:
		return strings.TrimSpace(v)
	case float64:
		return strings.TrimSpace(fmt.Sprint(v))
	}
	return ""
}

func (r Row) float(col string) *float64 {
	switch v := r[col].(type) {
	case float64:
		return &v
	case string:
		var f float64
		if _, err := fmt.Sscan(v, &f); err == nil {
			return &f
		}
	}
	return nil
}

// Report says what a load did.
type Report struct {
	Loaded  int
	Skipped []string // "row N (id): reason"
}

// LoadStandardFile loads a JSON array of places of the standard into store,
// one actor and one service per place, in one transaction.
func LoadStandardFile(ctx context.Context, store *models.Store, path string) (Report, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return Report{}, err
	}
	var rows []Row
	if err := json.Unmarshal(b, &rows); err != nil {
		return Report{}, fmt.Errorf("%s: %w", path, err)
	}
	return LoadStandard(ctx, store, rows)
}

// LoadStandard maps rows to actors and services. Values the validators
// refuse (an unparseable phone, hours in an unsupported syntax) are dropped
// from the place rather than losing the place; a place still invalid after
// that (no street, say) is skipped and reported.
func LoadStandard(ctx context.Context, store *models.Store, rows []Row) (Report, error) {
	var rep Report
	var places []models.PlaceWithServices
	seen := map[string]bool{}
	for i, r := range rows {
		a, sv := MapRow(r)
		key := a.Source + "/" + a.SourceID
		if seen[key] {
			rep.Skipped = append(rep.Skipped, fmt.Sprintf("row %d (%s): duplicate id", i, r.str("id")))
			continue
		}
		seen[key] = true
		ca, cs := a, sv
		ca.Normalize()
		err := ca.Validate()
		if err == nil {
			cs.ActorID = models.NewID()
			cs.Normalize()
			err = cs.Validate()
		}
		if err != nil {
			rep.Skipped = append(rep.Skipped, fmt.Sprintf("row %d (%s): %v", i, r.str("id"), err))
			continue
		}
		places = append(places, models.PlaceWithServices{Actor: a, Services: []models.Service{sv}})
	}
	if err := store.CreatePlaces(ctx, places); err != nil {
		return rep, err
	}
	rep.Loaded = len(places)
	return rep, nil
}

// MapRow maps one place to an actor and its one service, keeping only the
// values that pass validation.
func MapRow(r Row) (models.Actor, models.Service) {
	postal := r.str("code_postal")
	a := models.Actor{
		Name:         r.str("nom"),
		Address:      models.Address{Street: r.str("adresse"), PostalCode: postal, Commune: r.str("commune")},
		Summary:      clip(r.str("presentation_resume"), 280),
		Description:  r.str("presentation_detail"),
		OpeningHours: validHours(r.str("horaires")),
		Source:       vocab.Slugify(r.str("source")),
		SourceID:     r.str("id"),
		Status:       vocab.ActorActive,
	}
	if p, err := ident.ParsePivot(r.str("pivot")); err == nil {
		a.Pivot = p.Value
	}
	if c := r.str("code_insee"); ident.ValidINSEE(c) {
		a.Address.InseeCode = c
	}
	lat, lon := r.float("latitude"), r.float("longitude")
	if lat != nil && lon != nil && *lat >= -90 && *lat <= 90 && *lon >= -180 && *lon <= 180 && (*lat != 0 || *lon != 0) {
		a.Latitude, a.Longitude = lat, lon
	}
	a.Typologies = known(vocab.NameTypologies, vocab.SplitCell(r.str("typologie")))
	a.Phones = valid(vocab.SplitCell(r.str("telephone")), func(s string) (string, error) { return contact.NormalizePhone(s, postal) })
	a.Emails = valid(vocab.SplitCell(r.str("courriels")+"|"+r.str("courriel")), contact.NormalizeEmail)
	a.Websites = valid(vocab.SplitCell(r.str("site_web")), contact.NormalizeURL)
	if u, err := contact.NormalizeURL(r.str("accessibilite")); err == nil {
		a.AcceslibreURL = u
	}
	if u, err := contact.NormalizeURL(r.str("prise_rdv")); err == nil {
		a.BookingURL = u
	}
	a.Mobility = known(vocab.NameMobility, vocab.SplitCell(r.str("itinerance")))
	a.NationalProgrammes = known(vocab.NameNationalProgrammes, vocab.SplitCell(r.str("dispositif_programmes_nationaux")))
	a.TrainingLabels = known(vocab.NameTrainingLabels, vocab.SplitCell(r.str("formations_labels")))
	if old := r.str("labels_nationaux"); old != "" {
		progs, labels := vocab.LegacyNationalLabels(old)
		a.NationalProgrammes = union(a.NationalProgrammes, progs)
		a.TrainingLabels = union(a.TrainingLabels, labels)
	}

	sv := models.Service{
		Name:               a.Name,
		Themes:             themes(r.str("services")),
		Fees:               known(vocab.NameFees, vocab.SplitCell(r.str("frais_a_charge"))),
		FeesDetails:        clip(r.str("details_frais"), 500),
		AccessModes:        known(vocab.NameAccessModes, vocab.SplitCell(r.str("modalites_acces"))),
		AccompanimentModes: known(vocab.NameAccompanimentModes, vocab.SplitCell(r.str("modalites_accompagnement"))),
		Publics:            known(vocab.NamePublics, vocab.SplitCell(r.str("publics_specifiquement_adresses"))),
		SpecificSupport:    known(vocab.NameSpecificSupport, vocab.SplitCell(r.str("prise_en_charge_specifique"))),
		OnSite:             true,
		Status:             vocab.ServicePublished,
	}
	if old := r.str("publics_accueillis"); old != "" {
		pubs, support := vocab.LegacyPublics(old)
		sv.Publics = union(sv.Publics, pubs)
		sv.SpecificSupport = union(sv.SpecificSupport, support)
	}
	sv.Remote = sv.AccompanimentModes.Contains(vocab.AccompanimentRemote)
	sv.Kind = kindOf(sv)
	return a, sv
}

// kindOf guesses the kind of help from the place's description: the
// standard has no such column.
func kindOf(sv models.Service) string {
	switch {
	case sv.AccompanimentModes.Contains(vocab.AccompanimentWorkshop):
		return vocab.KindCollectiveWorkshop
	case sv.Themes.Contains(vocab.ThemeAdministrativeProcedures):
		return vocab.KindProceduresDoneWith
	case sv.Themes.Contains(vocab.ThemeSolidarityEquipment):
		return vocab.KindSolidarityEquipment
	case sv.AccompanimentModes.Contains(vocab.AccompanimentAutonomous),
		len(sv.Themes) == 1 && sv.Themes.Contains(vocab.ThemeInternetAndEquipment):
		return vocab.KindEquipmentAccess
	}
	return vocab.KindOneOffHelp
}

// themes reads a services cell of any version of the standard.
func themes(cell string) models.StringList {
	var out []string
	for _, v := range vocab.SplitCell(cell) {
		out = append(out, vocab.LegacyThemes(v)...)
	}
	return known(vocab.NameThemes, out)
}

func known(name string, in []string) models.StringList {
	out, _ := vocab.MustGet(name).NormalizeList(in)
	return out
}

func valid(in []string, norm func(string) (string, error)) models.StringList {
	var out models.StringList
	for _, s := range in {
		if n, err := norm(s); err == nil && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

func validHours(s string) string {
	if _, err := openinghours.Parse(s); err != nil {
		return ""
	}
	return s
}

func union(a models.StringList, b []string) models.StringList {
	for _, v := range b {
		if !slices.Contains(a, v) {
			a = append(a, v)
		}
	}
	return a
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
