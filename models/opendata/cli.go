package opendata

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/mattn/go-isatty"

	"carnet/models"
)

// ImportUsage is the help of the import command.
const ImportUsage = `Usage: carnet import FILE --source NAME [options]

Imports a file of the national standard « lieux de médiation numérique »
(v0.1.1 to v1.0.2; CSV, JSON, GeoJSON or JSON Lines) into the database, one actor and one
offer service per place, and prints the report.

Options:
  --source NAME          source the places belong to (required): 1 to 64 of
                         a-z, 0-9, . _ - (capitals read in lower case)
  --dry-run              check and report without writing
  --format csv|json      the file's format (default: from its content)
  --db PATH              database file (default: CARNET_DB or ./carnet.db)
  --snapshot             archive the source's places absent from the file
  --allow-mass-archive   let --snapshot archive more than 20% of the source
  --report-json          print the report as JSON instead of text
  --strict               exit non-zero when any row is rejected (the other
                         rows are stored all the same); without it only an
                         import that rejects every row fails
`

// ReportJSON converts a report to the API's JSON shape; set by the
// handlers package's caller so that the CLI and the API print the same
// document without this package depending on handlers.
type ReportJSON func(*Report) any

// RunImport is the import command: main delegates to it. It shows a
// progress bar on stderr when stderr is a terminal.
func RunImport(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, toJSON ReportJSON) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	source := fs.String("source", "", "")
	dryRun := fs.Bool("dry-run", false, "")
	format := fs.String("format", "", "")
	db := fs.String("db", "", "")
	snapshot := fs.Bool("snapshot", false, "")
	allowMass := fs.Bool("allow-mass-archive", false, "")
	reportJSON := fs.Bool("report-json", false, "")
	strict := fs.Bool("strict", false, "")
	// The file may come before or after the flags.
	var file string
	rest := args
	for len(rest) > 0 {
		if err := fs.Parse(rest); err != nil {
			return fmt.Errorf("import: %w\n\n%s", err, ImportUsage)
		}
		rest = fs.Args()
		if len(rest) > 0 {
			if file != "" {
				return fmt.Errorf("import takes one file\n\n%s", ImportUsage)
			}
			file, rest = rest[0], rest[1:]
		}
	}
	if file == "" || *source == "" {
		return fmt.Errorf("import needs a FILE and --source\n\n%s", ImportUsage)
	}
	if *format != "" && *format != FormatCSV && *format != FormatJSON {
		return errors.New("--format must be csv or json")
	}
	// The source is checked before the file or the database is opened
	// (Import checks it again for its other callers): a name no record can
	// take is the operator's typo, said once, with a non-zero exit.
	if err := models.CheckSourceName(strings.ToLower(strings.TrimSpace(*source))); err != nil {
		return fmt.Errorf("--source %q: %w", *source, cliError(err))
	}
	if *db == "" {
		*db = getenv("CARNET_DB")
	}
	if *db == "" {
		*db = "./carnet.db"
	}
	opt := ImportOptions{Source: *source, Format: *format, DryRun: *dryRun, Snapshot: *snapshot, AllowMassArchive: *allowMass}
	rep, err := importFile(ctx, file, *db, opt, stderr)
	if err != nil {
		// A refusal is reported as a result is (session 37: a script
		// reading --report-json found nothing on standard output).
		err = cliError(err)
		rep = refused(rep, opt, err)
	}
	var werr error
	if *reportJSON {
		werr = WriteReportJSON(stdout, rep, toJSON)
	} else {
		WriteReport(stdout, rep)
	}
	if err == nil {
		err = werr
	}
	if err == nil {
		err = everyRowRejected(rep)
	}
	if err == nil && *strict && rep.Rejected > 0 {
		stored := "were stored"
		if rep.DryRun {
			stored = "would be stored"
		}
		err = fmt.Errorf("--strict: %d of %d rows were rejected (the others %s); the report above says why", rep.Rejected, rep.Rows, stored)
	}
	return err
}

