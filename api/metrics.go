package api

import (
	"context"
	"crypto/subtle"
	"database/sql"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"carnet/handlers"
	"carnet/models"
	"carnet/models/opendata"
	"carnet/models/webhook"
)

// metrics holds the service's Prometheus instruments. Each server has its own
// registry rather than the process-wide default one, so that tests can build
// many servers in one process (the default registry refuses a second
// registration of the same name).
type metrics struct {
	reg      *prometheus.Registry
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	inFlight prometheus.Gauge
}

// indexSizer and indexLagger are what an Engine may tell about itself; the
// in-memory index does, a remote engine may not.
type indexSizer interface{ Len() (services, actors int) }

// IndexLagger is implemented by read models that follow the database's change
// log: how many changes they have not applied yet and how old the oldest is.
type IndexLagger interface {
	Lag() (changes int64, age time.Duration)
}

// poolStater is the Store's view of its connection pools: the writer's wait
// count and time are the write queue.
type poolStater interface {
	PoolStats() (write, read sql.DBStats)
}

func newMetrics(version string, store poolStater, engine any, hooks *webhook.Service, exports *opendata.ExportCache) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "carnet_http_requests_total",
		Help: "HTTP requests answered, by method, route pattern and status code.",
	}, []string{"method", "route", "status"})
	// Buckets from 0.5 ms to 10 s: a by-id read takes well under a
	// millisecond, an export several seconds.
	m.duration = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "carnet_http_request_duration_seconds",
		Help:    "Time from the request's arrival in the router to the end of its answer, by method and route pattern.",
		Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
	}, []string{"method", "route"})
	m.inFlight = prometheus.NewGauge(prometheus.GaugeOpts{
		Name: "carnet_http_requests_in_flight",
		Help: "Requests being answered now.",
	})
	build := prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "carnet_build_info",
		Help: "Always 1; the label carries the running version.",
	}, []string{"version"})
	build.WithLabelValues(version).Set(1)
	m.reg.MustRegister(m.requests, m.duration, m.inFlight, build,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))

	if s, ok := engine.(indexSizer); ok {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "carnet_search_index_services", Help: "Services held by the search index (what anonymous readers may find).",
		}, func() float64 { n, _ := s.Len(); return float64(n) }))
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "carnet_search_index_actors", Help: "Actors held by the search index.",
		}, func() float64 { _, n := s.Len(); return float64(n) }))
	}
	if l, ok := engine.(IndexLagger); ok {
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "carnet_search_index_lag_changes", Help: "Changes of the database's change log the search index has not applied yet.",
		}, func() float64 { n, _ := l.Lag(); return float64(n) }))
		m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "carnet_search_index_lag_seconds", Help: "Age of the oldest change the search index has not applied yet (0 when up to date).",
		}, func() float64 { _, d := l.Lag(); return d.Seconds() }))
	}
	if store != nil {
		m.reg.MustRegister(newPoolCollector(store))
	}
	if f, ok := store.(followerStater); ok {
		m.reg.MustRegister(newFollowerCollector(f))
	}
	if o, ok := store.(outboxCounter); ok && o.Notifies() {
		m.reg.MustRegister(&outboxCollector{store: o, desc: prometheus.NewDesc("carnet_outbox_messages",
			"E-mail notifications in the outbox, by state (pending, sending, sent, failed); sent and failed ones are kept CARNET_OUTBOX_RETENTION.", []string{"state"}, nil)})
	}
	if hooks != nil {
		m.reg.MustRegister(newWebhookCollector(hooks, store))
	}
	if exports != nil {
		m.reg.MustRegister(prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "carnet_export_walks_total",
			Help: "Walks of the directory made for exports by this process: one per format and directory state, however many downloads it answers (a state larger than the cache keeps: one per download).",
		}, func() float64 { return float64(exports.Walks()) }))
	}
	return m
}

// webhookQueue is the Store's view of the webhooks' queue.
type webhookQueue interface {
	WebhookQueueCounts(ctx context.Context) (deliveries, subscriptions map[string]int64, err error)
}

// webhookCollector reports the webhooks' work: attempts by outcome since
// this process started (counters; sum them over replicas), the queue and
// the subscriptions by status (read in the database at scrape time, the
// same on every replica), and the fan-out's lag behind the change log.
type webhookCollector struct {
	hooks                                        *webhook.Service
	queue                                        webhookQueue
	attempts, seconds, waiting, subs, lagN, lagS *prometheus.Desc
}

