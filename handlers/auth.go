package handlers

import (
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// LoginRequest holds an account's credentials.
type LoginRequest struct {
	Email    string `json:"email" example:"admin@example.fr"`
	Password string `json:"password" example:"correct horse battery staple"`
}

// TokenResponse is an OAuth2-style token answer.
type TokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type" example:"Bearer"`
	// Lifetime of the access token in seconds.
	ExpiresIn int64 `json:"expires_in" example:"900"`
	// For people: exchange it at POST /api/v1/auth/token (grant_type=refresh_token) for a new pair; single use.
	RefreshToken string `json:"refresh_token,omitempty"`
	// Lifetime of the refresh token in seconds.
	RefreshExpiresIn int64 `json:"refresh_expires_in,omitempty" example:"2592000"`
	// For partner clients: the token's scopes, space-separated (RFC 6749
	// §5.1): those asked for, else every scope granted to the client.
	Scope string `json:"scope,omitempty" example:"sync:write"`
}

// TokenRequest is an OAuth2 token request (RFC 6749), as JSON or as a form.
// Partner clients use grant_type=client_credentials with client_id and
// client_secret (or HTTP Basic authentication); people renew their session
// with grant_type=refresh_token.
type TokenRequest struct {
	GrantType    string `json:"grant_type" enums:"client_credentials,refresh_token" example:"client_credentials"`
	ClientID     string `json:"client_id,omitempty" format:"uuid"`
	ClientSecret string `json:"client_secret,omitempty" example:"cs_…"`
	RefreshToken string `json:"refresh_token,omitempty"`
	// For partner clients: the scopes the token is to carry, space-separated
	// (RFC 6749 §3.3), each granted to the client; without it, every scope
	// granted. A narrowed token cannot do more, whatever the client may.
	Scope string `json:"scope,omitempty" example:"sync:write"`
}

// LogoutRequest ends a session.
type LogoutRequest struct {
	RefreshToken string `json:"refresh_token"`
	// Ends every session of the account (log out everywhere: a lost phone,
	// a shared computer), not only this one. A boolean: null is refused (400).
	Everywhere bool `json:"everywhere,omitempty"`
}

// Login godoc
//
//	@ID			logIn
//	@Summary		Log in
//	@Description	Exchanges an e-mail and password for a short-lived access token and a refresh token. Wrong e-mails, wrong passwords and disabled accounts get the same 401. Limited per IP address and per account (429 with Retry-After).
//	@Tags			auth
//	@Accept			json
//	@Produce		json
//	@Param			credentials	body		LoginRequest	true	"Credentials"
//	@Success		200			{object}	TokenResponse
//	@Header			200			{string}	RateLimit-Remaining	"Attempts left before 429"
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
	if err := incomplete("The login request is incomplete.", [2]string{"email", in.Email}, [2]string{"password", in.Password}); err != nil {
		return err
	}
	if err := h.limitCredential(c, in.Email); err != nil {
		return err
	}
	ctx := c.Request.Context()
	u, err := h.Store.Authenticate(ctx, in.Email, in.Password)
	if err != nil {
		return h.credentialChecked(c, in.Email, err)
	}
	sess, err := h.Store.OpenSession(ctx, u.ID, h.RefreshTTL)
	if err != nil {
		return err
	}
	return h.issueFor(c, u.ID, sess.ID, sess.RefreshToken, sess.ExpiresAt)
}

// issueFor answers with an access token of the session for the account,
// and the session's refresh token.
func (h *Handler) issueFor(c *gin.Context, userID, sessionID, refresh string, refreshExp time.Time) error {
	p, err := h.Store.LoadSessionPrincipal(c.Request.Context(), userID, sessionID)
	if err != nil {
		return err
	}
	return h.writeToken(c, p, refresh, refreshExp)
}

