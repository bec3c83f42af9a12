package api_test

import (
	"bytes"
	"flag"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/swaggo/swag"
	"github.com/swaggo/swag/gen"

	"carnet/api"
)

var update = flag.Bool("update", false, "rewrite docs/ and openapi.yaml from the swag annotations")

// moduleRoot is the repository root, found from this file's location.
func moduleRoot(t *testing.T) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the test file")
	}
	return filepath.Join(filepath.Dir(file), "..")
}

// TestOpenAPIInSync regenerates the swag output and openapi.yaml from the
// annotations and fails when the committed files differ. `go generate` (in
// main.go) runs it with -update to rewrite them.
func TestOpenAPIInSync(t *testing.T) {
	root := moduleRoot(t)
	out := t.TempDir()
	t.Chdir(root)
	err := gen.New().Build(&gen.Config{
		SearchDir:          "./,./handlers",
		MainAPIFile:        "main.go",
		OutputDir:          out,
		OutputTypes:        []string{"go", "json"},
		PropNamingStrategy: swag.SnakeCase,
		ParseDepth:         100,
		UseStructNames:     true, // schemas named Actor, not handlers.Actor
		RequiredByDefault:  true, // fields are required unless omitempty: responses always carry them
		ParseGoList:        true,
		PackageName:        "docs",
		CollectionFormat:   "csv",
		LeftTemplateDelim:  "{{",
		RightTemplateDelim: "}}",
		Debugger:           log.New(io.Discard, "", 0),
		Strict:             true,
	})
	if err != nil {
		t.Fatalf("swag: %v", err)
	}
	swaggerJSON, err := os.ReadFile(filepath.Join(out, "swagger.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := api.OpenAPIFromSwagger(swaggerJSON)
	if err != nil {
		t.Fatal(err)
	}
	yamlDoc, err := api.MarshalOpenAPIYAML(doc)
	if err != nil {
		t.Fatal(err)
	}
	docsGo, err := os.ReadFile(filepath.Join(out, "docs.go"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{
		"docs/swagger.json": swaggerJSON,
		"docs/docs.go":      docsGo,
		"openapi.yaml":      yamlDoc,
	}
	for name, want := range files {
		path := filepath.Join(root, name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s is out of date with the swag annotations: run `go generate ./...` and commit the result", name)
		}
	}
}
