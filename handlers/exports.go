package handlers

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"carnet/models"
	"carnet/models/opendata"
)

// ExportInfo describes one open-data export.
type ExportInfo struct {
	Format      string `json:"format" example:"standard-csv"`
	ContentType string `json:"content_type" example:"text/csv; charset=utf-8"`
	Filename    string `json:"filename" example:"lieux-de-mediation-numerique.v1.0.2.csv"`
	Description string `json:"description"`
	URL         string `json:"url" example:"/api/v1/exports/standard-csv"`
}

// ExportList lists the exports.
type ExportList struct {
	Data []ExportInfo `json:"data"`
}

// ListExports godoc
//
//	@ID			listExports
//	@Summary		List the open-data exports
//	@Description	Every open-data export with its media type, file name and URL (GET /api/v1/exports/{format}).
//	@Tags			exports
//	@Produce		json
//	@Security		Anonymous
//	@Security		BearerAuth
//	@Security		PartnerClient
//	@Success		200	{object}	ExportList
//	@Failure		400	{object}	Problem	"Unknown query parameter"
//	@Failure		401	{object}	Problem	"A token was sent but is invalid"
//	@Router			/api/v1/exports [get]
func (h *Handler) ListExports(c *gin.Context) error {
	if err := queryOf(c).err(); err != nil {
		return err
	}
	out := ExportList{Data: make([]ExportInfo, len(opendata.ExportFormats))}
	for i, f := range opendata.ExportFormats {
		out.Data[i] = ExportInfo{Format: f.Name, ContentType: f.ContentType, Filename: f.Filename, Description: f.Description, URL: "/api/v1/exports/" + f.Name}
	}
	writeJSON(c, http.StatusOK, out)
	return nil
}

