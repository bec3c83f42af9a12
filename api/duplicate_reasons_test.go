package api_test

import (
	"regexp"
	"strings"
	"testing"

	"carnet/api/apitest"
	"carnet/models/dedup"
)

// TestDuplicateReasonCodesDocumented holds the OpenAPI description of a
// duplicate link's reason codes to the codes detection emits
// (dedup.ReasonCodes, itself held to the sources): a client that branches
// on a code finds each one documented, and none that cannot come.
func TestDuplicateReasonCodesDocumented(t *testing.T) {
	doc := apitest.Spec(t)
	schema := doc.Components.Schemas["DuplicateReason"]
	if schema == nil || schema.Value.Properties["code"] == nil {
		t.Fatal("openapi.yaml has no DuplicateReason.code")
	}
	desc := schema.Value.Properties["code"].Value.Description
	documented := map[string]bool{}
	for _, code := range regexp.MustCompile(`[a-z]+(?:_[a-z]+)*`).FindAllString(desc, -1) {
		documented[code] = true
	}
	listed := map[string]bool{}
	for _, code := range dedup.ReasonCodes {
		listed[code] = true
		if !documented[code] {
			t.Errorf("reason code %q is not in DuplicateReason.code's description", code)
		}
	}
	for code := range documented {
		if strings.Contains(code, "_") && !listed[code] {
			t.Errorf("DuplicateReason.code's description names %q, which detection never gives", code)
		}
	}
}
