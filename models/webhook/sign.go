// Package webhook delivers the change log to partners' endpoints: the
// fan-out follower, the delivery worker, the Standard Webhooks signature
// and the guard that keeps deliveries off private networks. The queue
// itself (subscriptions, deliveries, claims with a lease) is the Store's
// (models/webhook_queue.go), so that every replica shares it.
package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"carnet/models"
)

// Headers of a delivery, as Standard Webhooks 1.0 names them
// (https://www.standardwebhooks.com): the delivery's id (the same on every
// attempt: receivers keep it to ignore a delivery sent twice), the
// attempt's time in Unix seconds, and the signatures.
const (
	HeaderID        = "webhook-id"
	HeaderTimestamp = "webhook-timestamp"
	HeaderSignature = "webhook-signature"
)

// Tolerance is the replay window receivers should apply: a delivery whose
// timestamp is further than this from their clock is refused.
const Tolerance = 5 * time.Minute

// key returns the HMAC key of a whsec_ secret: its base64 payload decoded.
func key(secret string) ([]byte, error) {
	b64, ok := strings.CutPrefix(secret, models.WebhookSecretPrefix)
	if !ok {
		return nil, errors.New("a webhook secret starts with " + models.WebhookSecretPrefix)
	}
	k, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(k) < 24 {
		return nil, errors.New("a webhook secret is whsec_ and the base64 of at least 24 bytes")
	}
	return k, nil
}

// signature is base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)).
func signature(k []byte, id string, ts int64, body []byte) string {
	m := hmac.New(sha256.New, k)
	m.Write([]byte(id))
	m.Write([]byte{'.'})
	m.Write([]byte(strconv.FormatInt(ts, 10)))
	m.Write([]byte{'.'})
	m.Write(body)
	return base64.StdEncoding.EncodeToString(m.Sum(nil))
}

// Sign returns the webhook-signature header of a delivery: "v1," and the
// signature with each secret, separated by spaces (two during a secret
// rotation's overlap).
func Sign(secrets []string, id string, ts int64, body []byte) (string, error) {
	parts := make([]string, 0, len(secrets))
	for _, s := range secrets {
		k, err := key(s)
		if err != nil {
			return "", err
		}
		parts = append(parts, "v1,"+signature(k, id, ts, body))
	}
	return strings.Join(parts, " "), nil
}

// Verify is what a receiver does with a delivery, written in Go as the
// README's reference: the three headers present, the timestamp within
// tolerance of now (replays of an old delivery are refused), and one of
// the v1 signatures equal, in constant time, to the one computed over the
// raw body with secret.
func Verify(secret string, h http.Header, body []byte, now time.Time, tolerance time.Duration) error {
	id, ts, sigs := h.Get(HeaderID), h.Get(HeaderTimestamp), h.Get(HeaderSignature)
	if id == "" || ts == "" || sigs == "" {
		return errors.New("missing webhook-id, webhook-timestamp or webhook-signature")
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return errors.New("webhook-timestamp is not a Unix time in seconds")
	}
	if d := now.Sub(time.Unix(sec, 0)); d > tolerance || d < -tolerance {
		return fmt.Errorf("webhook-timestamp is %s away from now: refused as a possible replay", d.Round(time.Second))
	}
	k, err := key(secret)
	if err != nil {
		return err
	}
	want := signature(k, id, sec, body)
	for _, s := range strings.Fields(sigs) {
		if v, sig, ok := strings.Cut(s, ","); ok && v == "v1" && subtle.ConstantTimeCompare([]byte(sig), []byte(want)) == 1 {
			return nil
		}
	}
	return errors.New("no signature matches: wrong secret, or the body was changed")
}
