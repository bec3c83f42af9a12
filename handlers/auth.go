package handlers

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// LoginRequest holds an account's credentials.
type LoginRequest struct {
	Email    string `json:"email" example:"admin@example.fr"`
	Password string `json:"password" example:"correct horse battery staple"`
}

// TokenResponse is an OAuth2-style access token answer.
type TokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type" example:"Bearer"`
	// Lifetime of the token in seconds.
	ExpiresIn int64 `json:"expires_in" example:"900"`
}

// Login godoc
//
//	@Summary		Log in
//	@Description	Exchanges an e-mail and password for a short-lived bearer token. Wrong e-mails, wrong passwords and disabled accounts get the same 401.
//	@Tags			auth
//	@Accept			json
//	@Produce		json
//	@Param			credentials	body		LoginRequest	true	"Credentials"
//	@Success		200			{object}	TokenResponse
//	@Failure		400			{object}	Problem
//	@Failure		401			{object}	Problem
//	@Failure		413			{object}	Problem
//	@Failure		415			{object}	Problem
//	@Failure		429			{object}	Problem
//	@Router			/api/v1/auth/login [post]
func (h *Handler) Login(c *gin.Context) error {
	var in LoginRequest
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	u, err := h.Store.Authenticate(c.Request.Context(), in.Email, in.Password)
	if err != nil {
		return err
	}
	p, err := h.Store.LoadPrincipal(c.Request.Context(), u.ID)
	if err != nil {
		return err
	}
	tok, exp, err := h.Tokens.Issue(p)
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	writeJSON(c, http.StatusOK, TokenResponse{AccessToken: tok, TokenType: "Bearer", ExpiresIn: int64(exp.Sub(h.Store.Now()).Round(time.Second) / time.Second)})
	return nil
}
