package models

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// firstMigrationAfterRebuilt is the first migration written after bulk
// creations' audit events stopped storing their record (rebuiltFromRow):
// from it on, a migration that rewrites an audited column of actors or
// services without an audit event would silently change the creation the
// history rebuilds from the row.
const firstMigrationAfterRebuilt = 108

// TestMigrationsLeaveAuditedColumnsAlone keeps rebuildCreated sound: a
// migration may fill the columns the history does not show (keys, scores,
// fingerprints), never the audited ones. One that must (a correction of
// stored data) has to write audit events for it, or first write the
// rebuilt content into the creations' events; then add it to allowed
// below with the reason.
func TestMigrationsLeaveAuditedColumnsAlone(t *testing.T) {
	allowed := map[string]bool{}
	for name := range unaudited {
		allowed[naming.ColumnName("", name)] = true
	}
	audited := map[string]bool{}
	for _, typ := range []reflect.Type{reflect.TypeOf(Actor{}), reflect.TypeOf(Service{})} {
		for _, f := range auditFields(typ) {
			audited[strings.ReplaceAll(f.name, ".", "_")] = true
		}
	}
	if !audited["name"] || allowed["name"] {
		t.Fatalf("the audited columns are not read right: %v", audited)
	}
	for _, dir := range []string{"migrations", filepath.Join("migrations", "postgres")} {
		files, err := filepath.Glob(filepath.Join(dir, "*.sql"))
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range files {
			n, err := strconv.Atoi(strings.SplitN(filepath.Base(file), "_", 2)[0])
			if err != nil || n < firstMigrationAfterRebuilt {
				continue
			}
			text, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			for _, col := range updatedColumns(string(text)) {
				if !allowed[col] {
					t.Errorf("%s updates %s, an audited column of actors or services, without an audit event: the history of records created by imports and syncs would show the new value as created (rebuildCreated)", file, col)
				}
			}
		}
	}
}

var updateTable = regexp.MustCompile(`(?is)\bUPDATE\s+(?:ONLY\s+)?"?(actors|services)"?\s+SET\s+`)

// updatedColumns lists the columns the UPDATE statements of actors and
// services in a migration set (the names before each top-level `=` of
// their SET clause; an address column as address_street…).
func updatedColumns(sql string) []string {
	var cols []string
	for _, loc := range updateTable.FindAllStringIndex(sql, -1) {
		depth, start := 0, loc[1]
	scan:
		for i := loc[1]; i < len(sql); i++ {
			switch c := sql[i]; {
			case c == '(':
				depth++
			case c == ')':
				depth--
			case c == '\'':
				if j := strings.IndexByte(sql[i+1:], '\''); j >= 0 {
					i += j + 1
				}
			case depth == 0 && (c == ',' || c == ';'):
				start = i + 1
				if c == ';' {
					break scan
				}
			case depth == 0 && c == '=' && start >= 0:
				cols = append(cols, strings.Trim(strings.ToLower(strings.TrimSpace(sql[start:i])), `"`))
				start = -1
			case depth == 0 && start == -1 && hasWordAt(sql, i, "where"):
				break scan
			}
		}
	}
	return cols
}

func hasWordAt(s string, i int, word string) bool {
	return len(s) >= i+len(word) && strings.EqualFold(s[i:i+len(word)], word) &&
		(i == 0 || !isWordByte(s[i-1])) && (len(s) == i+len(word) || !isWordByte(s[i+len(word)]))
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func TestUpdatedColumnsReadsSetClauses(t *testing.T) {
	got := updatedColumns(`UPDATE actors SET quality = -1, name = replace(name, char(173), ''), "address_city"='a,b' WHERE id IN (SELECT id FROM x WHERE y = 1);
UPDATE services SET is_full = FALSE;
UPDATE referrals SET note = '';`)
	want := []string{"quality", "name", "address_city", "is_full"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("updatedColumns = %q, want %q", got, want)
	}
}
