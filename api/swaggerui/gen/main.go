// Command gen refreshes the Swagger UI files embedded in the binary from the
// npm package swagger-ui-dist (Apache-2.0), so that /docs works offline and
// stays current:
//
//	go run ./api/swaggerui/gen            # the version pinned below
//	go run ./api/swaggerui/gen -version 5.36.0
//
// It runs "npm pack" (the npm registry is the only place the files are
// published), keeps the files the page needs, gzipped, and writes VERSION.
package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// keep are the files of the package that the page loads; source maps and the
// ES module builds are left out.
var keep = map[string]bool{
	"swagger-ui-bundle.js":            true,
	"swagger-ui-standalone-preset.js": true,
	"swagger-ui.css":                  true,
	"index.css":                       true,
	"favicon-16x16.png":               true,
	"favicon-32x32.png":               true,
	"oauth2-redirect.html":            true,
	"oauth2-redirect.js":              true,
	"LICENSE":                         true,
	"NOTICE":                          true,
}

func main() {
	version := flag.String("version", "5.35.0", "swagger-ui-dist version")
	out := flag.String("out", "api/swaggerui/dist", "output folder")
	flag.Parse()
	tmp, err := os.MkdirTemp("", "swaggerui")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	cmd := exec.Command("npm", "pack", "--silent", "swagger-ui-dist@"+*version)
	cmd.Dir, cmd.Stderr = tmp, os.Stderr
	name, err := cmd.Output()
	if err != nil {
		log.Fatalf("npm pack: %v", err)
	}
	f, err := os.Open(filepath.Join(tmp, strings.TrimSpace(string(name))))
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.RemoveAll(*out); err != nil {
		log.Fatal(err)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	tr := tar.NewReader(gz)
	n := 0
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		base := strings.TrimPrefix(h.Name, "package/")
		if !keep[base] {
			continue
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			log.Fatal(err)
		}
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
		zw.Write(data)
		zw.Close()
		if err := os.WriteFile(filepath.Join(*out, base+".gz"), buf.Bytes(), 0o644); err != nil {
			log.Fatal(err)
		}
		n++
	}
	if n != len(keep) {
		log.Fatalf("found %d of the %d files expected in swagger-ui-dist %s", n, len(keep), *version)
	}
	if err := os.WriteFile(filepath.Join(*out, "VERSION"), []byte(*version+"\n"), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("swagger-ui-dist %s: %d files in %s\n", *version, n, *out)
}
