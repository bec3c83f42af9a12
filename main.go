// Command carnet runs the Carnet directory API: the shared address book of
// digital-inclusion actors, their services and referrals between them.
//
//	@title						Carnet API
//	@version					1.1
//	@description				Carnet is the shared "méta carnet d'adresses" of digital-inclusion actors (structures at places), the services they offer and the referrals between them. Public reads need no token; writes need a bearer token from POST /api/v1/auth/login. Errors are RFC 9457 problem documents (application/problem+json). Every GET operation also answers HEAD (its status and headers, no body); a method a path does not serve answers 405, a problem document (no body for HEAD), with an Allow header listing the methods it does. Every list and feed answers {data, meta, links} and pages with the opaque cursor of meta.next_cursor (README, API conventions). Timestamps in answers are RFC 3339 in UTC with exactly six fraction digits (2026-11-20T09:30:00.000000Z: the microseconds stored), so that they compare as text; any RFC 3339 time is read in parameters. Names marked deprecated are former names, kept until version 1.2. Vocabulary values are the national standard « lieux de médiation numérique » v1.0.2's exact strings (see /api/v1/vocabularies).
//	@contact.name				Carnet team
//	@license.name				AGPL-3.0-or-later
//	@license.url				https://www.gnu.org/licenses/agpl-3.0.html
//	@tag.name					actors
//	@tag.description			Structures at places (the standard's « lieux »): public reads, writes by their editors.
//	@tag.name					services
//	@tag.description			What actors offer: access to equipment, help with procedures, workshops, training…
//	@tag.name					search
//	@tag.description			Full-text, near-me, facets and opening hours over the published directory.
//	@tag.name					orientation
//	@tag.description			Needs-based suggestions for a person's situation, without identifying data.
//	@tag.name					stats
//	@tag.description			The territory diagnostic.
//	@tag.name					vocabularies
//	@tag.description			The controlled lists, with the national standard's exact strings.
//	@tag.name					referrals
//	@tag.description			Sending a person to another structure's service; visible only to the two structures.
//	@tag.name					members
//	@tag.description			Structures' teams: members, invitations and join requests.
//	@tag.name					suggestions
//	@tag.description			Changes proposed by people who do not manage a record, moderated by those who do.
//	@tag.name					history
//	@tag.description			Who changed what, when and through which channel.
//	@tag.name					sync
//	@tag.description			Partners' bulk upserts and imports of the national standard, keyed by their own ids.
//	@tag.name					changes
//	@tag.description			The change feed, with tombstones, for reusers keeping a copy.
//	@tag.name					exports
//	@tag.description			The whole directory in the national formats (standard CSV/JSON, GeoJSON, data·inclusion).
//	@tag.name					duplicates
//	@tag.description			Possible duplicates across sources, confirmed or dismissed by moderators.
//	@tag.name					auth
//	@tag.description			Log in, tokens (OAuth2 client credentials and refresh), log out.
//	@tag.name					me
//	@tag.description			The caller's account, roles and password.
//	@tag.name					accounts
//	@tag.description			Accounts and invitations, for platform administrators.
//	@tag.name					partner clients
//	@tag.description			Partner institutions' systems, their sources and scopes.
//	@tag.name					operations
//	@tag.description			Health and readiness probes.
//	@tag.name					communes
//	@tag.description			The official commune reference (INSEE's COG) that every address, filter and diagnostic rests on.
//	@tag.name					quality
//	@tag.description			Records of a territory to check again, for coordinators.
//	@tag.name					hsds
//	@tag.description			The public directory as an Open Referral HSDS 3.0 API (its own pagination and filters, as the standard says).
//	@tag.name					webhooks
//	@tag.description			Partners' endpoints receiving the directory's changes, signed as Standard Webhooks says, retried, in order per record; their delivery logs and replays.
//	@securityDefinitions.apikey	BearerAuth
//	@in							header
//	@name						Authorization
//	@description				An access token, sent as Authorization: Bearer <token> (the generator rewrites this scheme as HTTP bearer).
//	@securitydefinitions.oauth2.application	PartnerClient
//	@tokenUrl								/api/v1/auth/token
//	@scope.directory:write					Create and change the records of the client's own sources
//	@scope.sync:write						Bulk sync and import the client's own sources
//	@scope.webhooks:manage					Register and manage the client's own webhook subscriptions
//	@description							Partner clients: the OAuth2 client credentials flow (client_id and client_secret from an administrator, in the form body or with HTTP Basic authentication). Scopes are set by the administrator when registering the client; asking for some changes nothing.
package main

import (
	"cmp"
	"context"
	"crypto/rand"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	netmail "net/mail"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"carnet/api"
	"carnet/api/searchbench"
	"carnet/handlers"
	"carnet/models"
	"carnet/models/commune"
	"carnet/models/mail"
	"carnet/models/notify"
	"carnet/models/opendata"
	"carnet/models/webhook"
)

// go generate regenerates docs/ (swag) and openapi.yaml from the annotations;
// TestOpenAPIInSync fails when they are stale.
//go:generate go test -run TestOpenAPIInSync ./api -args -update

//go:embed openapi.yaml
var openapiYAML []byte

// version is the release, set at build time with
// -ldflags "-X main.version=v1.2.0" (the Dockerfile does); without it the
// build's VCS stamp is used (see buildVersion).
var version = ""

// buildVersion names the running build: the release set at link time, else
// the module version, else the commit the binary was built from (go build
// stamps it in a git checkout; "-dirty" when the tree had changes), else
// "dev" (go run and go test do not stamp).
func buildVersion() string {
	if version != "" {
		return version
	}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev string
	var dirty bool
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return "dev-" + rev
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := checkSetButEmpty(os.LookupEnv)
	if err == nil {
		err = run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "carnet:", err)
		os.Exit(1)
	}
}

