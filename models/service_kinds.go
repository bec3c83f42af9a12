package models

import (
	"slices"
	"strings"

	"carnet/models/vocab"
)

// modeKinds says which kind an accompaniment mode shows a service gives
// too. The national standard describes a place by its modes, not by one
// kind, so an imported place's one offer that runs workshops and
// individual help is found both as a workshop and as individual help.
// Individual help is help with procedures when the service has the
// administrative procedures theme, one-off help otherwise (admin: +1
// requires the theme, -1 excludes it, 0 ignores it).
var modeKinds = []struct {
	mode, kind string
	admin      int
}{
	{vocab.AccompanimentWorkshop, vocab.KindCollectiveWorkshop, 0},
	{vocab.AccompanimentAutonomous, vocab.KindEquipmentAccess, 0},
	{vocab.AccompanimentIndividual, vocab.KindProceduresDoneWith, +1},
	{vocab.AccompanimentIndividual, vocab.KindOneOffHelp, -1},
}

// FoundKinds returns the kinds a service is found under: its own, and
// those its accompaniment modes show it gives too (see modeKinds). It is
// the one definition of "a service of kind k" for the kind filter of
// /services and search, and for the territory diagnostic's counts.
func (s *Service) FoundKinds() []string {
	kinds := []string{s.Kind}
	admin := slices.Contains(s.Themes, vocab.ThemeAdministrativeProcedures)
	for _, mk := range modeKinds {
		if slices.Contains(s.AccompanimentModes, mk.mode) && (mk.admin == 0 || (mk.admin > 0) == admin) &&
			!slices.Contains(kinds, mk.kind) {
			kinds = append(kinds, mk.kind)
		}
	}
	return kinds
}

// kindCondition is FoundKinds in SQL: the services found under one of
// kinds.
func kindCondition(d dialect, kinds []string) (string, []any) {
	alts, args := []string{"services.kind IN ?"}, []any{kinds}
	for _, mk := range modeKinds {
		if !slices.Contains(kinds, mk.kind) {
			continue
		}
		cond, vars := d.anyOf("services.accompaniment_modes", []string{mk.mode})
		if mk.admin != 0 {
			theme, tvars := d.anyOf("services.themes", []string{vocab.ThemeAdministrativeProcedures})
			if mk.admin < 0 {
				theme = "NOT " + theme
			}
			cond += " AND " + theme
			vars = append(vars, tvars...)
		}
		alts = append(alts, "("+cond+")")
		args = append(args, vars...)
	}
	return "(" + strings.Join(alts, " OR ") + ")", args
}
