package models

import (
	"context"
	"database/sql"
	"reflect"
	"sync"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// Exports read every row of the directory. GORM's Find spends most of that
// time converting each value field by field through its callbacks; scanFast
// hands database/sql pointers to the struct's fields instead, found once per
// column from GORM's own parsed schema, so the mapping (column names,
// embedded addresses, scanners) stays GORM's. It is used where throughput
// matters and the rows are plain (no associations, no hooks).

var schemas sync.Map // reflect.Type → *schema.Schema

func modelSchema(db *gorm.DB, model any) (*schema.Schema, error) {
	t := reflect.TypeOf(model)
	if s, ok := schemas.Load(t); ok {
		return s.(*schema.Schema), nil
	}
	stmt := &gorm.Statement{DB: db}
	if err := stmt.Parse(model); err != nil {
		return nil, err
	}
	schemas.Store(t, stmt.Schema)
	return stmt.Schema, nil
}

// scanFast runs q and appends its rows to dest.
func scanFast[T any](q *gorm.DB, dest *[]T) error {
	sch, err := modelSchema(q, new(T))
	if err != nil {
		return err
	}
	rows, err := q.Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	fields := make([]*schema.Field, len(cols))
	for i, c := range cols {
		fields[i] = sch.LookUpField(c)
	}
	ctx := context.Background()
	ptrs := make([]any, len(cols))
	var discard sql.RawBytes
	for rows.Next() {
		*dest = append(*dest, *new(T))
		rv := reflect.ValueOf(&(*dest)[len(*dest)-1]).Elem()
		for i, f := range fields {
			if f == nil {
				ptrs[i] = &discard
				continue
			}
			ptrs[i] = f.ReflectValueOf(ctx, rv).Addr().Interface()
		}
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
	}
	return rows.Err()
}