// importFile imports file into the database db, showing a progress bar on
// stderr when it is a terminal.
func importFile(ctx context.Context, file, db string, opt ImportOptions, stderr io.Writer) (*Report, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var size int64
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	store, err := models.Open(ctx, db, models.Options{})
	if err != nil {
		return nil, err
	}
	defer store.Close()
	if tty, ok := stderr.(*os.File); ok && isatty.IsTerminal(tty.Fd()) {
		opt.Progress = progressBar(stderr, f, size)
	}
	// The history says the operator's command wrote these records, not a
	// partner's sync (who: the system, since no account is behind it).
	rep, err := Import(models.WithChannel(ctx, models.ChannelCLI), store, f, opt)
	if opt.Progress != nil {
		fmt.Fprintln(stderr)
	}
	return rep, err
}

// refused is the report of an import refused with err: what was read before
// it, when anything was (rep), the refusal its last issue, an error of no
// row.
func refused(rep *Report, opt ImportOptions, err error) *Report {
	if rep == nil {
		rep = &Report{Source: strings.ToLower(strings.TrimSpace(opt.Source)), Format: opt.Format, DryRun: opt.DryRun, Snapshot: opt.Snapshot,
			Actors: map[string]int{}, Services: map[string]int{}, Issues: []Issue{}, Readings: []Reading{}}
	}
	rep.issue(Issue{Severity: SeverityError, Reason: "the import was refused: " + err.Error()})
	return rep
}

// everyRowRejected fails an import none of whose rows could be stored,
// once its report is printed: it exited 0, a success to the script that
// ran it (Carnet's own GeoJSON export, 2,497 rows rejected: probe 37b M4).
func everyRowRejected(rep *Report) error {
	if rep.Rows == 0 || rep.Rejected < rep.Rows {
		return nil
	}
	return fmt.Errorf("every row of the file was rejected (%d of %d): nothing was stored; the report above says why", rep.Rejected, rep.Rows)
}

// cliError writes a models.Error for the terminal: its message, then each
// field's reason on its own line.
func cliError(err error) error {
	var e *models.Error
	if errors.As(err, &e) && len(e.Fields) > 0 {
		msgs := make([]string, len(e.Fields))
		for i, fe := range e.Fields {
			msgs[i] = fe.Field + ": " + fe.Reason
		}
		return fmt.Errorf("%s\n  %s", e.Message, strings.Join(msgs, "\n  "))
	}
	return err
}

// progressBar draws the share of the file read so far.
func progressBar(w io.Writer, f *os.File, size int64) func(int) {
	return func(rows int) {
		pos, _ := f.Seek(0, io.SeekCurrent)
		pct := 0.0
		if size > 0 {
			pct = float64(pos) / float64(size)
		}
		const width = 30
		n := min(width, int(pct*width))
		fmt.Fprintf(w, "\r[%s%s] %3.0f%%  %d places", strings.Repeat("#", n), strings.Repeat(".", width-n), pct*100, rows)
	}
}

