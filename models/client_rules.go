package models

import (
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/mtibben/confusables"
	"golang.org/x/text/unicode/norm"
	"gorm.io/gorm"
)

// Partner clients are told apart by their name, in the trail, the
// histories and the administrators' lists, and by the sources whose
// records they write. Before (probe 37a, L3), « CAF 13 » was registered
// twice, and as « caf 13 », fullwidth « ＣＡＦ 13 » or with a Cyrillic А;
// one source was granted to several writing clients without a word, and
// two partners overwrote each other's records.

// clientNameKeys are a client's name as the rule compares it: two names
// are the same when one of their keys is. The places' name key (NameKey:
// compatibility forms, case, accents, spaces and punctuation folded), and
// the name's Unicode confusable skeleton (UTS #39, confusables.txt) with
// every space and punctuation mark dropped, so that « C.A.F. 13 »,
// « C A F 13 » and « CAF13 » are « CAF 13 », and a name written wholly in
// Cyrillic or Greek letters that read as Latin ones (« АСЕ 13 ») is the
// Latin one. The skeleton is taken twice, of the name as written and of
// it in capitals, and compared with its case: a skeleton maps a capital I
// to a small l, so folding the case after it would make « CIAS » and
// « CLAS » one name, and before it « Rnairie » and « Mairie » (« rn »
// reads as « m » in small letters only). The capitals catch what reads
// alike once one of the names is written in capitals (« асе 13 » beside
// « ACE 13 »), case being folded everywhere else in names.
func clientNameKeys(name string) [3]string {
	letters := strings.Map(func(r rune) rune {
		if unicode.In(r, unicode.L, unicode.N, unicode.M) {
			return r
		}
		return -1 // spaces and punctuation: « C.A.F. » reads as « CAF »
	}, strings.Map(apostrophe, norm.NFKC.String(name)))
	return [3]string{
		"name:" + NameKey(name),
		"capitals:" + withoutMarks(confusables.Skeleton(strings.ToUpper(letters))),
		"written:" + withoutMarks(confusables.Skeleton(letters)),
	}
}

// withoutMarks drops the combining marks of s (decomposed by the
// skeleton): accents are folded in names as in the places' key.
func withoutMarks(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.M, r) {
			return -1
		}
		return r
	}, s)
}

// sameClientName reports whether names a and b are the same once folded
// (clientNameKeys).
func sameClientName(a, b [3]string) bool {
	return a[0] == b[0] || a[1] == b[1] || a[2] == b[2]
}

// writesRecords reports whether c, enabled, writes its sources' records
// (REST or sync): the clients a source may not be shared between
// unawares. Clients that only read or manage webhooks share freely.
func (c *PartnerClient) writesRecords() bool {
	return !c.Disabled && (c.Scopes.Contains(ScopeDirectoryWrite) || c.Scopes.Contains(ScopeSyncWrite))
}

// writtenSources are the sources c writes the records of.
func (c *PartnerClient) writtenSources() StringList {
	if !c.writesRecords() {
		return nil
	}
	return c.Sources
}

// checkClientRules applies the rules between clients to c, as it will be
// stored, before is c as it was (nil for a new client): its name, when
// it changes, is unique once folded and mixes no lookalike scripts; a
// source it comes to write (added, or the client made a writer or
// enabled) is refused while another enabled client writes it, unless
// share says the sharing is meant (requested is the request's list of
// sources, for the field named). Concurrent changes take turns. Sets
// c.SharedSources.
func checkClientRules(tx *gorm.DB, c, before *PartnerClient, requested []string, share bool) error {
	if err := dialectOf(tx).lockKey(tx, "partner-clients"); err != nil {
		return err
	}
	var others []PartnerClient
	if err := tx.Where("id <> ?", c.ID).Order("id").Find(&others).Error; err != nil {
		return err
	}
	if before == nil || clientNameKeys(before.Name) != clientNameKeys(c.Name) {
		if mixesScripts(c.Name) {
			return (&FieldErrors{{Field: "name", Reason: mixedScriptsReason}}).Err("The partner client is invalid.")
		}
		if o := sameNamed(others, c.Name); o != nil {
			return &Error{Code: ECONFLICT, Message: "Another partner client has this name, written alike: « " + o.Name + " » (" + o.ID + ").",
				Fields: []FieldError{{Field: "name", Reason: "reads as the name of another client once case, spaces, punctuation and letters that look alike are folded"}}}
		}
	}
	var had StringList
	if before != nil {
		had = before.writtenSources()
	}
	for _, src := range c.writtenSources() {
		if share || had.Contains(src) {
			continue
		}
		i := slices.IndexFunc(others, func(o PartnerClient) bool { return o.writtenSources().Contains(src) })
		if i < 0 {
			continue
		}
		o := others[i]
		return &Error{Code: ECONFLICT, Message: "The source " + src + " is already written by the partner client « " + o.Name + " » (" + o.ID + "): two clients would overwrite each other's records. Send share_sources: true if both are the same partner's.",
			Fields: []FieldError{{Field: "sources[" + strconv.Itoa(requestIndex(requested, c.Sources, src)) + "]", Reason: "is written by another client"}}}
	}
	setSharedSources(c, others)
	return nil
}

// sameNamed is the first of others whose name is the same as name once
// folded (clientNameKeys), or nil. Clients named alike before the rule are
// kept: only a name given or changed is checked.
func sameNamed(others []PartnerClient, name string) *PartnerClient {
	key := clientNameKeys(name)
	for i := range others {
		if sameClientName(clientNameKeys(others[i].Name), key) {
			return &others[i]
		}
	}
	return nil
}

// requestIndex is the index of source src in the list the request sent
// (as the client's sources are read: trimmed, lower-cased), else in the
// client's stored list.
func requestIndex(requested, stored []string, src string) int {
	if i := slices.IndexFunc(requested, func(r string) bool { return strings.ToLower(strings.TrimSpace(r)) == src }); i >= 0 {
		return i
	}
	return slices.Index(stored, src)
}

// setSharedSources sets c.SharedSources: the sources c writes that
// another enabled client of all writes too.
func setSharedSources(c *PartnerClient, all []PartnerClient) {
	c.SharedSources = []string{}
	for _, src := range c.writtenSources() {
		if slices.ContainsFunc(all, func(o PartnerClient) bool { return o.ID != c.ID && o.writtenSources().Contains(src) }) {
			c.SharedSources = append(c.SharedSources, src)
		}
	}
}