// checkSetButEmpty refuses CARNET_ADDR and CARNET_DB set to nothing: read
// as unset they would mean every interface, and ./carnet.db (perhaps a
// running server's file), which is seldom what an empty value in a unit
// file or a compose file meant. Other variables set empty take their
// default (README, Configuration).
func checkSetButEmpty(lookup func(string) (string, bool)) error {
	var errs []error
	for _, k := range []string{"CARNET_ADDR", "CARNET_DB"} {
		if v, ok := lookup(k); ok && strings.TrimSpace(v) == "" {
			errs = append(errs, fmt.Errorf("%s is set but empty: unset it for the default, or give a value", k))
		}
	}
	return errors.Join(errs...)
}

// run is the whole program with its environment injected, so that tests can
// start it on port 0 against a temporary database and stop it by cancelling
// ctx.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	if help, ok := commandHelp[cmd]; ok && wantsHelp(args) {
		fmt.Fprint(stdout, help)
		return nil
	}
	switch cmd {
	case "serve":
		return serve(ctx, args, getenv, stdout)
	case "admin":
		return admin(ctx, args, getenv, stdin, stdout)
	case "healthcheck":
		return healthcheck(ctx, args, getenv, stdout)
	case "referrals":
		return referralsCmd(ctx, args, getenv, stdout)
	case "mailsink":
		return mailsink(ctx, args, stdout)
	case "bench": // search benchmark and seeding (issue 5)
		return searchbench.Run(ctx, args, getenv, stdout)
	case "migrate-db":
		return migrateDB(ctx, args, stdout)
	case "backup":
		return backup(ctx, args, getenv, stdout)
	case "import":
		return opendata.RunImport(ctx, args, getenv, stdout, stderr, func(r *opendata.Report) any { return handlers.NewImportReport(r) })
	case "version", "--version", "-version":
		fmt.Fprintf(stdout, "carnet %s\n", buildVersion())
		return nil
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		return nil
	default:
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("unknown command %q", cmd)
	}
}

const usage = `Usage: carnet [command]

Commands:
  serve                        run the API (the default)
  admin create --email E       create a platform administrator; the password
        [--password P | --password-stdin]   comes from --password, standard input or CARNET_ADMIN_PASSWORD
  healthcheck [--url U]        exit 0 when the running service answers /readyz
  referrals maintain           expire unanswered referrals, send reminders, close
                               forgotten ones as no_outcome, erase personal data past
                               retention (the service also does it periodically)
  mailsink [--addr A] [--dir D] a test SMTP server printing (and saving) what it
                               receives (default 127.0.0.1:2525; delivers nothing)
  bench search|seed …          measure search over HTTP, or fill CARNET_DB (see README)
  import FILE --source NAME    import a file of the national standard (CSV or JSON);
        [--dry-run] [--format csv|json] [--db PATH] [--snapshot] [--report-json]
  migrate-db --from sqlite:FILE --to postgres://…
                               copy a SQLite database into an empty PostgreSQL one
  backup --to FILE [--db PATH] copy the SQLite database, online and consistent,
                               into a new owner-only file
  version                      print the version (also --version)
  help                         show this text; "carnet COMMAND --help" shows one command's

Configuration is read from environment variables; see README.md.
`

// commandHelp is each command's own help, printed (exit status 0) by
// "carnet COMMAND --help".
var commandHelp = map[string]string{
	"serve": `Usage: carnet serve

Runs the API until interrupted (SIGINT or SIGTERM), then lets the requests
in flight finish for up to 15 s, cuts those still running (logged) and
exits 0. It takes no arguments: configuration is read from CARNET_*
environment variables (CARNET_ADDR, CARNET_DB, CARNET_JWT_SECRET…; see
README.md, section Configuration).
`,
	"admin": `Usage: carnet admin create --email E [--password P | --password-stdin]

Creates a platform administrator in CARNET_DB. The password comes from
--password (visible in shell history), --password-stdin (one line read from
standard input) or CARNET_ADMIN_PASSWORD.
`,
	"healthcheck": `Usage: carnet healthcheck [--url U]

Exits 0 when the running service answers 200 on /readyz (default URL built
from CARNET_ADDR, else http://127.0.0.1:8080/readyz), 1 otherwise. The
container image uses it as its HEALTHCHECK.
`,
	"referrals": `Usage: carnet referrals maintain

Runs the referral lifecycle's periodic work once: expires referrals left
unanswered past CARNET_REFERRAL_EXPIRY, reminds receiving structures
(CARNET_REFERRAL_REMIND_SENT, CARNET_REFERRAL_REMIND_ACCEPTED), closes as
no_outcome those accepted past CARNET_REFERRAL_NO_OUTCOME, erases the
personal data and messages of those past CARNET_REFERRAL_RETENTION, and
deletes expired sign-ups and old e-mails. The service also does it every
CARNET_MAINTENANCE_INTERVAL. E-mails it queues are sent by the running
service.
`,
	"mailsink": `Usage: carnet mailsink [--addr 127.0.0.1:2525] [--dir DIR]

A test SMTP server for trying notifications without a mail server: it
accepts every message and prints it (recipient, subject, Message-ID, text)
on standard output, delivering nothing; with --dir it also writes each
one so, decoded, to DIR/NNNN-recipient.txt. Point the service at it with
CARNET_SMTP_URL=smtp://127.0.0.1:2525?starttls=none. Stop it with Ctrl-C.
`,
	"backup": `Usage: carnet backup --to FILE [--db PATH]

Copies the SQLite database (--db, else CARNET_DB, else ./carnet.db) into
FILE, a new file readable by its owner only, while the service runs: one
consistent snapshot holding every write committed before it started (a cp
of carnet.db during writes misses those still in carnet.db-wal). FILE must
not exist. The copy is checked (PRAGMA quick_check) and its tables and
rows counted. To restore: stop the service, remove carnet.db-wal and
carnet.db-shm, copy FILE over carnet.db, start it. A PostgreSQL database
is backed up with pg_dump.
`,
	"bench":  searchbench.Usage,
	"import": opendata.ImportUsage,
	"migrate-db": `Usage: carnet migrate-db --from sqlite:FILE --to postgres://USER@HOST/DB

Copies every table of a SQLite database into an empty PostgreSQL database
(both are migrated to this version's schema first), in one transaction:
on error, nothing is copied. Stop the service first, then point CARNET_DB
at the PostgreSQL URL. See README.md, section PostgreSQL.
`,
}

