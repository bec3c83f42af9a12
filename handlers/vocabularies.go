package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"carnet/models"
	"carnet/models/vocab"
)

// VocabularyTerm is one allowed value.
type VocabularyTerm struct {
	// The exact value to send and to expect in responses.
	Value string `json:"value" example:"Aide aux démarches administratives"`
	// A human label (the value itself for the standard's vocabularies).
	Label string `json:"label" example:"Aide aux démarches administratives"`
	// An ASCII form accepted in input and query strings.
	Slug        string `json:"slug" example:"aide-aux-demarches-administratives"`
	Description string `json:"description"`
	// Everyday words and abbreviations that search leads to this value
	// (Carnet's reviewed thesaurus): those naming it first, then needs it
	// meets. [] when none.
	Synonyms []string `json:"synonyms" example:"impôts,carte grise,CAF"`
}

// Vocabulary is a controlled list of values.
type Vocabulary struct {
	Name        string `json:"name" example:"themes"`
	Title       string `json:"title" example:"Services proposés"`
	Description string `json:"description"`
	// The column of the national standard « lieux de médiation numérique » it comes from; "" for Carnet's own lists.
	StandardField string `json:"standard_field" example:"services"`
	// Whether a field takes several values of it.
	Multiple bool             `json:"multiple"`
	Terms    []VocabularyTerm `json:"terms"`
}

// VocabularyList lists every vocabulary.
type VocabularyList struct {
	Data []Vocabulary `json:"data"`
	// Version of the thesaurus behind the terms' synonyms.
	ThesaurusVersion string `json:"thesaurus_version" example:"2026-12-01"`
}

func newVocabulary(v *vocab.Vocabulary) Vocabulary {
	out := Vocabulary{Name: v.Name, Title: v.Title, Description: v.Description, StandardField: v.Column, Multiple: v.Multi, Terms: make([]VocabularyTerm, len(v.Terms))}
	for i, t := range v.Terms {
		out.Terms[i] = VocabularyTerm{Value: t.Value, Label: t.Label, Slug: t.Slug, Description: t.Description,
			Synonyms: append([]string{}, vocab.SynonymsOf(v.Name, t.Value)...)}
	}
	return out
}

// ListVocabularies godoc
//
//	@ID			listVocabularies
//	@Summary		List the vocabularies
//	@Description	Every controlled list the API uses, with the national standard's exact strings, so that clients never hard-code labels. Each term lists its synonyms: the everyday words and abbreviations of Carnet's reviewed thesaurus that search leads to it.
//	@Tags			vocabularies
//	@Produce		json
//	@Success		200	{object}	VocabularyList
//	@Failure		400	{object}	Problem	"Unknown query parameter"
//	@Router			/api/v1/vocabularies [get]
func (h *Handler) ListVocabularies(c *gin.Context) error {
	if err := queryOf(c).err(); err != nil {
		return err
	}
	all := vocab.All()
	out := VocabularyList{Data: make([]Vocabulary, len(all)), ThesaurusVersion: vocab.GetThesaurus().Version}
	for i, v := range all {
		out.Data[i] = newVocabulary(v)
	}
	c.Header("Cache-Control", "public, max-age=3600")
	writeJSON(c, http.StatusOK, out)
	return nil
}

// GetVocabulary godoc
//
//	@ID			getVocabulary
//	@Summary		Get a vocabulary
//	@Description	One controlled list with its terms: the value to send and to expect, a label and a slug (both also accepted in input).
//	@Tags			vocabularies
//	@Produce		json
//	@Param			name	path		string	true	"Vocabulary name, e.g. themes"
//	@Success		200		{object}	Vocabulary
//	@Failure		404		{object}	Problem
//	@Router			/api/v1/vocabularies/{name} [get]
func (h *Handler) GetVocabulary(c *gin.Context) error {
	v, ok := vocab.Get(c.Param("name"))
	if !ok {
		return models.Errorf(models.ENOTFOUND, "No vocabulary is named %q; GET /api/v1/vocabularies lists them.", clip(c.Param("name")))
	}
	c.Header("Cache-Control", "public, max-age=3600")
	writeJSON(c, http.StatusOK, newVocabulary(v))
	return nil
}