func newWebhookCollector(hooks *webhook.Service, store any) *webhookCollector {
	q, _ := store.(webhookQueue)
	return &webhookCollector{hooks: hooks, queue: q,
		attempts: prometheus.NewDesc("carnet_webhook_deliveries_total", "Webhook delivery attempts by this process, by outcome: delivered (2xx), retry (failed, will be retried), given_up (failed past the maximum age).", []string{"outcome"}, nil),
		seconds:  prometheus.NewDesc("carnet_webhook_attempt_seconds_total", "Time this process spent in webhook delivery attempts (divide by carnet_webhook_deliveries_total for the mean).", nil, nil),
		waiting:  prometheus.NewDesc("carnet_webhook_queue", "Webhook deliveries waiting, by state: pending (queued or waiting for a retry), sending (claimed by a worker).", []string{"state"}, nil),
		subs:     prometheus.NewDesc("carnet_webhook_subscriptions", "Webhook subscriptions by status: active, failing (on, its endpoint failing), disabled.", []string{"status"}, nil),
		lagN:     prometheus.NewDesc("carnet_webhook_fanout_lag_changes", "Changes of the change log this process's webhook fan-out has not read yet.", nil, nil),
		lagS:     prometheus.NewDesc("carnet_webhook_fanout_lag_seconds", "Age of the oldest change the webhook fan-out has not read yet (0 when up to date).", nil, nil),
	}
}

func (w *webhookCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{w.attempts, w.seconds, w.waiting, w.subs, w.lagN, w.lagS} {
		ch <- d
	}
}

func (w *webhookCollector) Collect(ch chan<- prometheus.Metric) {
	st := w.hooks.Stats()
	for _, o := range webhook.Outcomes {
		ch <- prometheus.MustNewConstMetric(w.attempts, prometheus.CounterValue, float64(st.Outcomes[o]), o)
	}
	ch <- prometheus.MustNewConstMetric(w.seconds, prometheus.CounterValue, st.AttemptSeconds)
	ch <- prometheus.MustNewConstMetric(w.lagN, prometheus.GaugeValue, float64(st.LagChanges))
	ch <- prometheus.MustNewConstMetric(w.lagS, prometheus.GaugeValue, st.LagSeconds)
	if w.queue == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	deliveries, subs, err := w.queue.WebhookQueueCounts(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(w.waiting, err)
		return
	}
	for _, s := range []string{models.DeliveryPending, models.DeliverySending} {
		ch <- prometheus.MustNewConstMetric(w.waiting, prometheus.GaugeValue, float64(deliveries[s]), s)
	}
	for _, s := range []string{"active", "failing", "disabled"} {
		ch <- prometheus.MustNewConstMetric(w.subs, prometheus.GaugeValue, float64(subs[s]), s)
	}
}

// followerStater is the Store's view of its followers of the change log.
type followerStater interface {
	FollowerStats() []models.FollowerStats
}

// followerCollector reports every follower of the change log in this
// process (the search index, duplicate detection…) at scrape time.
type followerCollector struct {
	store                             followerStater
	lag, behind, errors, standing, up *prometheus.Desc
}

func newFollowerCollector(s followerStater) *followerCollector {
	l := []string{"follower"}
	return &followerCollector{store: s,
		lag:      prometheus.NewDesc("carnet_follower_lag_changes", "Changes of the change log a follower has not applied yet, by follower (search, duplicates…).", l, nil),
		behind:   prometheus.NewDesc("carnet_follower_lag_seconds", "Age of the oldest change a follower has not applied yet (0 when up to date).", l, nil),
		errors:   prometheus.NewDesc("carnet_follower_errors_total", "Failed attempts of a follower since start (each is retried).", l, nil),
		standing: prometheus.NewDesc("carnet_follower_standby", "1 when another process holds the follower's turn (work done by one replica at a time), else 0.", l, nil),
		up:       prometheus.NewDesc("carnet_follower_up", "0 while a follower fails (it retries: a full disk, a locked database) or has not started, else 1.", l, nil),
	}
}

func (f *followerCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- f.lag
	ch <- f.behind
	ch <- f.errors
	ch <- f.standing
	ch <- f.up
}

func (f *followerCollector) Collect(ch chan<- prometheus.Metric) {
	seen := map[string]bool{}
	for _, st := range f.store.FollowerStats() {
		if seen[st.Name] {
			continue // two servers built on one store (tests): one series each
		}
		seen[st.Name] = true
		standby := 0.0
		if st.Standby {
			standby = 1
		}
		ch <- prometheus.MustNewConstMetric(f.lag, prometheus.GaugeValue, float64(st.Lag), st.Name)
		ch <- prometheus.MustNewConstMetric(f.behind, prometheus.GaugeValue, st.Behind.Seconds(), st.Name)
		ch <- prometheus.MustNewConstMetric(f.errors, prometheus.CounterValue, float64(st.Errors), st.Name)
		ch <- prometheus.MustNewConstMetric(f.standing, prometheus.GaugeValue, standby, st.Name)
		up := 1.0
		if st.Failing || !st.Started {
			up = 0
		}
		ch <- prometheus.MustNewConstMetric(f.up, prometheus.GaugeValue, up, st.Name)
	}
}

// outboxCounter is the Store's view of its e-mail outbox.
type outboxCounter interface {
	Notifies() bool
	OutboxCounts(ctx context.Context) (map[string]int, error)
}

