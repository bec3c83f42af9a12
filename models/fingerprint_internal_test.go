package models

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"math/rand/v2"
	"testing"
)

// jsonFingerprint is the fingerprint as it was first defined: the SHA-256 of
// json.Marshal of a struct of the fields in order. ContentFingerprint must
// give the same bytes, or every record of every source would be rewritten on
// its next sync.
func jsonFingerprint(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

func jsonActorFingerprint(a *Actor) string {
	return jsonFingerprint(struct {
		Name, Pivot                            string
		Typologies                             StringList
		ParentID                               *string
		Summary, Description                   string
		Address                                Address
		Latitude, Longitude                    *float64
		Phones, Emails, Websites               StringList
		ContactPublic                          bool
		OpeningHours                           string
		Mobility                               StringList
		AcceslibreURL, BookingURL              string
		NationalProgrammes, TrainingLabels     StringList
		OtherLabels, Source, SourceID, Status  string
		ClosedFrom, ClosedUntil, ClosureReason string
		Producer, ProducerUpdatedOn            string
	}{a.Name, a.Pivot, a.Typologies, a.ParentID, a.Summary, a.Description, a.Address, a.Latitude, a.Longitude,
		a.Phones, a.Emails, a.Websites, a.ContactPublic, a.OpeningHours, a.Mobility, a.AcceslibreURL, a.BookingURL,
		a.NationalProgrammes, a.TrainingLabels, a.OtherLabels, a.Source, a.SourceID, a.Status,
		a.ClosedFrom, a.ClosedUntil, a.ClosureReason, a.Producer, a.ProducerUpdatedOn})
}

func jsonServiceFingerprint(s *Service) string {
	return jsonFingerprint(struct {
		ActorID, Name, Description, Kind       string
		Themes, Publics, SpecificSupport, Fees StringList
		FeesDetails                            string
		PassNumerique                          bool
		AccessModes, AccompanimentModes        StringList
		OnSite, Remote                         bool
		Address                                Address
		Latitude, Longitude                    *float64
		OpeningHours                           string
		Languages                              StringList
		Capacity                               *int
		IsFull                                 bool
		BookingURL, Status, Source, SourceID   string
		ReferralsClosed                        bool `json:",omitempty"`
	}{s.ActorID, s.Name, s.Description, s.Kind, s.Themes, s.Publics, s.SpecificSupport, s.Fees, s.FeesDetails,
		s.PassNumerique, s.AccessModes, s.AccompanimentModes, s.OnSite, s.Remote, s.Address, s.Latitude, s.Longitude,
		s.OpeningHours, s.Languages, s.Capacity, s.IsFull, s.BookingURL, s.Status, s.Source, s.SourceID, s.ReferralsClosed})
}

// fingerprintStrings are texts whose JSON needs escapes or care: HTML,
// quotes, controls, invalid UTF-8, line separators, accents.
var fingerprintStrings = []string{
	"", "Médiathèque <Jean> & \"Cie\"", "a\\b\x00\x1f\t\n\r", "\xff\xfeinvalid", "ligne\u2028para\u2029",
	"Espace numérique", "06 12 34 56 78", "https://example.org/?a=1&b=2", "😀 emoji", "Saint-Étienne",
}

var fingerprintFloats = []float64{0, -0.0, 1, -1, 45.764043, 4.835659, 1e-7, -1e-7, 1e-6, 1e20, 1e21, 1.5e21,
	123456789.123456789, 1e-10, 5e-324, math.MaxFloat64, -180, 90, 0.1 + 0.2, 2.5e-8}

func randomText(r *rand.Rand) string { return fingerprintStrings[r.IntN(len(fingerprintStrings))] }

func randomList(r *rand.Rand) StringList {
	switch r.IntN(4) {
	case 0:
		return nil
	case 1:
		return StringList{}
	}
	l := make(StringList, 1+r.IntN(3))
	for i := range l {
		l[i] = randomText(r)
	}
	return l
}

func randomFloat(r *rand.Rand) *float64 {
	if r.IntN(4) == 0 {
		return nil
	}
	f := fingerprintFloats[r.IntN(len(fingerprintFloats))]
	if r.IntN(2) == 0 {
		f = (r.Float64() - 0.5) * math.Pow(10, float64(r.IntN(50)-25))
	}
	return &f
}

func randomAddress(r *rand.Rand) Address {
	return Address{randomText(r), randomText(r), randomText(r), randomText(r), randomText(r)}
}

func TestFingerprintAsEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 6))
	// The zero records first, then random ones.
	actors, services := []*Actor{{}}, []*Service{{}}
	for range 3000 {
		a := &Actor{Name: randomText(r), Pivot: randomText(r), Typologies: randomList(r), Summary: randomText(r),
			Description: randomText(r), Address: randomAddress(r), Latitude: randomFloat(r), Longitude: randomFloat(r),
			Phones: randomList(r), Emails: randomList(r), Websites: randomList(r), ContactPublic: r.IntN(2) == 0,
			OpeningHours: randomText(r), Mobility: randomList(r), AcceslibreURL: randomText(r), BookingURL: randomText(r),
			NationalProgrammes: randomList(r), TrainingLabels: randomList(r), OtherLabels: randomText(r),
			Source: randomText(r), SourceID: randomText(r), Status: randomText(r), ClosedFrom: randomText(r),
			ClosedUntil: randomText(r), ClosureReason: randomText(r), Producer: randomText(r), ProducerUpdatedOn: randomText(r)}
		if r.IntN(2) == 0 {
			p := randomText(r)
			a.ParentID = &p
		}
		actors = append(actors, a)
		s := &Service{ActorID: randomText(r), Name: randomText(r), Description: randomText(r), Kind: randomText(r),
			Themes: randomList(r), Publics: randomList(r), SpecificSupport: randomList(r), Fees: randomList(r),
			FeesDetails: randomText(r), PassNumerique: r.IntN(2) == 0, AccessModes: randomList(r),
			AccompanimentModes: randomList(r), OnSite: r.IntN(2) == 0, Remote: r.IntN(2) == 0, Address: randomAddress(r),
			Latitude: randomFloat(r), Longitude: randomFloat(r), OpeningHours: randomText(r), Languages: randomList(r),
			IsFull: r.IntN(2) == 0, BookingURL: randomText(r), Status: randomText(r), Source: randomText(r), SourceID: randomText(r),
			ReferralsClosed: r.IntN(2) == 0}
		if r.IntN(2) == 0 {
			c := r.IntN(200000) - 100000
			s.Capacity = &c
		}
		services = append(services, s)
	}
	for i, a := range actors {
		if got, want := a.ContentFingerprint(), jsonActorFingerprint(a); got != want {
			t.Fatalf("actor %d (%+v): fingerprint %s, encoding/json gives %s", i, a, got, want)
		}
	}
	for i, s := range services {
		if got, want := s.ContentFingerprint(), jsonServiceFingerprint(s); got != want {
			t.Fatalf("service %d (%+v): fingerprint %s, encoding/json gives %s", i, s, got, want)
		}
	}
}

// A coordinate that JSON cannot write made json.Marshal fail and the
// fingerprint panic; it still does (validation refuses such coordinates
// before any fingerprint is taken).
func TestFingerprintRefusesNonFiniteCoordinates(t *testing.T) {
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%v: no panic", f)
				}
			}()
			(&Actor{Latitude: &f}).ContentFingerprint()
		}()
	}
}

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