func (h *Handler) writeToken(c *gin.Context, p *models.Principal, refresh string, refreshExp time.Time) error {
	tok, exp, err := h.Tokens.Issue(p)
	if err != nil {
		return err
	}
	now := h.Store.Now()
	out := TokenResponse{AccessToken: tok, TokenType: "Bearer", ExpiresIn: seconds(exp.Sub(now)), RefreshToken: refresh}
	if p.IsPartner() {
		out.Scope = strings.Join(p.Scopes, " ")
	}
	if refresh != "" {
		out.RefreshExpiresIn = seconds(refreshExp.Sub(now))
	}
	c.Header("Cache-Control", "no-store")
	writeJSON(c, http.StatusOK, out)
	return nil
}

func seconds(d time.Duration) int64 { return int64(d.Round(time.Second) / time.Second) }

// Token godoc
//
//	@ID			requestToken
//	@Summary		Get a token (OAuth2)
//	@Description	client_credentials: a partner client exchanges its client_id and client_secret (in the body, or with HTTP Basic authentication) for a short-lived access token limited to its sources and scopes. refresh_token: a person exchanges a refresh token for a new access and refresh token (the old refresh token stops working; presenting it again revokes the session). Accepts JSON or application/x-www-form-urlencoded. Limited per IP address and per client.
//	@Tags			auth
//	@Accept			json
//	@Accept			x-www-form-urlencoded
//	@Produce		json
//	@Param			request	body		TokenRequest	true	"Token request"
//	@Success		200		{object}	TokenResponse
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		413		{object}	Problem
//	@Failure		415		{object}	Problem
//	@Failure		429		{object}	Problem
//	@Router			/api/v1/auth/token [post]
func (h *Handler) Token(c *gin.Context) error {
	in, err := readTokenRequest(c)
	if err != nil {
		return err
	}
	ctx := c.Request.Context()
	switch in.GrantType {
	case "client_credentials":
		if id, secret, ok := c.Request.BasicAuth(); ok && in.ClientID == "" {
			in.ClientID, in.ClientSecret = id, secret
		}
		if in.ClientID == "" || in.ClientSecret == "" {
			return badToken("client_id", "client_id and client_secret are required (in the body or with HTTP Basic authentication)")
		}
		if err := h.limitCredential(c, "client:"+in.ClientID); err != nil {
			return err
		}
		cl, err := h.Store.AuthenticateClient(ctx, in.ClientID, in.ClientSecret)
		if err != nil {
			return h.credentialChecked(c, "client:"+in.ClientID, err)
		}
		p, err := h.Store.LoadClientPrincipal(ctx, cl.ID, 0)
		if err != nil {
			return err
		}
		if p.Scopes, err = narrowScopes(p.Scopes, in.Scope); err != nil {
			return err
		}
		return h.writeToken(c, p, "", time.Time{})
	case "refresh_token":
		if strings.TrimSpace(in.Scope) != "" {
			return badToken("scope", "applies to partner clients (grant_type=client_credentials): a person's rights are those of their memberships")
		}
		if in.RefreshToken == "" {
			return badToken("refresh_token", "is required with grant_type=refresh_token")
		}
		if err := h.limit(c, ""); err != nil {
			return err
		}
		userID, sessionID, next, exp, err := h.Store.RotateRefreshToken(ctx, in.RefreshToken, h.RefreshTTL)
		if err != nil {
			return err
		}
		return h.issueFor(c, userID, sessionID, next, exp)
	case "":
		return badToken("grant_type", "is required: client_credentials or refresh_token")
	default:
		return badToken("grant_type", "must be client_credentials or refresh_token (people log in at POST /api/v1/auth/login)")
	}
}

