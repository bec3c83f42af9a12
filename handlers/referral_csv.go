package handlers

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// csvCell keeps a spreadsheet from running a cell as a formula: names are
// typed by people, and one starting with = + - @ (or a tab or CR) would be
// evaluated when the file is opened (CSV injection). Such cells get a
// leading apostrophe, which spreadsheets hide.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func csvTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.UTC().Format(TimeLayout) // as every answer writes one
}

// writeReferralsCSV writes every referral f selects, in one read, for
// the members of the structures: the person's names (to find one's work)
// but never their contact, situation, availability nor the messages.
func (h *Handler) writeReferralsCSV(c *gin.Context, f models.ReferralFilter) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"id", "created_at", "direction", "status", "from_actor", "sender", "to_actor", "to_service", "themes",
		"person_first_name", "person_last_name", "accepted_by", "accepted_at", "closed_at", "refusal_reason", "forwarded_from_id", "forwarded_to_id", "link"})
	n := h.namer(c)
	f.Cursor, f.All = "", true
	page, err := h.Store.ListReferrals(c.Request.Context(), f)
	if err != nil {
		return err
	}
	if err := h.Store.RecordReferralReads(c.Request.Context(), principal(c), readByList(page)); err != nil {
		return err
	}
	for i := range page.Items {
		r := &page.Items[i]
		dir := "received"
		if slices.Contains(f.ActorIDs, r.FromActorID) {
			dir = "sent"
		}
		accepted := ""
		if r.HandlerID != "" {
			accepted = n.card(r.HandlerID, r.ToActorID).DisplayName
		}
		w.Write([]string{r.ID, csvTime(&r.CreatedAt), dir, r.Status, csvCell(n.actor(r.FromActorID)),
			csvCell(n.card(r.SenderID, r.FromActorID).DisplayName), csvCell(n.actor(r.ToActorID)), csvCell(n.service(r.ToServiceID)),
			strings.Join(r.Themes, "|"), csvCell(r.PersonFirstName), csvCell(r.PersonLastName), csvCell(accepted),
			csvTime(r.AcceptedAt), csvTime(r.ClosedAt), r.RefusalReason, r.ForwardedFromID, r.ForwardedToID, "/api/v1/referrals/" + r.ID})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return models.Internal(err)
	}
	c.Header("Content-Disposition", `attachment; filename="orientations.csv"`)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
	return nil
}

// writeReferralStatsCSV writes the statistics as one row per figure:
// section, key, label, count. Structures are named; people never appear;
// a withheld count is empty.
func writeReferralStatsCSV(c *gin.Context, st ReferralStats) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	count := func(n *int) string { // withheld: an empty count
		if n == nil {
			return ""
		}
		return strconv.Itoa(*n)
	}
	rows := [][]string{{"section", "key", "label", "count"},
		{"total", "referrals", "Orientations", count(st.Total)},
		{"total", "accepted", "Orientations acceptées", count(st.Accepted)},
		{"total", "reminders", "Rappels envoyés", count(st.Reminders)}}
	if !st.Disclosure.Exact {
		rows = append(rows, []string{"disclosure", "threshold", "Plus petit effectif publié (les effectifs vides sont masqués)", strconv.Itoa(st.Disclosure.Threshold)},
			[]string{"disclosure", "noise", "Écart maximal des effectifs publiés, perturbés pour protéger les personnes", strconv.Itoa(st.Disclosure.Noise)})
	}
	if st.MedianHoursToAcceptance != nil {
		rows = append(rows, []string{"total", "median_hours_to_acceptance", "Délai médian d'acceptation (heures)", strconv.FormatFloat(*st.MedianHoursToAcceptance, 'f', 1, 64)})
	}
	counts := func(section string, m map[string]*int) {
		for _, k := range sortedKeys(m) {
			rows = append(rows, []string{section, csvCell(k), "", count(m[k])})
		}
	}
	counts("status", st.ByStatus)
	counts("theme", st.ByTheme)
	counts("month", st.ByMonth)
	counts("refusal_reason", st.ByRefusalReason)
	for _, s := range st.Structures {
		rows = append(rows, []string{"structure_sent", s.ActorID, csvCell(s.Name), count(s.Sent)},
			[]string{"structure_received", s.ActorID, csvCell(s.Name), count(s.Received)})
	}
	if err := w.WriteAll(rows); err != nil {
		return models.Internal(err)
	}
	c.Header("Content-Disposition", `attachment; filename="statistiques-orientations.csv"`)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
	return nil
}
