package models_test

import (
	"errors"
	"testing"

	"carnet/models"
)

func TestPreconditionCheck(t *testing.T) {
	list := func(v ...int64) *models.Versions { return &models.Versions{List: v} }
	anyV := &models.Versions{Any: true}
	for _, tc := range []struct {
		name string
		p    models.Precondition
		ok   bool
	}{
		{"none", models.Precondition{}, true},
		{"IfVersion current", models.IfVersion(3), true},
		{"IfVersion stale", models.IfVersion(2), false},
		{"If-Match list holds it", models.Precondition{IfMatch: list(2, 3)}, true},
		{"If-Match list misses it", models.Precondition{IfMatch: list(2, 4)}, false},
		{"If-Match empty list (only weak or foreign tags)", models.Precondition{IfMatch: list()}, false},
		{"If-Match *", models.Precondition{IfMatch: anyV}, true},
		{"If-None-Match *: it exists", models.Precondition{IfNoneMatch: anyV}, false},
		{"If-None-Match names it", models.Precondition{IfNoneMatch: list(1, 3)}, false},
		{"If-None-Match names others", models.Precondition{IfNoneMatch: list(1, 2)}, true},
		{"both hold", models.Precondition{IfMatch: list(3), IfNoneMatch: list(2)}, true},
		{"If-Match holds, If-None-Match fails", models.Precondition{IfMatch: anyV, IfNoneMatch: list(3)}, false},
	} {
		err := tc.p.Check("actor", 3)
		var e *models.Error
		switch {
		case tc.ok && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case !tc.ok && (!errors.As(err, &e) || e.Code != models.EPRECONDITION):
			t.Errorf("%s: %v, want a precondition failure", tc.name, err)
		}
	}
	if !(models.Precondition{}).IsZero() || models.IfVersion(1).IsZero() {
		t.Error("IsZero")
	}
}
