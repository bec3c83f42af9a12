package models

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The password policy follows NIST SP 800-63B-4 (§3.1.1.2) and ANSSI's
// recommendations: a minimum length rather than composition rules, no
// maximum that stops passphrases, every character allowed but controls, and
// a check against passwords that attackers try first: common and breached
// ones, repetitions and keyboard sequences, and words of the context (the
// e-mail, the person's name, the service's name). The current password is
// refused as a new one.

// commonPasswordsGz holds 49,193 common and breached passwords, lower-cased,
// from the npm package @zxcvbn-ts/language-common 4.1.3 (MIT licence),
// written by `go run ./models/internal/genpasswords` (see that command for
// the source and the steps).
//
//go:embed common-passwords.txt.gz
var commonPasswordsGz []byte

// commonPasswords is loaded on first use (about 2 MB in memory), so that
// programs that never set a password do not pay for it.
var commonPasswords = sync.OnceValue(func() map[string]struct{} {
	m := make(map[string]struct{}, 50000)
	zr, err := gzip.NewReader(bytes.NewReader(commonPasswordsGz))
	if err != nil {
		panic(err) // the embedded file is part of the binary
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		m[sc.Text()] = struct{}{}
	}
	if err := sc.Err(); err != nil {
		panic(err)
	}
	return m
})

// PasswordContext is what a new password must not be built on.
type PasswordContext struct {
	Email       string
	DisplayName string
	// CurrentHash is the account's current password hash; a new password
	// equal to the current one is refused.
	CurrentHash string
}

// sequences are runs that people type as passwords: alphabets, digits and
// the rows of French and English keyboards, both ways.
var sequences = func() []string {
	base := []string{"abcdefghijklmnopqrstuvwxyz", "01234567890", "azertyuiopqsdfghjklmwxcvbn", "qwertyuiopasdfghjklzxcvbnm",
		"azertyuiop", "qsdfghjklm", "wxcvbn", "qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "&é\"'(-è_çà)="}
	var out []string
	for _, s := range base {
		r := []rune(s)
		for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
			r[i], r[j] = r[j], r[i]
		}
		out = append(out, strings.Repeat(s, 4), strings.Repeat(string(r), 4))
	}
	return out
}()

// ValidatePassword checks a new password against the policy and reports
// the first reason it is refused, on the field "password".
func ValidatePassword(pw string, pc PasswordContext) error {
	var fe FieldErrors
	if reason := passwordWeakness(pw, pc); reason != "" {
		fe.Add("password", reason)
	}
	return fe.Err("The password does not meet the policy.")
}

func passwordWeakness(pw string, pc PasswordContext) string {
	n := utf8.RuneCountInString(pw)
	switch {
	case !utf8.ValidString(pw):
		return "must be valid UTF-8"
	case n < minPasswordLen:
		return "must be at least 15 characters: a passphrase of a few words is easier to remember than a short complex password"
	case len(pw) > maxPasswordLen:
		return "must be at most 256 bytes"
	case strings.IndexFunc(pw, func(r rune) bool { return unicode.IsControl(r) }) >= 0:
		return "must not contain control characters"
	case strings.TrimSpace(pw) == "":
		return "must not be only spaces"
	}
	lower := strings.ToLower(pw)
	distinct := map[rune]bool{}
	for _, r := range lower {
		distinct[r] = true
	}
	if len(distinct) < 5 {
		return "uses too few different characters"
	}
	if repeatsUnit(lower) {
		return "repeats the same sequence of characters"
	}
	compact := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, lower)
	for _, seq := range sequences {
		if utf8.RuneCountInString(compact) >= 8 && strings.Contains(seq, compact) {
			return "is a keyboard, alphabet or number sequence"
		}
	}
	core := strings.TrimFunc(compact, func(r rune) bool { return !unicode.IsLetter(r) })
	common := commonPasswords()
	_, whole := common[compact]
	_, coreCommon := common[core]
	if whole || coreCommon || repeatsUnit(core) && len(core) > 0 {
		return "is a commonly used password, or one with digits or symbols added: choose a few unrelated words"
	}
	if utf8.RuneCountInString(core) < 4 {
		return "is mostly digits and symbols: choose a few words instead"
	}
	for _, word := range contextWords(pc) {
		if strings.Contains(compact, word) && utf8.RuneCountInString(word)*2 >= utf8.RuneCountInString(compact) {
			return "must not be built on your e-mail address, your name or the service's name"
		}
	}
	if pc.CurrentHash != "" {
		if same, err := CheckPassword(pc.CurrentHash, pw); err == nil && same {
			return "must differ from the current password"
		}
	}
	return ""
}

// repeatsUnit reports whether s is a shorter string repeated (abcabcabc).
func repeatsUnit(s string) bool {
	r := []rune(s)
	for size := 1; size <= len(r)/2; size++ {
		if len(r)%size != 0 {
			continue
		}
		same := true
		for i := size; i < len(r) && same; i++ {
			same = r[i] == r[i-size]
		}
		if same {
			return true
		}
	}
	return false
}

// contextWords are the words of the context a password must not be made of
// (lower-cased, without spaces): the e-mail, its local part and its parts,
// the person's name and its parts, the service's name.
func contextWords(pc PasswordContext) []string {
	words := []string{"carnet"}
	add := func(w string) {
		w = strings.ToLower(strings.Join(strings.Fields(w), ""))
		if utf8.RuneCountInString(w) >= 4 {
			words = append(words, w)
		}
	}
	email := strings.ToLower(strings.TrimSpace(pc.Email))
	add(email)
	local, _, _ := strings.Cut(email, "@")
	add(local)
	for _, part := range strings.FieldsFunc(local, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		add(part)
	}
	add(pc.DisplayName)
	for _, part := range strings.Fields(pc.DisplayName) {
		add(part)
	}
	return words
}