// WriteReport prints a report for people: totals, then each issue.
func WriteReport(w io.Writer, r *Report) {
	mode := ""
	if r.DryRun {
		mode = " (dry run: nothing was written)"
	}
	fmt.Fprintf(w, "Read %d places from %s for source %q in %s%s: %d stored, %d rejected.\n", r.Rows, fileKind(r.Format), r.Source, r.Elapsed.Round(1e6), mode, r.Rows-r.Rejected, r.Rejected)
	if r.Elapsed > 0 {
		fmt.Fprintf(w, "Rate: %.0f places/s.\n", float64(r.Rows)/r.Elapsed.Seconds())
	}
	fmt.Fprintf(w, "Actors:   %s\nServices: %s\n", counts(r.Actors), counts(r.Services))
	fmt.Fprintf(w, "Rejected rows: %d. Warnings: %d.\n", r.Rejected, r.Warnings)
	if !r.DryRun {
		// Detection follows the change log in the service (FollowDuplicates).
		fmt.Fprintln(w, "Possible duplicates with other sources are looked for by the running service, which follows the change log: see GET /api/v1/duplicates.")
	}
	if p := r.Producer; p != nil {
		cols := make([]string, len(p.Columns))
		for i, c := range p.Columns {
			cols[i] = "« " + c.Column + " » → " + c.ReadAs
			if c.CarnetReading {
				cols[i] += " (Carnet's reading)"
			}
		}
		fmt.Fprintf(w, "\nProducer format: %s, read by %s: %s; derived by its rules: %s.\n", p.Title, mappingOf(p.Mapping), strings.Join(cols, ", "), strings.Join(p.Derived, ", "))
	}
	if r.Diagnosis != nil {
		fmt.Fprintf(w, "\nFile diagnosis: %s.\n", r.Diagnosis.Summary)
	}
	if len(r.Readings) > 0 {
		fmt.Fprintln(w, "\nHow rows that depart from the standard v1.0.2 were read:")
		for _, x := range r.Readings {
			field := x.Field + ": "
			if x.Field == "" {
				field = ""
			}
			rows := "rows"
			if x.Count == 1 {
				rows = "row"
			}
			fmt.Fprintf(w, "  %s%s — %d %s (%s)\n", field, x.How, x.Count, rows, clip(x.Rows))
		}
	}
	if len(r.Issues) == 0 {
		return
	}
	fmt.Fprintln(w, "\nrow\tseverity\tfield\tvalue\treason")
	for _, is := range r.Issues {
		fmt.Fprintf(w, "%d\t%s\t%s\t%q\t%s\n", is.Row, is.Severity, is.Field, is.Value, is.Reason)
	}
}

// fileKind names the file read: « a json file », or « the file » when the
// import was refused before its format was known (it printed « a  file »).
func fileKind(format string) string {
	if format == "" {
		return "the file"
	}
	return "a " + format + " file"
}

func counts(m map[string]int) string {
	if len(m) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%d %s", m[k], k)
	}
	return strings.Join(parts, ", ")
}

// WriteReportJSON writes the report as indented JSON (toJSON, when set,
// converting it to the API's shape), its issues encoded
// one at a time. A report lists every issue by row: a 200,000-row file
// with a warning a row makes 50 MB of JSON, which encoding the report whole
// held in memory three times over (the converted issues, the encoder's
// buffer, its indented copy) and made the command's peak memory grow by
// 200 MB per 100,000 rows. The bytes are the same as encoding it whole
// (TestReportJSONStreamed).
func WriteReportJSON(w io.Writer, rep *Report, toJSON ReportJSON) error {
	encode := func(buf *bytes.Buffer, prefix string, v any) error {
		buf.Reset()
		enc := json.NewEncoder(buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent(prefix, "  ")
		return enc.Encode(v)
	}
	// The report without its issues: its "issues" field is then the
	// empty list, which no string value can contain as these bytes (a
	// string escapes its line breaks).
	issues := rep.Issues
	rep.Issues = []Issue{}
	var v any = rep
	if toJSON != nil {
		v = toJSON(rep)
	}
	var head bytes.Buffer
	err := encode(&head, "", v)
	rep.Issues = issues
	if err != nil {
		return err
	}
	const marker = "\n  \"issues\": []"
	at := bytes.Index(head.Bytes(), []byte(marker))
	if at < 0 || len(issues) == 0 {
		if len(issues) > 0 {
			return errors.New("the report's JSON has no issues field")
		}
		_, err := w.Write(head.Bytes())
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(head.Bytes()[:at+len(marker)-1])
	var buf bytes.Buffer
	for i := range issues {
		if i > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n    ")
		if err := encode(&buf, "    ", issues[i]); err != nil {
			return err
		}
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	}
	bw.WriteString("\n  ")
	bw.Write(head.Bytes()[at+len(marker)-1:])
	return bw.Flush()
}

// mappingOf names the mapping a format is read by: the ANCT's published
// one, or Carnet's own where no ANCT mapping reads the format (France
// Services' list of 2020), whose citation says so.
func mappingOf(mapping string) string {
	if strings.HasPrefix(mapping, mednumCLI) {
		return "the ANCT's mapping " + mapping
	}
	return "a mapping " + mapping
}
