package models

import "testing"

// sec16: whether a service takes referrals is part of its content (a sync
// that changed only that was reported unchanged and dropped), but services
// open to referrals keep the fingerprint they had, so that no partner's next
// sync rewrites every service of the directory (a version, a change and a
// webhook delivery each).
func TestServiceFingerprintCarriesReferralsClosed(t *testing.T) {
	s := Service{ActorID: "01a2397c-a657-703a-a7c9-decd45948f61", Name: "Aide aux démarches", Kind: "procedures_done_with",
		Themes: StringList{"Aide aux démarches administratives"}, OnSite: true, Status: "published", Source: "hub", SourceID: "s-1"}
	const before = "edaf28515a19f8e084e72be6e6ddc6da" // as computed before sec16
	if got := s.ContentFingerprint(); got != before {
		t.Errorf("an open service's fingerprint moved: %s, was %s", got, before)
	}
	closed := s
	closed.ReferralsClosed = true
	if closed.ContentFingerprint() == s.ContentFingerprint() {
		t.Errorf("closing a service to referrals leaves its fingerprint")
	}
}
