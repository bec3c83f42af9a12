package models

import (
	"time"

	"gorm.io/gorm"
)

// Entities recorded in the changes table.
const (
	EntityActor   = "actor"
	EntityService = "service"
)

// Change operations recorded in the changes table.
const (
	ChangeCreate  = "create"
	ChangeUpdate  = "update"
	ChangeArchive = "archive"
)

// Change is one row of the change log: which record changed, how, and in
// which order. The log is written in the same transaction as the change, so
// it can never miss one.
type Change struct {
	Seq      int64 `gorm:"primaryKey"`
	Entity   string
	EntityID string
	Op       string
	Version  int64
	At       time.Time
}

// recordChange logs a change in the transaction tx and remembers it for the
// listeners told after commit.
func recordChange(tx *gorm.DB, entity, id, op string, version int64, at time.Time) error {
	c := Change{Entity: entity, EntityID: id, Op: op, Version: version, At: at}
	if err := tx.Create(&c).Error; err != nil {
		return err
	}
	if list, ok := tx.Statement.Context.Value(changesKey{}).(*[]Change); ok {
		*list = append(*list, c)
	}
	return nil
}