// Export godoc
//
//	@ID			downloadExport
//	@Summary		Download the directory as open data
//	@Description	Streams the published directory (live actors that are not permanently closed, with their published services): standard-csv (national standard v1.0.2, the schema's 32 columns), standard-json (the same as a JSON array, multi-valued fields as arrays), geojson (FeatureCollection of actors with their services' themes, provenance and quality score), data-inclusion-structures and data-inclusion-services (data·inclusion v1), quality-csv (one row per place: producer, its id and date, the day last checked, the quality score and the criteria missing). The standard's id, source and date_maj are the producer's: its id for the place (Carnet's id when the place has none or shares it with another source), its name, and the day the record was last known correct (the producer's date_maj, or the day someone changed it in Carnet); a place nobody is known to have checked (its producer gave no date, checked_on_undated) is written 1970-01-01, the zero date producers write for none, which an import reads as no date. A service held elsewhere than its structure (an address of its own: a permanence in another town) is a place of its own in standard-csv, standard-json and geojson: its id, address, point and hours (its structure's when it has none) with the structure's name, contacts and provenance, structure_parente (geojson: structure_id) the structure's id; imported back into its source, such a row is left and the service stays as stored. The standard and data·inclusion have no closure field: a temporary closure, current or announced, ends the hours (horaires, horaires_accueil) with an OSM rule closing its days (Mo-Sa 09:00-19:00; Dec 01-10 off; off when it has begun without a reopening date). Phones and e-mails appear only for structures that made them public (contact_public). A place a coordinator confirmed as the same as another record (a confirmed duplicate link that exists for anyone, both records live) is exported once, in its kept record: the hidden record and its services are left out, unless include_duplicates=true; a suggested link changes nothing. Sent gzip-compressed when Accept-Encoding allows it. ETag and Last-Modified follow the last change of the directory anyone may know of — not a change of private contacts alone nor of a draft — and the day (statuses follow closure dates in each place's time zone, scores follow freshness): Last-Modified is the later of that change and the last local midnight, here or overseas; send If-None-Match to get 304. X-Changes-Cursor is the change-feed cursor of the exported state: download once, then follow /api/v1/changes from it. The export of a state is made once and kept: every download of that state gets the same bytes, with their Content-Length (a download asked for while it is being made waits for it). Each format answers one media type, listed below: an Accept header that names only other types, with no wildcard covering it (*/* or type/*), answers 406 problem+json naming Accept.
//	@Tags			exports
//	@Produce		text/csv
//	@Produce		json
//	@Produce		application/geo+json
//	@Security		Anonymous
//	@Security		BearerAuth
//	@Security		PartnerClient
//	@Param			format	path		string	true	"Export format"	Enums(standard-csv, standard-json, geojson, data-inclusion-structures, data-inclusion-services, quality-csv)
//	@Param			include_duplicates	query	bool	false	"Include the hidden record of each confirmed duplicate link and its services, left out otherwise (a place a coordinator confirmed as one is exported once, in its kept record); such an export is made for the request, not kept, and its ETag is its own"
//	@Success		200		{file}		file	"The export"
//	@Header			200		{string}	ETag				"Changes with the directory"
//	@Header			200		{string}	Last-Modified		"The later of the directory's last public change and the last local midnight (here or overseas) its statuses are evaluated at, rounded up to the whole second once that second is over: If-Modified-Since answers 304 only from the end of the second of the last change"
//	@Header			200		{string}	Content-Disposition	"attachment; filename=..."
//	@Header			200		{integer}	Content-Length		"Size of the body as sent (compressed when Content-Encoding is gzip); absent only for an export larger than the server keeps, which is streamed"
//	@Header			200		{string}	X-Changes-Cursor	"The export is the directory as of this change: follow GET /api/v1/changes?cursor=<it> to stay in sync"
//	@Success		304		"Not modified"
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem	"A token was sent but is invalid"
//	@Failure		404		{object}	Problem	"Unknown format"
//	@Router			/api/v1/exports/{format} [get]
func (h *Handler) Export(c *gin.Context) error {
	f, ok := opendata.LookupFormat(c.Param("format"))
	if !ok {
		names := make([]string, len(opendata.ExportFormats))
		for i, x := range opendata.ExportFormats {
			names[i] = x.Name
		}
		return models.Errorf(models.ENOTFOUND, "No export is named %q%s; formats: %s.", clip(c.Param("format")), exportHint(c.Param("format")), strings.Join(names, ", "))
	}
	q := queryOf(c)
	withDuplicates := q.flag("include_duplicates")
	if err := q.err(); err != nil {
		return err
	}
	// The operation answers three types, so the router's check (406 when
	// Accept names none of them) let text/csv through to standard-json;
	// each format answers one, and a header naming only others is the
	// same refusal. A wildcard covering the format's type still gets it.
	media, _, _ := strings.Cut(f.ContentType, ";")
	if _, ok := Negotiate(strings.Join(c.Request.Header.Values("Accept"), ","), media); !ok {
		return &models.Error{Code: models.ENOTACCEPTABLE,
			Message: fmt.Sprintf("The export %s answers %s only; send it in Accept, or */*.", f.Name, media),
			Fields:  []models.FieldError{{Field: "Accept", Reason: "accepts none of the media types this export answers: " + media}}}
	}
	gz := AcceptsGzip(c.GetHeader("Accept-Encoding"))
	ctx := c.Request.Context()
	if withDuplicates {
		return h.exportWithDuplicates(c, f, gz)
	}
	// A client holding the current state gets 304 before anything is
	// walked or copied.
	cur, err := h.Store.ExportStateNow(ctx)
	if err != nil {
		return err
	}
	if !exportHeaders(c, f, cur, gz, h.Store.Now()) {
		return nil
	}
	if h.Exports == nil {
		return h.streamExport(c, f, gz)
	}
	kept, err := h.Exports.Get(ctx, h.Store, f.Name, cur)
	if err != nil {
		return err
	}
	if kept == nil {
		return h.streamExport(c, f, gz) // larger than the cache keeps
	}
	// The kept export may be of a later state than cur (a change came
	// while it was made): its headers are its own.
	if !exportHeaders(c, f, kept.State, gz, h.Store.Now()) {
		return nil
	}
	hd := c.Writer.Header()
	if gz {
		hd.Set("Content-Encoding", "gzip")
		hd.Set("Content-Length", strconv.Itoa(len(kept.Gzip)))
		c.Status(http.StatusOK)
		_, err = c.Writer.Write(kept.Gzip)
	} else {
		hd.Set("Content-Length", strconv.FormatInt(kept.Size, 10))
		c.Status(http.StatusOK)
		var zr *gzip.Reader
		if zr, err = gzip.NewReader(bytes.NewReader(kept.Gzip)); err == nil {
			_, err = io.Copy(c.Writer, zr)
		}
	}
	if err != nil {
		// The client went away while reading, or the kept bytes are
		// broken: the status line is gone, cut the stream.
		h.Log.DebugContext(ctx, "export cut while sending", "request_id", RequestID(c), "format", f.Name, "error", err.Error())
		panic(http.ErrAbortHandler)
	}
	return nil
}

// exportHeaders sets the headers of an export of state st and answers 304
// when the client already holds it (reporting false: nothing more to send).
func exportHeaders(c *gin.Context, f opendata.ExportFormat, st models.ExportState, gz bool, now time.Time) bool {
	etag := fmt.Sprintf(`"%s-%d-%s"`, f.Name, st.Seq, st.Day)
	if gz {
		etag = fmt.Sprintf(`"%s-%d-%s-gzip"`, f.Name, st.Seq, st.Day)
	}
	hd := c.Writer.Header()
	hd.Set("ETag", etag)
	// Accept too: the same URL is refused to a client that accepts
	// only other types, and a shared cache must not answer it the file.
	AddVary(hd, "Accept", "Accept-Encoding")
	hd.Set("Cache-Control", "public, max-age=60")
	// The export differs from one day to the next without a change
	// (closures, freshness): it was last modified when the later of its
	// last public change and its day began, or a revalidation with
	// If-Modified-Since would keep yesterday's statuses for ever.
	modified := st.At
	if st.DayBegan.After(modified) {
		modified = st.DayBegan
	}
	if !modified.IsZero() {
		hd.Set("Last-Modified", lastModified(modified, now).UTC().Format(http.TimeFormat))
	} else {
		hd.Del("Last-Modified")
	}
	for _, t := range strings.Split(c.GetHeader("If-None-Match"), ",") {
		if t = strings.TrimPrefix(strings.TrimSpace(t), "W/"); t == etag || t == "*" {
			c.Status(http.StatusNotModified)
			return false
		}
	}
	if ims, err := time.Parse(http.TimeFormat, c.GetHeader("If-Modified-Since")); err == nil && c.GetHeader("If-None-Match") == "" && !modified.IsZero() && !secondEnd(modified).After(ims) {
		c.Status(http.StatusNotModified)
		return false
	}
	// The export is one read transaction: exactly the state after change
	// st.Seq, so a reuser can follow the feed from there.
	hd.Set("X-Changes-Cursor", strconv.FormatInt(st.Seq, 10))
	hd.Set("Content-Type", f.ContentType)
	hd.Set("Content-Disposition", `attachment; filename="`+f.Filename+`"`)
	return true
}