// narrowScopes returns the scopes a client's token carries, in the
// documented order: those of asked (space-separated, RFC 6749 §3.3) when
// each is granted; every granted scope when asked names none. A scope not
// granted is refused (§5.2's invalid_scope), not dropped: the client
// would otherwise believe it holds it.
func narrowScopes(granted []string, asked string) ([]string, error) {
	want := strings.Fields(asked)
	for _, s := range want {
		if !slices.Contains(granted, s) {
			reason := fmt.Sprintf("« %s » is not granted to this client (granted: %s)", s, strings.Join(granted, " "))
			if !slices.Contains(models.AllScopes, s) {
				reason = fmt.Sprintf("« %s » is no scope of this API (%s)", s, strings.Join(models.AllScopes, ", "))
			}
			return nil, badToken("scope", reason)
		}
	}
	out := make([]string, 0, len(granted))
	for _, s := range models.AllScopes { // the documented order
		if slices.Contains(granted, s) && (len(want) == 0 || slices.Contains(want, s)) {
			out = append(out, s)
		}
	}
	return out, nil
}

func badToken(field, reason string) error {
	return &models.Error{Code: models.EBADREQUEST, Message: "The token request is incomplete.", Fields: []models.FieldError{{Field: field, Reason: reason}}}
}

// readTokenRequest accepts the OAuth2 form encoding as well as JSON: OAuth2
// libraries send forms, other clients find JSON easier.
func readTokenRequest(c *gin.Context) (TokenRequest, error) {
	var in TokenRequest
	mt, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if mt != "application/x-www-form-urlencoded" {
		return in, decodeJSON(c, &in)
	}
	b, err := readBody(c, "application/x-www-form-urlencoded")
	if err != nil {
		return in, err
	}
	v, err := url.ParseQuery(string(b))
	if err != nil {
		return in, models.Errorf(models.EBADREQUEST, "The form body is malformed.")
	}
	known := map[string]*string{"grant_type": &in.GrantType, "client_id": &in.ClientID, "client_secret": &in.ClientSecret, "refresh_token": &in.RefreshToken,
		"scope": &in.Scope}
	for k, vals := range v {
		dst, ok := known[k]
		if !ok {
			return in, badToken(k, "is not a known parameter")
		}
		if len(vals) != 1 {
			return in, badToken(k, "must be given once")
		}
		*dst = vals[0]
	}
	return in, nil
}

