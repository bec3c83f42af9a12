package models

import (
	"strings"
	"testing"

	"gorm.io/gorm"
)

// sqlitePlan returns SQLite's plan for the query q builds (EXPLAIN QUERY
// PLAN, one detail a line), for the tests that check which indexes a
// query reads; they skip on PostgreSQL, which chooses by its statistics.
func sqlitePlan(t *testing.T, s *Store, q func(tx *gorm.DB) *gorm.DB) string {
	t.Helper()
	stmt := q(s.r.Session(&gorm.Session{DryRun: true})).Statement
	return sqlitePlanOf(t, s, stmt.SQL.String(), stmt.Vars...)
}

// sqlitePlanOf is sqlitePlan for a query written out, with its values.
func sqlitePlanOf(t *testing.T, s *Store, query string, vars ...any) string {
	t.Helper()
	var plan []struct {
		ID, Parent, Notused int
		Detail              string
	}
	if err := s.r.Raw("EXPLAIN QUERY PLAN "+query, vars...).Scan(&plan).Error; err != nil {
		t.Fatal(err)
	}
	lines := make([]string, len(plan))
	for i, p := range plan {
		lines[i] = p.Detail
	}
	return strings.Join(lines, "\n")
}