// wantsHelp reports whether args ask for help rather than for work.
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "-h", "-help", "--help", "help":
			return true
		case "--":
			return false
		}
	}
	return false
}

// serve runs the HTTP service until ctx is cancelled, then drains in-flight
// requests.
func serve(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) > 0 {
		return fmt.Errorf("serve takes no arguments (configuration is in CARNET_* variables)")
	}
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stdout)
	for _, w := range cfg.Warnings {
		log.Warn(w)
	}
	if cfg.JWTGenerated {
		log.Warn("CARNET_JWT_SECRET is not set: using a random key, so tokens will not survive a restart (development mode only)")
	}
	// The port first: one already in use was found only after the
	// migrations had created or changed the database.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("CARNET_ADDR %s: cannot listen (%w); nothing was opened nor migrated", cfg.Addr, err)
	}
	defer ln.Close() // the server closes it too; this covers the returns before it serves
	store, err := models.Open(ctx, cfg.DBPath, cfg.storeOptions(log))
	if err != nil {
		return err
	}
	defer store.Close()
	if cfg.SMTP == nil {
		log.Info("e-mail notifications disabled: CARNET_SMTP_URL is not set (invitation tokens are shown to inviters, self sign-up is closed)")
	}
	if cfg.BootEmail != "" {
		if err := bootstrapAdmin(ctx, store, cfg, log); err != nil {
			return err
		}
	}
	tokens, err := api.NewTokens(api.TokenConfig{Secret: cfg.JWTSecret, PreviousSecrets: cfg.JWTPrevious, Issuer: cfg.JWTIssuer, Audience: cfg.JWTAudience, TTL: cfg.TokenTTL})
	if err != nil {
		return err
	}
	// The commune reference loads on first use; the service reads it while
	// the index builds so that no request waits for it.
	if err := commune.Load(); err != nil {
		return err
	}
	whc := cfg.Webhooks
	whc.Store, whc.Render, whc.Log, whc.UserAgent = store, handlers.RenderWebhook, log, "Carnet-Webhooks/"+buildVersion()
	hooks := webhook.New(whc)
	if whc.Guard.AllowPrivate {
		log.Warn("webhooks may call private and loopback addresses (CARNET_WEBHOOK_ALLOW_PRIVATE): keep it for development or a private network of trusted partners")
	}
	if cfg.MetricsToken == "" && cfg.Env == "production" {
		log.Warn("CARNET_METRICS_TOKEN is not set: /metrics answers only clients on this machine connecting directly; set the token for a scraper elsewhere")
	}
	handler, err := api.NewServer(api.Config{Store: store, Tokens: tokens, Logger: log, MaxBodyBytes: cfg.MaxBodyBytes, CORSOrigins: cfg.CORSOrigins,
		OpenAPI: openapiYAML, RefreshTTL: cfg.RefreshTTL, TrustedProxies: cfg.Proxies, Version: buildVersion(), MetricsToken: cfg.MetricsToken, PublicURL: cfg.PublicURL,
		SignupOpen: cfg.Signup, Webhooks: hooks})
	if err != nil {
		return err
	}
	srv := &http.Server{
		Addr:              cfg.Addr,
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    api.ServerMaxHeaderBytes, // the router answers 431 itself, as a problem

		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("listening", "version", buildVersion(), "addr", ln.Addr().String(), "db", models.RedactDSN(cfg.DBPath), "engine", store.Engine(), "env", cfg.Env, "docs", "/docs/index.html")
	jobs, stopJobs := context.WithCancel(context.WithoutCancel(ctx))
	defer stopJobs()
	go maintain(jobs, store, cfg, log)
	mailDone := make(chan struct{})
	if cfg.SMTP != nil {
		w := notify.New(notify.Config{Store: store, Sender: mail.NewClient(*cfg.SMTP), From: cfg.MailFrom, Links: cfg.Links, Log: log,
			Backoff: notify.ExponentialBackoff(cfg.MailRetry)})
		store.OnOutbox(w.Wake)
		log.Info("e-mail notifications enabled", "smtp", cfg.SMTP.String(), "from", cfg.MailFrom.Address, "links", cfg.Links.Base.String())
		go func() { defer close(mailDone); w.Run(jobs) }()
	} else {
		close(mailDone)
	}
	hooksDone := make(chan struct{})
	go func() {
		defer close(hooksDone)
		if err := hooks.Run(jobs); err != nil {
			log.Error("webhooks: the worker stopped", "error", err.Error())
		}
	}()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	stopJobs()
	// The mail and webhook workers finish the message in hand, so that one
	// the server accepted is recorded as sent and not sent again after the
	// restart.
	<-mailDone
	<-hooksDone
	if err := drain(srv, log); err != nil {
		return err
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// shutdownGrace is how long a stopping service lets the requests in
// flight finish (a slow client's download among them) before it cuts
// them. A variable so that a test need not wait for it.
var shutdownGrace = 15 * time.Second

// drain stops accepting connections and waits up to shutdownGrace for the
// requests in flight; those still running then are cut, and it says so in
// the log. That is the stop working as designed, not a failure: the
// process exits 0, so that a supervisor (systemd, an orchestrator) does
// not record a failed stop; the clients cut see a truncated response
// (shorter than its Content-Length, or an unterminated chunked body). It
// returned « shutdown: context deadline exceeded », exit 1 (probe 39a F9).
func drain(srv *http.Server, log *slog.Logger) error {
	// A fresh context: the parent one is already cancelled.
	ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err := srv.Shutdown(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	log.Warn("shutdown: the grace period is over: the requests still running are cut (their clients get a truncated response)", "grace", shutdownGrace.String())
	return srv.Close()
}

func newLogger(cfg config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

// bootstrapAdmin creates the first administrator from the environment when
// the account does not exist yet: container deployments have no shell to run
// "carnet admin create" in.
func bootstrapAdmin(ctx context.Context, store *models.Store, cfg config, log *slog.Logger) error {
	_, err := store.CreateUser(ctx, models.NewUser{Email: cfg.BootEmail, Password: cfg.BootPassword, PlatformAdmin: true})
	switch models.ErrorCode(err) {
	case "":
		log.Info("bootstrap administrator created", "email", cfg.BootEmail)
		return nil
	case models.ECONFLICT:
		return nil // created on an earlier start
	default:
		return fmt.Errorf("CARNET_BOOTSTRAP_ADMIN_*: %w", err)
	}
}

// admin manages accounts from the command line.
func admin(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return errors.New("usage: carnet admin create --email E [--password P | --password-stdin]")
	}
	fs := flag.NewFlagSet("admin create", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	email := fs.String("email", "", "e-mail of the administrator")
	password := fs.String("password", "", "password (visible in shell history: prefer --password-stdin)")
	fromStdin := fs.Bool("password-stdin", false, "read the password from standard input")
	if err := fs.Parse(args[1:]); err != nil {
		return fmt.Errorf("admin create: %w", err)
	}
	pw := *password
	switch {
	case *fromStdin:
		b, err := io.ReadAll(io.LimitReader(stdin, 4096))
		if err != nil {
			return err
		}
		pw = strings.TrimRight(string(b), "\r\n")
	case pw == "":
		pw = getenv("CARNET_ADMIN_PASSWORD")
	}
	if *email == "" || pw == "" {
		return errors.New("admin create needs --email and a password (--password, --password-stdin or CARNET_ADMIN_PASSWORD)")
	}
	store, cfg, err := openStore(ctx, getenv)
	if err != nil {
		return err
	}
	defer store.Close()
	u, err := store.CreateUser(ctx, models.NewUser{Email: *email, Password: pw, PlatformAdmin: true})
	if err != nil {
		var e *models.Error
		if errors.As(err, &e) && len(e.Fields) > 0 {
			msgs := make([]string, len(e.Fields))
			for i, f := range e.Fields {
				msgs[i] = f.Field + " " + f.Reason
			}
			return fmt.Errorf("%s: %s", e.Message, strings.Join(msgs, "; "))
		}
		return err
	}
	fmt.Fprintf(stdout, "administrator %s created (id %s) in %s\n", u.Email, u.ID, models.RedactDSN(cfg.DBPath))
	return nil
}

// maintain runs the referral lifecycle's periodic work — expiry and
// retention — once every cfg.Maintenance across all the replicas on the
// database: each checks often whether the job is due and the first to
// claim it runs it (Store.ClaimJob). It logs counts only: never who was
// concerned.
func maintain(ctx context.Context, store *models.Store, cfg config, log *slog.Logger) {
	host, _ := os.Hostname()
	runner := fmt.Sprintf("%s/%d", host, os.Getpid())
	t := time.NewTicker(min(max(cfg.Maintenance/10, time.Second), time.Minute))
	defer t.Stop()
	for {
		failed := repairIndexes(ctx, store, log)
		claimed, err := store.ClaimJob(ctx, "referral-maintenance", runner, cfg.Maintenance)
		if err != nil && ctx.Err() == nil {
			log.Error("referral maintenance: cannot claim the job", "error", err.Error())
		}
		failed = errors.Join(failed, err)
		if claimed {
			r, err := store.Maintain(ctx, cfg.Referrals)
			failed = errors.Join(failed, err)
			if err != nil && ctx.Err() == nil {
				log.Error("referral maintenance failed", "error", err.Error())
			} else if err == nil {
				log.Info("referral maintenance", "expired", r.Expired, "reminded", r.Reminded, "no_outcome", r.NoOutcome,
					"anonymized", r.Anonymized, "purged", r.Purged, "snapshot_sessions_purged", r.Snapshots, "runner", runner)
			}
		}
		if ctx.Err() == nil {
			store.WorkerResult("maintenance", failed) // for readyz; tried again at the next tick
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// repairIndexes creates again the indexes a first `carnet import` dropped
// and could not create again, its process having died: checked at each
// tick of the maintenance loop (a count of an empty table when there are
// none), so that they are not missing until this server's next start.
func repairIndexes(ctx context.Context, store *models.Store, log *slog.Logger) error {
	n, err := store.RepairDeferredIndexes(ctx)
	switch {
	case err != nil && ctx.Err() == nil:
		log.Error("indexes dropped by an import that died: creating them again failed; retrying at the next tick", "error", err.Error())
	case n > 0:
		log.Warn("indexes dropped by an import that died were created again", "indexes", n)
	}
	return err
}

// migrateDB copies a SQLite database into an empty PostgreSQL database: the
// way from the embedded default to a deployment with replicas.
func migrateDB(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("migrate-db", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	from := fs.String("from", "", "the SQLite database: sqlite:FILE or FILE")
	to := fs.String("to", "", "the PostgreSQL database: postgres://…")
	if err := fs.Parse(args); err != nil || *from == "" || *to == "" || fs.NArg() > 0 {
		return errors.New("usage: carnet migrate-db --from sqlite:FILE --to postgres://USER@HOST/DB")
	}
	if models.IsPostgresURL(*from) || !models.IsPostgresURL(*to) {
		return errors.New("migrate-db copies a SQLite database (--from sqlite:FILE) into PostgreSQL (--to postgres://…)")
	}
	path := strings.TrimPrefix(*from, "sqlite:")
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("--from: %w", err)
	}
	start := time.Now()
	src, err := models.Open(ctx, path, models.Options{})
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := models.Open(ctx, *to, models.Options{})
	if err != nil {
		return err
	}
	defer dst.Close()
	fmt.Fprintf(stdout, "copying %s into %s\n", path, models.RedactDSN(*to))
	total := 0
	_, err = models.CopyDatabase(ctx, src, dst, func(t models.CopyTable) {
		total += t.Rows
		fmt.Fprintf(stdout, "  %-20s %9d rows  %s\n", t.Name, t.Rows, t.Duration.Round(time.Millisecond))
	})
	if err != nil {
		return fmt.Errorf("nothing was copied: %w", err)
	}
	fmt.Fprintf(stdout, "%d rows copied in %s; point CARNET_DB at the PostgreSQL URL and start the service\n", total, time.Since(start).Round(time.Millisecond))
	return nil
}

// backup copies the SQLite database into a new file while the service
// runs (models.Backup).
func backup(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	to := fs.String("to", "", "the new file")
	db := fs.String("db", "", "the database (default CARNET_DB, else ./carnet.db)")
	if err := fs.Parse(args); err != nil || *to == "" || fs.NArg() > 0 {
		return errors.New("usage: carnet backup --to FILE [--db PATH]")
	}
	src := cmp.Or(*db, getenv("CARNET_DB"), "./carnet.db")
	res, err := models.Backup(ctx, src, *to)
	if err != nil {
		return fmt.Errorf("backup: nothing was copied: %w", err)
	}
	fmt.Fprintf(stdout, "copied %s into %s (owner-only) in %s: %.1f MiB, %d tables, %d rows, check %s\n",
		src, *to, res.Duration.Round(time.Millisecond), float64(res.Bytes)/(1<<20), res.Tables, res.Rows, res.Integrity)
	return nil
}

// referralsCmd runs referral maintenance once, for operators and cron.
func referralsCmd(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	if len(args) != 1 || args[0] != "maintain" {
		return errors.New("usage: carnet referrals maintain")
	}
	store, cfg, err := openStore(ctx, getenv)
	if err != nil {
		return err
	}
	defer store.Close()
	r, err := store.Maintain(ctx, cfg.Referrals)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "referrals: %d expired, %d reminded, %d closed without outcome, %d anonymised; %d expired sign-ups and old e-mails deleted\n",
		r.Expired, r.Reminded, r.NoOutcome, r.Anonymized, r.Purged)
	if cfg.SMTP != nil && r.Expired+r.Reminded+r.NoOutcome > 0 {
		fmt.Fprintln(stdout, "the e-mails are queued: the running service sends them")
	}
	return nil
}

// openStore opens the configured database for a command-line tool.
func openStore(ctx context.Context, getenv func(string) string) (*models.Store, config, error) {
	cfg, err := loadConfig(getenv)
	if err != nil {
		return nil, cfg, err
	}
	// E-mails queued by a command (reminders) are sent by the service's
	// worker, which polls the outbox.
	store, err := models.Open(ctx, cfg.DBPath, cfg.storeOptions(nil))
	return store, cfg, err
}

// mailsink runs a test SMTP server that prints every message it receives,
// to try notifications without a mail server (see README).
func mailsink(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("mailsink", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", "127.0.0.1:2525", "address to listen on")
	dir := fs.String("dir", "", "also write each message, decoded, to DIR/NNNN-recipient.txt")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("mailsink: %w", err)
	}
	if *dir != "" {
		if err := os.MkdirAll(*dir, 0o700); err != nil {
			return err
		}
	}
	var mu sync.Mutex
	n := 0
	sink := &mail.Sink{OnMessage: func(m mail.Received) {
		mu.Lock()
		defer mu.Unlock()
		n++
		text := fmt.Sprintf("To: %s\nSubject: %s\nMessage-ID: %s\n\n%s\n", strings.Join(m.To, ", "),
			m.Header("Subject"), m.Header("Message-ID"), strings.TrimSpace(m.Text()))
		fmt.Fprintf(stdout, "----- %s\n%s", m.At.Format(time.RFC3339), text)
		if *dir != "" {
			name := filepath.Join(*dir, fmt.Sprintf("%04d-%s.txt", n, strings.NewReplacer("/", "_", "\\", "_").Replace(strings.Join(m.To, ","))))
			if err := os.WriteFile(name, []byte(text), 0o600); err != nil {
				fmt.Fprintln(stdout, "mailsink:", err)
			}
		}
	}}
	if err := sink.Listen(*addr); err != nil {
		return err
	}
	defer sink.Close()
	fmt.Fprintf(stdout, "mailsink: listening on %s; set CARNET_SMTP_URL=smtp://%s?starttls=none\n", sink.Addr(), sink.Addr())
	<-ctx.Done()
	return nil
}

// healthcheck calls /readyz of a running service: the container image has no
// curl, so its HEALTHCHECK runs the binary itself.
func healthcheck(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("healthcheck", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := getenv("CARNET_ADDR")
	if addr == "" || strings.HasPrefix(addr, ":") {
		addr = "127.0.0.1" + addr
		if addr == "127.0.0.1" {
			addr += ":8080"
		}
	}
	url := fs.String("url", "http://"+addr+"/readyz", "URL to check")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, *url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s answered %s", *url, resp.Status)
	}
	fmt.Fprintln(stdout, "ok")
	return nil
}

// config is the service's configuration, read from CARNET_* variables.
type config struct {
	Env          string
	Addr         string
	DBPath       string // CARNET_DB: a SQLite file or a PostgreSQL URL
	DBReadConns  int
	DBWriteConns int
	JWTSecret    []byte
	JWTPrevious  [][]byte
	JWTGenerated bool
	RefreshTTL   time.Duration
	Proxies      []string
	Referrals    models.ReferralPolicy
	Maintenance  time.Duration
	JWTIssuer    string
	JWTAudience  string
	TokenTTL     time.Duration
	MaxBodyBytes int64
	CORSOrigins  []string
	LogLevel     slog.Level
	LogFormat    string
	BootEmail    string
	BootPassword string
	MetricsToken string
	// PublicURL is the API's public base URL (CARNET_PUBLIC_URL).
	PublicURL string
	// SMTP is the mail server of notifications; nil sends none.
	SMTP     *mail.Config
	MailFrom netmail.Address
	Links    notify.Links
	Signup   bool
	// MailRetry is the wait before the first retry of a failed e-mail.
	MailRetry time.Duration
	// Webhooks configures the delivery of webhooks (CARNET_WEBHOOK_*);
	// Store, Render and Log are set by serve.
	Webhooks webhook.Config
	// Warnings are accepted but risky values, logged by serve.
	Warnings []string
}

func loadConfig(getenv func(string) string) (config, error) {
	get := func(k, def string) string {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return v
		}
		return def
	}
	c := config{
		Env:          get("CARNET_ENV", "development"),
		Addr:         get("CARNET_ADDR", ":8080"),
		DBPath:       get("CARNET_DB", "./carnet.db"),
		JWTIssuer:    get("CARNET_JWT_ISSUER", "carnet"),
		JWTAudience:  get("CARNET_JWT_AUDIENCE", "carnet-api"),
		LogFormat:    get("CARNET_LOG_FORMAT", "json"),
		BootEmail:    get("CARNET_BOOTSTRAP_ADMIN_EMAIL", ""),
		BootPassword: getenv("CARNET_BOOTSTRAP_ADMIN_PASSWORD"),
		MetricsToken: strings.TrimSpace(getenv("CARNET_METRICS_TOKEN")),
	}
	var errs []error
	if c.Env != "development" && c.Env != "production" {
		errs = append(errs, fmt.Errorf("CARNET_ENV must be development or production, not %q", c.Env))
	}
	var err error
	if c.TokenTTL, err = time.ParseDuration(get("CARNET_TOKEN_TTL", "15m")); err != nil || c.TokenTTL < time.Minute || c.TokenTTL > 24*time.Hour {
		errs = append(errs, errors.New("CARNET_TOKEN_TTL must be a duration between 1m and 24h, such as 15m"))
	}
	if c.RefreshTTL, err = time.ParseDuration(get("CARNET_REFRESH_TTL", "720h")); err != nil || c.RefreshTTL < time.Hour || c.RefreshTTL > 90*24*time.Hour {
		errs = append(errs, errors.New("CARNET_REFRESH_TTL must be a duration between 1h and 2160h (90 days), such as 720h"))
	}
	dur := func(key, def string, min, max time.Duration) time.Duration {
		d, err := time.ParseDuration(get(key, def))
		if err != nil || d < min || d > max {
			errs = append(errs, fmt.Errorf("%s must be a duration between %s and %s, such as %s", key, min, max, def))
		}
		return d
	}
	c.Referrals.Expiry = dur("CARNET_REFERRAL_EXPIRY", "720h", time.Hour, 365*24*time.Hour)
	c.Referrals.Retention = dur("CARNET_REFERRAL_RETENTION", "4392h", time.Hour, 730*24*time.Hour)
	c.Referrals.MaxRetention = dur("CARNET_REFERRAL_MAX_RETENTION", "17520h", time.Hour, 730*24*time.Hour)
	c.Maintenance = dur("CARNET_MAINTENANCE_INTERVAL", "1h", time.Minute, 24*time.Hour)
	// Reminders and the no_outcome rule: "0" turns one off.
	optDur := func(key, def string, min, max time.Duration) time.Duration {
		if v := get(key, def); v == "0" || v == "off" {
			return 0
		}
		return dur(key, def, min, max)
	}
	c.Referrals.RemindSent = optDur("CARNET_REFERRAL_REMIND_SENT", "168h", time.Minute, 365*24*time.Hour)
	c.Referrals.RemindAccepted = optDur("CARNET_REFERRAL_REMIND_ACCEPTED", "720h", time.Minute, 365*24*time.Hour)
	c.Referrals.NoOutcome = optDur("CARNET_REFERRAL_NO_OUTCOME", "2160h", time.Hour, 730*24*time.Hour)
	c.Referrals.OutboxRetention = dur("CARNET_OUTBOX_RETENTION", "720h", time.Hour, 365*24*time.Hour)
	if p := c.Referrals; p.RemindSent >= p.Expiry && p.RemindSent > 0 && p.Expiry >= time.Hour {
		errs = append(errs, errors.New("CARNET_REFERRAL_REMIND_SENT must be shorter than CARNET_REFERRAL_EXPIRY, or the reminder would come after the expiry"))
	}
	if p := c.Referrals; p.RemindAccepted > 0 && p.NoOutcome > 0 && p.RemindAccepted >= p.NoOutcome {
		errs = append(errs, errors.New("CARNET_REFERRAL_REMIND_ACCEPTED must be shorter than CARNET_REFERRAL_NO_OUTCOME, or the reminder would come after the closing"))
	}
	// One reading of on/off for every switch.
	onOff := func(key, def string) bool {
		switch strings.ToLower(get(key, def)) {
		case "on", "true", "1", "yes":
			return true
		case "off", "false", "0", "no":
			return false
		}
		errs = append(errs, fmt.Errorf("%s must be on or off (true/false, yes/no or 1/0 are read so too)", key))
		return false
	}
	c.Signup = onOff("CARNET_SIGNUP", "on")
	if raw := get("CARNET_SMTP_URL", ""); raw != "" {
		smtp, err := mail.ParseURL(raw)
		if err != nil {
			errs = append(errs, fmt.Errorf("CARNET_SMTP_URL: %w", err))
		} else {
			c.SMTP = &smtp
		}
		if raw := get("CARNET_SMTP_FROM", ""); raw == "" {
			errs = append(errs, errors.New("CARNET_SMTP_FROM is required with CARNET_SMTP_URL: the sender, such as \"Carnet <ne-pas-repondre@carnet.example.fr>\""))
		} else if from, err := netmail.ParseAddress(raw); err != nil {
			errs = append(errs, fmt.Errorf("CARNET_SMTP_FROM must be an e-mail address, such as \"Carnet <ne-pas-repondre@carnet.example.fr>\", not %q", raw))
		} else {
			c.MailFrom = *from
		}
		c.MailRetry = dur("CARNET_SMTP_RETRY", "30s", 100*time.Millisecond, time.Hour)
		if c.Links, err = notify.ParseLinks(get("CARNET_APP_BASE_URL", "")); err != nil {
			errs = append(errs, fmt.Errorf("CARNET_APP_BASE_URL (required with CARNET_SMTP_URL, for the links in e-mails) %w", err))
		} else if c.Env == "production" && c.Links.Base.Scheme != "https" {
			errs = append(errs, errors.New("CARNET_APP_BASE_URL must be https in production: the links in e-mails carry invitation and reset tokens"))
		}
	}
	if v := get("CARNET_PUBLIC_URL", ""); v != "" {
		if c.PublicURL, err = parsePublicURL(v); err != nil {
			errs = append(errs, fmt.Errorf("CARNET_PUBLIC_URL %w", err))
		}
	}
	wh := &c.Webhooks
	wh.Timeout = dur("CARNET_WEBHOOK_TIMEOUT", "15s", time.Second, time.Minute)
	wh.RetryFirst = dur("CARNET_WEBHOOK_RETRY", "10s", 100*time.Millisecond, time.Hour)
	wh.RetryMax = dur("CARNET_WEBHOOK_RETRY_MAX", "1h", time.Second, 24*time.Hour)
	wh.MaxAge = dur("CARNET_WEBHOOK_MAX_AGE", "72h", time.Minute, 30*24*time.Hour)
	wh.DisableAfter = dur("CARNET_WEBHOOK_DISABLE_AFTER", "120h", time.Minute, 90*24*time.Hour)
	wh.LogRetention = dur("CARNET_WEBHOOK_LOG_RETENTION", "168h", time.Hour, 365*24*time.Hour)
	if n, err := strconv.Atoi(get("CARNET_WEBHOOK_CONCURRENCY", "4")); err != nil || n < 1 || n > 64 {
		errs = append(errs, errors.New("CARNET_WEBHOOK_CONCURRENCY must be a number from 1 to 64"))
	} else {
		wh.Concurrency = n
	}
	if n, err := strconv.Atoi(get("CARNET_WEBHOOK_MAX_PENDING", "1000")); err != nil || n < 10 || n > 100000 {
		errs = append(errs, errors.New("CARNET_WEBHOOK_MAX_PENDING must be a number from 10 to 100000"))
	} else {
		wh.MaxPending = int64(n)
	}
	if wh.RetryFirst > wh.RetryMax {
		errs = append(errs, errors.New("CARNET_WEBHOOK_RETRY must not be longer than CARNET_WEBHOOK_RETRY_MAX"))
	}
	// Endpoints on a private network, and plain http, are for
	// development: in production a partner's URL could otherwise reach
	// Carnet's own network (see models/webhook/guard.go).
	privateDef := "on"
	if c.Env == "production" {
		privateDef = "off"
	}
	wh.Guard.AllowPrivate = onOff("CARNET_WEBHOOK_ALLOW_PRIVATE", privateDef)
	wh.Guard.AllowHTTP = onOff("CARNET_WEBHOOK_ALLOW_HTTP", "off")
	if wh.Guard.AllowHTTP && c.Env == "production" {
		errs = append(errs, errors.New("CARNET_WEBHOOK_ALLOW_HTTP is a development setting: in production webhooks go over https"))
	}
	c.Proxies = c.trustedProxies(get("CARNET_TRUSTED_PROXIES", ""), &errs)
	for _, k := range strings.Split(getenv("CARNET_JWT_PREVIOUS_SECRETS"), ",") {
		if k = strings.TrimSpace(k); k == "" {
			continue
		} else if len(k) < api.MinSecretLen {
			errs = append(errs, fmt.Errorf("each of CARNET_JWT_PREVIOUS_SECRETS must be at least %d bytes", api.MinSecretLen))
		} else {
			c.JWTPrevious = append(c.JWTPrevious, []byte(k))
		}
	}
	conns := func(key string) int {
		v := get(key, "")
		if v == "" {
			return 0 // the engine's default
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 1000 {
			errs = append(errs, fmt.Errorf("%s must be a number of connections between 1 and 1000", key))
		}
		return n
	}
	c.DBReadConns, c.DBWriteConns = conns("CARNET_DB_READ_CONNS"), conns("CARNET_DB_WRITE_CONNS")
	// Bodies (imports among them) are read in memory: 1 GiB at most.
	if c.MaxBodyBytes, err = strconv.ParseInt(get("CARNET_MAX_BODY_BYTES", "1048576"), 10, 64); err != nil || c.MaxBodyBytes < 1024 || c.MaxBodyBytes > maxBodyLimit {
		errs = append(errs, fmt.Errorf("CARNET_MAX_BODY_BYTES must be an integer from 1024 to %d (1 GiB)", maxBodyLimit))
	}
	if c.CORSOrigins, err = parseCORSOrigins(get("CARNET_CORS_ORIGINS", "")); err == nil && c.CORSOrigins == nil && c.Env == "production" {
		// Accepted: a public read-only open-data API may want any
		// origin, and no origin is ever sent credentials (tokens travel
		// in Authorization, no cookie). Said once, so that it is chosen.
		c.Warnings = append(c.Warnings, "CARNET_CORS_ORIGINS allows any origin (unset or *): any web page may call the API from its visitors' browsers, without their credentials (tokens travel in Authorization, never in cookies); list your front-ends' origins to restrict it")
	} else if err != nil {
		errs = append(errs, err)
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("CARNET_ADDR must be host:port or :port, such as :8080 or 127.0.0.1:8080, not %q", c.Addr))
	}
	if err := checkDBPath(c.DBPath); err != nil {
		errs = append(errs, err)
	}
	if c.Env == "production" && c.MetricsToken != "" && len(c.MetricsToken) < minMetricsToken {
		errs = append(errs, fmt.Errorf("CARNET_METRICS_TOKEN must be at least %d characters in production (e.g. `openssl rand -hex 24`)", minMetricsToken))
	}
	if err := c.LogLevel.UnmarshalText([]byte(get("CARNET_LOG_LEVEL", "info"))); err != nil {
		errs = append(errs, errors.New("CARNET_LOG_LEVEL must be debug, info, warn or error"))
	}
	if c.LogFormat != "json" && c.LogFormat != "text" {
		errs = append(errs, errors.New("CARNET_LOG_FORMAT must be json or text"))
	}
	secret := getenv("CARNET_JWT_SECRET")
	switch {
	case secret == "" && c.Env == "production":
		errs = append(errs, errors.New("CARNET_JWT_SECRET is required in production (at least 32 random bytes, e.g. `openssl rand -base64 48`)"))
	case secret == "":
		// Development: a random key per process. Tokens die with the
		// process, which is what a developer expects of a laptop run.
		c.JWTSecret, c.JWTGenerated = make([]byte, 48), true
		if _, err := io.ReadFull(rand.Reader, c.JWTSecret); err != nil {
			errs = append(errs, err)
		}
	case len(secret) < api.MinSecretLen:
		errs = append(errs, fmt.Errorf("CARNET_JWT_SECRET must be at least %d bytes", api.MinSecretLen))
	case c.Env == "production" && weakSecret(secret):
		errs = append(errs, errors.New("CARNET_JWT_SECRET looks weak (too few distinct characters); generate one with `openssl rand -base64 48`"))
	default:
		c.JWTSecret = []byte(secret)
	}
	return c, errors.Join(errs...)
}

const (
	// maxBodyLimit bounds CARNET_MAX_BODY_BYTES: bodies are read in memory.
	maxBodyLimit = 1 << 30
	// minMetricsToken is the shortest CARNET_METRICS_TOKEN production
	// takes: the bearer guards per-route activity, guessable when short.
	minMetricsToken = 16
)

// trustedProxies reads CARNET_TRUSTED_PROXIES: addresses or CIDR ranges.
// A range of every address lets any client forge X-Forwarded-For (and the
// rate limits keyed on it): refused in production, a warning otherwise.
func (c *config) trustedProxies(v string, errs *[]error) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		_, n, err := net.ParseCIDR(p)
		if err != nil && net.ParseIP(p) == nil {
			*errs = append(*errs, fmt.Errorf("CARNET_TRUSTED_PROXIES must list IP addresses or CIDR ranges, such as 10.0.0.1 or 172.16.0.0/12, not %q", p))
			continue
		}
		if n != nil {
			if ones, _ := n.Mask.Size(); ones == 0 {
				msg := fmt.Sprintf("CARNET_TRUSTED_PROXIES %s trusts every address: any client can then forge X-Forwarded-For, and the rate limits keyed on it", p)
				if c.Env == "production" {
					*errs = append(*errs, errors.New(msg+"; list the proxies' own addresses"))
				} else {
					c.Warnings = append(c.Warnings, msg+" (accepted in development only)")
				}
			}
		}
		out = append(out, p)
	}
	return out
}

// parseCORSOrigins reads CARNET_CORS_ORIGINS: empty or "*" for any origin,
// else origins as browsers send them (scheme://host[:port], http or https,
// no path, not even a trailing slash, which would never match). Partial
// wildcards (https://*.example.fr) are refused: gin-contrib/cors supports
// them only with its AllowWildcard option, which Carnet does not turn on.
// No origin is sent credentials (cookies): tokens travel in Authorization.
func parseCORSOrigins(v string) ([]string, error) {
	var out []string
	for _, o := range strings.Split(v, ",") {
		if o = strings.TrimSpace(o); o != "" {
			out = append(out, o)
		}
	}
	if len(out) == 1 && out[0] == "*" {
		return nil, nil
	}
	for _, o := range out {
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || strings.Contains(o, "*") ||
			u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil || u.Opaque != "" || strings.HasSuffix(o, "?") {
			return nil, fmt.Errorf("CARNET_CORS_ORIGINS must be * or origins separated by commas, each scheme://host[:port] as a browser sends it (http or https, no path nor trailing slash, no wildcard), such as https://app.example.fr; not %q", o)
		}
	}
	return out, nil
}

// checkDBPath says, before the database is touched, why a SQLite file
// could not be created: its directory is missing or not writable
// (SQLite would say "no such file or directory" for both).
func checkDBPath(path string) error {
	if models.IsPostgresURL(path) || strings.HasPrefix(path, "file:") || path == ":memory:" {
		return nil
	}
	if _, err := os.Stat(path); err == nil {
		return nil // an existing file: opening it says what is wrong, if anything
	}
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case err != nil || !st.IsDir():
		return fmt.Errorf("CARNET_DB %s: its directory %s does not exist", path, dir)
	case syscall.Access(dir, 2 /* W_OK */) != nil:
		return fmt.Errorf("CARNET_DB %s: permission denied: this user cannot create files in %s", path, dir)
	}
	return nil
}

// storeOptions are the database settings of the configuration.
func (c config) storeOptions(log *slog.Logger) models.Options {
	return models.Options{Logger: log, ReadConns: c.DBReadConns, WriteConns: c.DBWriteConns, Notifications: c.SMTP != nil}
}

// weakSecret catches placeholders such as "changeme…" repeated or a run of one
// character: a real random secret of 32+ bytes has many distinct characters.
func weakSecret(s string) bool {
	seen := map[rune]bool{}
	for _, r := range s {
		seen[r] = true
	}
	return len(seen) < 16 || strings.Contains(strings.ToLower(s), "changeme") || strings.Contains(strings.ToLower(s), "secret")
}

// parsePublicURL checks CARNET_PUBLIC_URL: an absolute http or https URL of
// a host, without query or fragment (a path prefix is kept, for a service
// behind a proxy under /carnet); returned without its trailing slash.
func parsePublicURL(v string) (string, error) {
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return "", fmt.Errorf("must be the service's public address, such as https://carnet.example.fr (http or https, a host, no query), not %q", v)
	}
	return strings.TrimRight(u.String(), "/"), nil
}
