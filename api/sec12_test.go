package api_test

import (
	"testing"

	"carnet/api/apitest"
)

// sec12: a client that refuses gzip (RFC 9110 §12.4.2: a qvalue of 0 in
// any of its spellings, the parameter's name in either case) gets the
// export uncompressed; it used to get gzip bytes it had said it could not
// read whenever q was written 0.0, 0.00, 0.000 or Q=0.
func TestSec12ExportHonoursGzipRefusedInEverySpelling(t *testing.T) {
	e := apitest.New(t)
	createActor(t, e, validActor("Médiathèque"))
	for _, ae := range []string{"gzip;q=0", "gzip;q=0.0", "gzip;q=0.00", "gzip;q=0.000", "gzip; Q=0", "GZIP;q=0.0", "gzip ; q=0", "identity, gzip;q=0.00", "br, gzip;level=1;q=0"} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-csv", Header: map[string]string{"Accept-Encoding": ae}})
		if r.Code != 200 || r.Header().Get("Content-Encoding") != "" {
			t.Errorf("Accept-Encoding %q: %d, Content-Encoding %q, want 200 uncompressed", ae, r.Code, r.Header().Get("Content-Encoding"))
		}
	}
	for _, ae := range []string{"gzip", "gzip;q=0.5", "deflate, gzip;q=1.0", "GZip", "gzip;q=0.001"} {
		r := e.Do(apitest.Request{Method: "GET", Path: "/api/v1/exports/standard-csv", Header: map[string]string{"Accept-Encoding": ae}})
		if r.Code != 200 || r.Header().Get("Content-Encoding") != "gzip" {
			t.Errorf("Accept-Encoding %q: %d, Content-Encoding %q, want 200 gzip", ae, r.Code, r.Header().Get("Content-Encoding"))
		}
	}
}