// Logout godoc
//
//	@ID			logOut
//	@Summary		Log out
//	@Description	Ends the session of the refresh token: the token, every token rotated from it, and the session's access tokens, which are refused from the next request on. With everywhere, ends every session of the account the same way. Logging out twice is not an error.
//	@Tags			auth
//	@Accept			json
//	@Param			request	body	LogoutRequest	true	"The session's refresh token"
//	@Success		204		"Logged out"
//	@Failure		400		{object}	Problem
//	@Failure		413		{object}	Problem
//	@Failure		415		{object}	Problem
//	@Router			/api/v1/auth/logout [post]
func (h *Handler) Logout(c *gin.Context) error {
	var in LogoutRequest
	// null on everywhere was read as false: the caller who meant to end
	// every session ended only this one.
	if _, err := decodeReplacement(c, &in, []string{"everywhere"}); err != nil {
		return err
	}
	if in.RefreshToken == "" {
		return badToken("refresh_token", "is required")
	}
	if err := h.Store.RevokeRefreshToken(c.Request.Context(), in.RefreshToken, in.Everywhere); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// PasswordChange changes the caller's password.
type PasswordChange struct {
	CurrentPassword string `json:"current_password"`
	// At least 15 characters; not a common password (French ones
	// included), nor built on the e-mail, the name, the structure's name or
	// the service's name, nor easy to guess (zxcvbn), nor the current one.
	NewPassword string `json:"new_password" minLength:"15" example:"un tout nouveau mot de passe"`
}

// ChangePassword godoc
//
//	@ID			changePassword
//	@Summary		Change my password
//	@Description	Checks the current password and sets the new one, which must follow the password policy (at least 15 characters, not a common or breached password, French ones included, not built on the e-mail, the name or the structure's name, not easy to guess, not the current one). Every other session of the account ends at once, its access tokens included: other devices must log in again. The caller's own session stays open: its access and refresh tokens keep working.
//	@Tags			me
//	@Accept			json
//	@Security		BearerAuth
//	@Param			request	body	PasswordChange	true	"Current and new password"
//	@Success		204		"Changed"
//	@Failure		400		{object}	Problem
//	@Failure		401		{object}	Problem
//	@Failure		403		{object}	Problem	"Partner clients have no password"
//	@Failure		413		{object}	Problem
//	@Failure		415		{object}	Problem
//	@Failure		422		{object}	Problem
//	@Failure		429		{object}	Problem
//	@Router			/api/v1/me/password [put]
func (h *Handler) ChangePassword(c *gin.Context) error {
	p := principal(c)
	if p.IsPartner() {
		return models.Errorf(models.EFORBIDDEN, "Partner clients have a secret, not a password; an administrator rotates it.")
	}
	var in PasswordChange
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if err := h.limitCredential(c, p.Email); err != nil {
		return err
	}
	if err := h.Store.ChangePassword(c.Request.Context(), p.UserID, p.SessionID, in.CurrentPassword, in.NewPassword); err != nil {
		return h.credentialChecked(c, p.Email, err)
	}
	c.Status(http.StatusNoContent)
	return nil
}

// PasswordResetInput sets a new password with a reset link's token.
type PasswordResetInput struct {
	Token string `json:"token" example:"pwr_…"`
	// At least 15 characters; not a common password (French ones
	// included), nor built on the e-mail, the name, the structure's name or
	// the service's name, nor easy to guess (zxcvbn).
	NewPassword string `json:"new_password" minLength:"15" example:"trois mots bien choisis"`
}

// ResetPassword godoc
//
//	@ID			resetPassword
//	@Summary		Set a new password with a reset link
//	@Description	For a person who forgot their password: an administrator or the manager of their structure issued a single-use reset link (POST /api/v1/users/{id}/password-reset), e-mailed to them when the service sends e-mail, else given to them. The link works only while whoever issued it may still issue it (404 otherwise, as for a used or expired link). The new password follows the policy; every session of the account ends; the token is used up. A token its issuer was shown (delivery manual) makes the account's credentials known to that issuer: its reads of referrals sent before then are traced from now on; an e-mailed one ends that. Limited per IP address.
//	@Tags			auth
//	@Accept			json
//	@Param			reset	body	PasswordResetInput	true	"Token and new password"
//	@Success		204		"Password set: log in with it"
//	@Failure		400		{object}	Problem
//	@Failure		404		{object}	Problem	"Unknown, used, replaced or expired token"
//	@Failure		413		{object}	Problem
//	@Failure		415		{object}	Problem
//	@Failure		422		{object}	Problem	"The password does not meet the policy"
//	@Failure		429		{object}	Problem
//	@Router			/api/v1/auth/password-reset [post]
func (h *Handler) ResetPassword(c *gin.Context) error {
	var in PasswordResetInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if err := incomplete("The token request is incomplete.", [2]string{"token", in.Token}, [2]string{"new_password", in.NewPassword}); err != nil {
		return err
	}
	if err := h.limit(c, ""); err != nil {
		return err
	}
	if err := h.Store.ResetPassword(c.Request.Context(), in.Token, in.NewPassword); err != nil {
		return err
	}
	c.Status(http.StatusNoContent)
	return nil
}

// incomplete answers 400 naming each required member of a one-off
// request (a login, a link's token and its password) that is absent, null
// or empty, all at once; nil when none is. It runs before anything is
// looked up: a body that forgot a member the document requires is told
// so, not that the e-mail, the password or the link is wrong.
func incomplete(message string, members ...[2]string) error {
	var fe []models.FieldError
	for _, m := range members {
		if m[1] == "" {
			fe = append(fe, models.FieldError{Field: m[0], Reason: "is required"})
		}
	}
	if len(fe) == 0 {
		return nil
	}
	return &models.Error{Code: models.EBADREQUEST, Message: message, Fields: fe}
}
