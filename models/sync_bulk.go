package models

import (
	"gorm.io/gorm"
)

// Bulk writes: a sync batch or an import prepares each record (normalised,
// validated, its references checked; see prepareActor) and then creates the
// valid ones with multi-row INSERTs, their change-log rows and audit events
// likewise. GORM's schema and mapping are kept (see bulkTable: columns and
// values come from GORM's schema), only its cost per row and per value is
// spared: one INSERT … VALUES per few hundred rows instead of one per row.
// The SQL is plain multi-row INSERT (RETURNING for the change log's seq,
// which GORM still writes), which SQLite and PostgreSQL both accept.

// maxBindVars bounds the variables of one statement: SQLite's default limit
// is 32,766, PostgreSQL's 65,535.
const maxBindVars = 30000

// rowsPerStatement is how many rows of a table with cols columns fit in one
// statement.
func rowsPerStatement(cols int) int {
	return max(1, min(1000, maxBindVars/max(1, cols)))
}

// createActors inserts prepared actors and logs their creation.
func (s *Store) createActors(tx *gorm.DB, actors []*Actor) error {
	if len(actors) == 0 {
		return nil
	}
	if err := insertRows(tx, actors); err != nil {
		return sourceConflict(err, "actors.source, actors.source_id")
	}
	events := make([]changeEvent, len(actors))
	for i, a := range actors {
		events[i] = changeOf(EntityActor, ChangeCreate, nil, a)
		events[i].rebuilt = true
	}
	return recordChanges(tx, events)
}

// createServices inserts prepared services and logs their creation.
func (s *Store) createServices(tx *gorm.DB, services []*Service) error {
	if len(services) == 0 {
		return nil
	}
	if err := insertRows(tx, services); err != nil {
		return sourceConflict(err, "services.source, services.source_id")
	}
	events := make([]changeEvent, len(services))
	for i, sv := range services {
		events[i] = changeOf(EntityService, ChangeCreate, nil, sv)
		events[i].rebuilt = true
	}
	return recordChanges(tx, events)
}