// Last-Modified has whole seconds while changes do not: two states made in
// the same second would share it, and If-Modified-Since would answer 304 to
// a client holding the first (RFC 9110 §13.1.3 leaves the granularity to
// the server). So a copy is unmodified only when its date is at or after
// secondEnd of the last change, and Last-Modified says that end once it
// has passed; before, it says the change's own second (never a date after
// the answer, §8.8.2.1), which the next revalidation will not find
// unmodified. A copy dated D was made at D or later, so any later change
// ends its second after D: never a stale 304, at worst one download more.
// If-None-Match, which takes precedence, compares the exact state.

// secondEnd is t rounded up to the whole second.
func secondEnd(t time.Time) time.Time {
	if tr := t.Truncate(time.Second); tr.Before(t) {
		return tr.Add(time.Second)
	}
	return t
}

// lastModified is the Last-Modified of a state last modified at modified,
// served at now.
func lastModified(modified, now time.Time) time.Time {
	if end := secondEnd(modified); !end.After(now) {
		return end
	}
	return modified.Truncate(time.Second)
}

// streamExport walks the directory for this request alone, writing as it
// goes: the path of an export larger than the cache keeps.
func (h *Handler) streamExport(c *gin.Context, f opendata.ExportFormat, gz bool) error {
	return h.streamAs(c, f, f, gz)
}

// streamAs streams the export in format f with the headers of tagged (its
// ETag names tagged.Name).
func (h *Handler) streamAs(c *gin.Context, f, tagged opendata.ExportFormat, gz bool) error {
	var w io.Writer = c.Writer
	var zw *gzip.Writer
	started := false
	err := h.Exports.Stream(c.Request.Context(), h.Store, f.Name, writerFunc(func(p []byte) (int, error) { return w.Write(p) }), func(st models.ExportState) (bool, error) {
		if !exportHeaders(c, tagged, st, gz, h.Store.Now()) {
			return false, nil
		}
		if gz {
			c.Writer.Header().Set("Content-Encoding", "gzip")
			zw, _ = gzip.NewWriterLevel(c.Writer, gzip.DefaultCompression)
			w = zw
		}
		c.Status(http.StatusOK)
		started = true
		return true, nil
	})
	if err == nil && zw != nil {
		err = zw.Close()
	}
	if err != nil {
		if !started {
			return err
		}
		// The status line is gone: all we can do is cut the stream, so
		// that the client sees a truncated download rather than a
		// complete-looking file.
		h.Log.ErrorContext(c.Request.Context(), "export failed while streaming", "request_id", RequestID(c), "format", f.Name, "error", err.Error())
		panic(http.ErrAbortHandler)
	}
	return nil
}

// exportWithDuplicates streams the export with the newer record of each
// confirmed duplicate link (include_duplicates=true): made for this
// request alone, never kept (the kept exports are the directory as it is
// served), and tagged apart from the export without them.
func (h *Handler) exportWithDuplicates(c *gin.Context, f opendata.ExportFormat, gz bool) error {
	tagged := f
	tagged.Name += "-with-duplicates"
	cur, err := h.Store.ExportStateNow(c.Request.Context())
	if err != nil {
		return err
	}
	if !exportHeaders(c, tagged, cur, gz, h.Store.Now()) {
		return nil
	}
	c.Request = c.Request.WithContext(models.WithDuplicates(c.Request.Context()))
	return h.streamAs(c, f, tagged, gz)
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// exportHint names the format a client most likely meant when it asked
// for an export by its file name (the listing's filename, or any name
// ending in .csv, .json or .geojson), or "".
func exportHint(name string) string {
	lower := strings.ToLower(name)
	for _, f := range opendata.ExportFormats {
		if lower == strings.ToLower(f.Filename) {
			return " (that is the file name of " + f.Name + ": the path takes the format)"
		}
	}
	for _, ext := range []struct{ suffix, format string }{{".geojson", "geojson"}, {".csv", "standard-csv"}, {".json", "standard-json"}} {
		if strings.HasSuffix(lower, ext.suffix) {
			return "; did you mean " + ext.format + "?"
		}
	}
	return ""
}
