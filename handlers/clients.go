package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// PartnerClient is a partner institution's system as administrators see it.
// Its secret is never shown again after creation or rotation.
type PartnerClient struct {
	// The client_id to send to POST /api/v1/auth/token.
	ID   string `json:"id" format:"uuid"`
	Name string `json:"name" example:"CAF des Bouches-du-Rhône"`
	// Sources whose records the client may write.
	Sources []string `json:"sources" example:"caf-13"`
	// directory:write (REST writes), sync:write (bulk sync), webhooks:manage
	// (its own webhook subscriptions).
	Scopes []string `json:"scopes" example:"sync:write"`
	// Sources it writes that another enabled client writes too: each may
	// overwrite the other's records. Only when registered so on purpose
	// (share_sources); [] otherwise.
	SharedSources []string `json:"shared_sources"`
	Disabled      bool     `json:"disabled"`
	CreatedAt     Time     `json:"created_at" format:"date-time"`
	UpdatedAt     Time     `json:"updated_at" format:"date-time"`
	LastUsedAt    *Time    `json:"last_used_at" format:"date-time" extensions:"x-nullable"`
}

// PartnerClientCreated is a new client with its secret, shown this once.
type PartnerClientCreated struct {
	PartnerClient
	ClientSecret string `json:"client_secret" example:"cs_…"`
}

// PartnerClientList is one page of clients.
type PartnerClientList struct {
	Data  []PartnerClient `json:"data"`
	Meta  ListMeta        `json:"meta"`
	Links ListLinks       `json:"links"`
}

// PartnerClientInput registers a client.
type PartnerClientInput struct {
	Name string `json:"name" minLength:"1" maxLength:"200" example:"CAF des Bouches-du-Rhône"`
	// The sources whose records it writes. Carnet's own name (carnet, in
	// any case or spacing, or in letters that look alike), which no
	// record may take as its source, is refused (422 naming it).
	Sources []string `json:"sources" validate:"min=1,max=200" maxLength:"64" example:"caf-13"`
	// The scopes granted, [] for a client that only reads: required, an
	// absent or null list is refused (422).
	Scopes []string `json:"scopes" validate:"max=10" enums:"directory:write,sync:write,webhooks:manage" example:"sync:write"`
	// A source another enabled client already writes (directory:write or
	// sync:write) is refused (409 naming it and that client) unless this
	// says the sharing is meant, both clients being the same partner's;
	// the answer's shared_sources then lists it.
	ShareSources bool `json:"share_sources,omitempty"`
}

// PartnerClientPatch changes a client; absent fields are kept.
type PartnerClientPatch struct {
	Name *string `json:"name,omitempty" minLength:"1" maxLength:"200"`
	// As at registration; a source carnet granted before it was refused
	// is kept, not granted anew (422).
	Sources  *[]string `json:"sources,omitempty" validate:"min=1,max=200" maxLength:"64" example:"caf-13"`
	Scopes   *[]string `json:"scopes,omitempty" validate:"max=10" enums:"directory:write,sync:write,webhooks:manage" example:"sync:write"`
	Disabled *bool     `json:"disabled,omitempty"`
	// As at registration: a source another enabled client writes, which
	// this change would have the client write too, is refused (409) unless
	// this says the sharing is meant.
	ShareSources bool `json:"share_sources,omitempty"`
}

// ClientSecret is a new secret, shown once.
type ClientSecret struct {
	ClientID     string `json:"client_id" format:"uuid"`
	ClientSecret string `json:"client_secret"`
}

func newPartnerClient(c *models.PartnerClient) PartnerClient {
	return PartnerClient{ID: c.ID, Name: c.Name, Sources: list(c.Sources), Scopes: list(c.Scopes), SharedSources: list(c.SharedSources), Disabled: c.Disabled,
		CreatedAt: stamp(c.CreatedAt), UpdatedAt: stamp(c.UpdatedAt), LastUsedAt: stampPtr(c.LastUsedAt)}
}

// ListClients godoc
//
//	@ID			listClients
//	@Summary		List partner clients
//	@Description	Platform administrators only.
//	@Tags			partner clients
//	@Produce		json
//	@Security		BearerAuth
//	@Param			cursor	query		string	false	"The next_cursor of the previous page of this list, with the same parameters (limit aside); a cursor of another list or of other parameters answers 400"
//	@Param			limit	query		int		false	"Page size"	minimum(1)	maximum(200)	default(20)
//	@Success		200		{object}	PartnerClientList
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Router			/api/v1/clients [get]
func (h *Handler) ListClients(c *gin.Context) error {
	privateNoStore(c) // names people (authors, members, contacts): no shared cache keeps it
	if err := requireAdmin(c); err != nil {
		return err
	}
	q := queryOf(c)
	p := q.page(models.SortID)
	if err := q.err(); err != nil {
		return err
	}
	page, err := h.Store.ListPartnerClients(c.Request.Context(), p)
	if err != nil {
		return err
	}
	out := PartnerClientList{Data: make([]PartnerClient, len(page.Items))}
	for i := range page.Items {
		out.Data[i] = newPartnerClient(&page.Items[i])
	}
	out.Meta, out.Links = listMeta(c, p, page.Total, page.NextCursor)
	writeJSON(c, http.StatusOK, out)
	return nil
}

