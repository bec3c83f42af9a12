// Command genpasswords writes models/common-passwords.txt.gz, the list of
// common and breached passwords that the password policy refuses, from the
// passwords.json of the npm package @zxcvbn-ts/language-common (MIT licence;
// 49,233 passwords ranked by frequency in leaked password sets, derived from
// zxcvbn's lists by Dan Wheeler and Dropbox). Run it from the repository root:
//
//	npm pack @zxcvbn-ts/language-common@4.1.3
//	tar xzf zxcvbn-ts-language-common-4.1.3.tgz
//	go run ./models/internal/genpasswords -in package/src/passwords.json
//
// Entries are lower-cased and deduplicated; those shorter than 4 characters
// are left out, because the policy refuses any password whose core is that
// short anyway.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"log"
	"os"
	"strings"
	"unicode/utf8"
)

func main() {
	in := flag.String("in", "package/src/passwords.json", "passwords.json of @zxcvbn-ts/language-common")
	out := flag.String("out", "models/common-passwords.txt.gz", "file to write")
	flag.Parse()
	raw, err := os.ReadFile(*in)
	if err != nil {
		log.Fatal(err)
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil {
		log.Fatal(err)
	}
	seen := map[string]bool{}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	n := 0
	for _, p := range list {
		p = strings.ToLower(strings.TrimSpace(p))
		if utf8.RuneCountInString(p) < 4 || strings.ContainsAny(p, "\n\r") || seen[p] {
			continue
		}
		seen[p] = true
		zw.Write([]byte(p + "\n"))
		n++
	}
	if err := zw.Close(); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d passwords, %d bytes", n, buf.Len())
}