// outboxCollector counts the outbox at scrape time: pending messages that
// grow, or failed ones, mean the mail server or its settings need a look.
type outboxCollector struct {
	store outboxCounter
	desc  *prometheus.Desc
}

func (o *outboxCollector) Describe(ch chan<- *prometheus.Desc) { ch <- o.desc }

func (o *outboxCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	counts, err := o.store.OutboxCounts(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(o.desc, err)
		return
	}
	for _, state := range []string{models.OutboxPending, models.OutboxSending, models.OutboxSent, models.OutboxFailed} {
		ch <- prometheus.MustNewConstMetric(o.desc, prometheus.GaugeValue, float64(counts[state]), state)
	}
}

// observe records every request. It runs first in the chain so that what it
// times includes authentication and problem answers; the route label is the
// pattern (never the path, which would make one series per id).
func (m *metrics) observe() gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		m.inFlight.Inc()
		c.Next()
		m.inFlight.Dec()
		route := c.FullPath()
		if route == "" {
			route = "unmatched" // 404s: bounded cardinality whatever is scanned
		}
		method := requestMethod(c)
		m.requests.WithLabelValues(method, route, strconv.Itoa(c.Writer.Status())).Inc()
		m.duration.WithLabelValues(method, route).Observe(time.Since(start).Seconds())
	}
}

// serve answers /metrics. With a token configured, scrapers must send it as
// a bearer token. Without one, only a client on this machine, connected
// directly, is answered: the request counts by route (referrals sent,
// answered, written about) and the outbox's counts tell the platform's
// referral activity minute by minute, the narrow-window count the
// statistics perturb, so they are never open to the world by default.
func (m *metrics) serve(log *slog.Logger, token string) gin.HandlerFunc {
	h := promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
	return func(c *gin.Context) {
		if token != "" {
			scheme, got, _ := strings.Cut(c.GetHeader("Authorization"), " ")
			if !strings.EqualFold(scheme, "Bearer") || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(token)) != 1 {
				c.Header("WWW-Authenticate", `Bearer realm="metrics"`)
				handlers.WriteProblem(c, log, models.Errorf(models.EUNAUTHORIZED, "/metrics needs the bearer token set in CARNET_METRICS_TOKEN."))
				return
			}
		} else if !localClient(c.Request) {
			handlers.WriteProblem(c, log, models.Errorf(models.EFORBIDDEN, "/metrics answers only clients on this machine unless CARNET_METRICS_TOKEN is set."))
			return
		}
		h.ServeHTTP(c.Writer, c.Request)
	}
}

// localClient reports whether r comes from this machine, directly: its
// peer's address is a loopback one and it carries no header a proxy adds
// (a proxy on the same machine would otherwise make every client local).
func localClient(r *http.Request) bool {
	for _, h := range []string{"Forwarded", "X-Forwarded-For", "X-Real-Ip", "X-Forwarded-Host", "Via"} {
		if r.Header.Get(h) != "" {
			return false
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// poolCollector reports the database pools at scrape time. The writer pool
// has one connection (SQLite's single writer): its wait count and wait time
// are the write queue.
type poolCollector struct {
	store                               poolStater
	open, inUse, waitCount, waitSeconds *prometheus.Desc
}

func newPoolCollector(s poolStater) *poolCollector {
	l := []string{"pool"}
	return &poolCollector{store: s,
		open:        prometheus.NewDesc("carnet_db_connections_open", "Open database connections, by pool (write, read).", l, nil),
		inUse:       prometheus.NewDesc("carnet_db_connections_in_use", "Database connections in use, by pool.", l, nil),
		waitCount:   prometheus.NewDesc("carnet_db_wait_total", "Times a caller waited for a connection, by pool; on the write pool, writes that queued.", l, nil),
		waitSeconds: prometheus.NewDesc("carnet_db_wait_seconds_total", "Total time callers waited for a connection, by pool.", l, nil),
	}
}

func (p *poolCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- p.open
	ch <- p.inUse
	ch <- p.waitCount
	ch <- p.waitSeconds
}

func (p *poolCollector) Collect(ch chan<- prometheus.Metric) {
	w, r := p.store.PoolStats()
	for _, s := range []struct {
		name  string
		stats sql.DBStats
	}{{"write", w}, {"read", r}} {
		ch <- prometheus.MustNewConstMetric(p.open, prometheus.GaugeValue, float64(s.stats.OpenConnections), s.name)
		ch <- prometheus.MustNewConstMetric(p.inUse, prometheus.GaugeValue, float64(s.stats.InUse), s.name)
		ch <- prometheus.MustNewConstMetric(p.waitCount, prometheus.CounterValue, float64(s.stats.WaitCount), s.name)
		ch <- prometheus.MustNewConstMetric(p.waitSeconds, prometheus.CounterValue, s.stats.WaitDuration.Seconds(), s.name)
	}
}
