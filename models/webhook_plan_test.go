package models

import (
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"
)

// TestClaimReadsOnlyWaitingDeliveries: claiming a subscription's next
// deliveries reads the deliveries still waiting, in seq order, through the
// partial indexes of migration 00081, however many delivered ones the log
// keeps. Through the other indexes a claim read the subscription's whole log
// and sorted it (300,000 delivered rows: 93 ms a claim). The plan is
// SQLite's; PostgreSQL chooses by its statistics.
func TestClaimReadsOnlyWaitingDeliveries(t *testing.T) {
	s := openTestStore(t)
	if s.Engine() != "sqlite" {
		t.Skip("the plan checked is SQLite's")
	}
	var cands []WebhookDelivery
	all := sqlitePlan(t, s, func(tx *gorm.DB) *gorm.DB {
		return claimCandidates(tx, "01a22eff-d90d-7daa-8426-9f2182dbf952", time.Now(), 20).Find(&cands)
	})
	for _, want := range []string{"USING INDEX webhook_deliveries_waiting", "USING INDEX webhook_deliveries_record_waiting"} {
		if !strings.Contains(all, want) {
			t.Errorf("plan does not use %q:\n%s", want, all)
		}
	}
	if strings.Contains(all, "TEMP B-TREE") {
		t.Errorf("plan sorts:\n%s", all)
	}
}
