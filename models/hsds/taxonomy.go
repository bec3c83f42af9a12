package hsds

import (
	"fmt"
	"slices"

	"carnet/models/vocab"
)

// Carnet's vocabularies are published as HSDS taxonomies: each vocabulary
// is a taxonomy, each of its values a term (code = the value's slug, name =
// its label), and services and organizations carry their values as
// attributes pointing to the terms. The two status lists are left out: a
// record's status is HSDS's status field, and drafts and archives are never
// shown. Terms are flat (no parent).

// TaxonomyVocabularies lists the vocabularies published as taxonomies, in
// the order of GET /api/v1/vocabularies.
var TaxonomyVocabularies = func() []string {
	var out []string
	for _, v := range vocab.All() {
		if v.Name == vocab.NameActorStatus || v.Name == vocab.NameServiceStatus {
			continue
		}
		out = append(out, v.Name)
	}
	return out
}()

// TermRef says which vocabulary value a taxonomy term is.
type TermRef struct {
	Vocabulary string
	Value      string
}

var taxonomies = buildTaxonomies()

type taxonomyIndex struct {
	list       []HSDSTaxonomy
	byID       map[string]int // taxonomy id → index in list
	terms      []HSDSTaxonomyTerm
	termRefs   []TermRef
	termByID   map[string]int            // term id → index in terms
	termByName map[string]map[string]int // vocabulary → value → index in terms
	termsOf    map[string][]int          // taxonomy id → indexes in terms
}

func buildTaxonomies() taxonomyIndex {
	ix := taxonomyIndex{byID: map[string]int{}, termByID: map[string]int{}, termByName: map[string]map[string]int{}, termsOf: map[string][]int{}}
	for _, name := range TaxonomyVocabularies {
		v := vocab.MustGet(name)
		t := HSDSTaxonomy{ID: nameID("taxonomy", v.Name), Name: v.Name, Description: v.Title, Version: v.Source}
		if v.Description != "" {
			t.Description += " : " + v.Description
		}
		ix.byID[t.ID] = len(ix.list)
		ix.list = append(ix.list, t)
		ix.termByName[v.Name] = map[string]int{}
		for _, tv := range v.Terms {
			desc := tv.Description
			if desc == "" {
				desc = termDescription(v, tv)
			}
			term := HSDSTaxonomyTerm{ID: nameID("taxonomy_term", v.Name, tv.Slug), Code: tv.Slug, Name: tv.Label, Description: desc,
				Taxonomy: v.Name, TaxonomyID: t.ID, Language: "fr"}
			if _, dup := ix.termByID[term.ID]; dup {
				panic("hsds: two terms of " + v.Name + " have the slug " + tv.Slug)
			}
			i := len(ix.terms)
			ix.terms = append(ix.terms, term)
			ix.termRefs = append(ix.termRefs, TermRef{Vocabulary: v.Name, Value: tv.Value})
			ix.termByID[term.ID] = i
			ix.termByName[v.Name][tv.Value] = i
			ix.termsOf[t.ID] = append(ix.termsOf[t.ID], i)
		}
	}
	return ix
}

// termDescription describes a value without a description of its own by
// where it comes from, with its exact string.
func termDescription(v *vocab.Vocabulary, t vocab.Term) string {
	if v.Column != "" {
		return fmt.Sprintf("Valeur « %s » de la colonne %s (%s).", t.Value, v.Column, v.Source)
	}
	return fmt.Sprintf("Valeur « %s » de la liste « %s » (%s).", t.Value, v.Title, v.Source)
}

// Taxonomies returns every taxonomy, in a stable order. The slice is a copy.
func Taxonomies() []HSDSTaxonomy { return slices.Clone(taxonomies.list) }

// Taxonomy returns the taxonomy with id.
func Taxonomy(id string) (HSDSTaxonomy, bool) {
	i, ok := taxonomies.byID[id]
	if !ok {
		return HSDSTaxonomy{}, false
	}
	return taxonomies.list[i], true
}

// TaxonomyID returns the id of the taxonomy of a vocabulary.
func TaxonomyID(vocabulary string) string { return nameID("taxonomy", vocabulary) }

// Terms returns every term, taxonomy by taxonomy in the vocabularies'
// order. The slice is a copy.
func Terms() []HSDSTaxonomyTerm { return slices.Clone(taxonomies.terms) }

// TermsOf returns the terms of the taxonomy with id.
func TermsOf(taxonomyID string) []HSDSTaxonomyTerm {
	idx := taxonomies.termsOf[taxonomyID]
	out := make([]HSDSTaxonomyTerm, len(idx))
	for i, j := range idx {
		out[i] = taxonomies.terms[j]
	}
	return out
}

// Term returns the term with id and the value it stands for.
func Term(id string) (HSDSTaxonomyTerm, TermRef, bool) {
	i, ok := taxonomies.termByID[id]
	if !ok {
		return HSDSTaxonomyTerm{}, TermRef{}, false
	}
	return taxonomies.terms[i], taxonomies.termRefs[i], true
}

// TermOf returns the term of a vocabulary value.
func TermOf(vocabulary, value string) (HSDSTaxonomyTerm, bool) {
	i, ok := taxonomies.termByName[vocabulary][value]
	if !ok {
		return HSDSTaxonomyTerm{}, false
	}
	return taxonomies.terms[i], true
}

// TaxonomyVocabulary returns the vocabulary a taxonomy id stands for.
func TaxonomyVocabulary(id string) (string, bool) {
	i, ok := taxonomies.byID[id]
	if !ok {
		return "", false
	}
	return taxonomies.list[i].Name, true
}