// CreateClient godoc
//
//	@ID			createClient
//	@Summary		Register a partner client
//	@Description	Platform administrators only. The answer carries the client_secret, shown this once: give it to the partner over a safe channel. A client's name is unique once case, spaces, punctuation and letter forms (NFKC) are folded, and may not mix Latin letters with Cyrillic or Greek ones (422). A source another enabled client already writes (directory:write or sync:write) is refused with 409 naming it, unless share_sources says the sharing is meant; the answer's shared_sources then lists it. Clients that only read or manage webhooks share sources freely.
//	@Tags			partner clients
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			Idempotency-Key	header		string	false	"Makes retries safe: a retry with the same key and body gets the first success again (Idempotent-Replayed: true). A refusal (4xx) is not kept: the request did nothing, and a corrected body may reuse the key. Operations that do not take the header refuse it (400)"
//	@Param			client	body		PartnerClientInput	true	"The client"
//	@Success		201		{object}	PartnerClientCreated
//	@Header			201		{string}	Location	"URL of the client"
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		413		{object}	Problem
//	@Failure		415		{object}	Problem
//	@Failure		422		{object}	Problem
//	@Failure		409	{object}	Problem	"Another client is named alike (name), or writes one of the sources (sources[i]) and share_sources is not set; or a request with the same Idempotency-Key is still running (Retry-After)"
//	@Router			/api/v1/clients [post]
func (h *Handler) CreateClient(c *gin.Context) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	var in PartnerClientInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	cl, secret, err := h.Store.CreatePartnerClient(c.Request.Context(), models.NewPartnerClient{Name: in.Name, Sources: in.Sources, Scopes: in.Scopes, ShareSources: in.ShareSources})
	if err != nil {
		return err
	}
	c.Header("Location", "/api/v1/clients/"+cl.ID)
	c.Header("Cache-Control", "no-store")
	writeJSON(c, http.StatusCreated, PartnerClientCreated{PartnerClient: newPartnerClient(cl), ClientSecret: secret})
	return nil
}

// GetClient godoc
//
//	@ID			getClient
//	@Summary		Get a partner client
//	@Description	The client's name, sources, scopes and state; never its secret. Platform administrators only.
//	@Tags			partner clients
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Client id"	format(uuid)
//	@Success		200	{object}	PartnerClient
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Router			/api/v1/clients/{id} [get]
func (h *Handler) GetClient(c *gin.Context) error {
	privateNoStore(c) // names people (authors, members, contacts): no shared cache keeps it
	if err := requireAdmin(c); err != nil {
		return err
	}
	cl, err := h.Store.GetPartnerClient(c.Request.Context(), c.Param("id"))
	if err != nil {
		return err
	}
	writeJSON(c, http.StatusOK, newPartnerClient(cl))
	return nil
}

// UpdateClient godoc
//
//	@ID			updateClient
//	@Summary		Change a partner client
//	@Description	Rename, change sources or scopes, disable or enable. A disabled client's tokens are refused on their next request.
//	@Tags			partner clients
//	@Accept			json
//	@Accept			application/merge-patch+json
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id		path		string				true	"Client id"	format(uuid)
//	@Param			patch	body		PartnerClientPatch	true	"Fields to change"
//	@Success		200		{object}	PartnerClient
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem
//	@Failure		404		{object}	Problem
//	@Failure		413		{object}	Problem
//	@Failure		415		{object}	Problem
//	@Failure		409		{object}	Problem	"Another client is named alike (name), or writes a source this change would have the client write (sources[i]) and share_sources is not set"
//	@Failure		422		{object}	Problem
//	@Router			/api/v1/clients/{id} [patch]
func (h *Handler) UpdateClient(c *gin.Context) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	var in PartnerClientPatch
	if err := decodeChanges(c, &in); err != nil {
		return err
	}
	cl, err := h.Store.UpdatePartnerClient(c.Request.Context(), c.Param("id"), models.PartnerClientUpdate{Name: in.Name, Sources: in.Sources, Scopes: in.Scopes, Disabled: in.Disabled, ShareSources: in.ShareSources})
	if err != nil {
		return err
	}
	writeJSON(c, http.StatusOK, newPartnerClient(cl))
	return nil
}

// RotateClientSecret godoc
//
//	@ID			rotateClientSecret
//	@Summary		Rotate a partner client's secret
//	@Description	Issues a new secret, shown this once; the old one stops working at once.
//	@Tags			partner clients
//	@Produce		json
//	@Security		BearerAuth
//	@Param			id	path		string	true	"Client id"	format(uuid)
//	@Success		200	{object}	ClientSecret
//	@Failure		400	{object}	Problem	"An unknown query parameter"
//	@Failure		401	{object}	Problem
//	@Failure		403	{object}	Problem
//	@Failure		404	{object}	Problem
//	@Router			/api/v1/clients/{id}/secret [post]
func (h *Handler) RotateClientSecret(c *gin.Context) error {
	if err := requireAdmin(c); err != nil {
		return err
	}
	id := c.Param("id")
	secret, err := h.Store.RotateClientSecret(c.Request.Context(), id)
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	writeJSON(c, http.StatusOK, ClientSecret{ClientID: id, ClientSecret: secret})
	return nil
}
