package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"carnet/models"
)

// SignupInput asks for an account.
type SignupInput struct {
	Email string `json:"email" example:"camille.martin@example.fr"`
	// At least 15 characters; not a common password (French ones
	// included), nor built on the e-mail, the name, the structure's name or
	// the service's name, nor easy to guess (zxcvbn).
	Password    string `json:"password" minLength:"15" example:"une aidante motivée"`
	DisplayName string `json:"display_name,omitempty" example:"Camille Martin"`
	// A structure to ask to join once the e-mail is confirmed (its managers decide).
	ActorID string `json:"actor_id,omitempty" format:"uuid"`
	// A word for its managers: who you are, why you join.
	Message string `json:"message,omitempty" example:"Conseillère numérique arrivée en septembre."`
}

// SignupAccepted says that a confirmation e-mail is on its way.
type SignupAccepted struct {
	// Always the same answer, whether or not the address already has an account (it then gets a note instead of a link).
	Detail string `json:"detail" example:"If this address can be registered, a confirmation link was sent to it."`
	// When the link stops working.
	ExpiresAt Time `json:"expires_at" format:"date-time"`
}

// SignupVerification confirms an e-mail address.
type SignupVerification struct {
	// The token of the link received by e-mail (after #token=).
	Token string `json:"token" example:"sgn_…"`
}

// SignupVerified is the new account, and its join request when the sign-up
// named a structure.
type SignupVerified struct {
	User UserDetail `json:"user"`
	// null when the sign-up named no structure, or the structure closed meanwhile.
	JoinRequest *JoinRequest `json:"join_request" extensions:"x-nullable"`
}

// SignUp godoc
//
//	@ID			signUp
//	@Summary		Sign up
//	@Description	Anyone may ask for an account: a link to confirm the e-mail address is sent to it, valid 24 hours; the account exists once the link is followed (POST /api/v1/signup/verify). With actor_id, a request to join that structure is then sent to its managers. The answer is the same whether or not the address already has an account, so that sign-up does not reveal who has one. Needs e-mail delivery (403 when the service has none, or when the operator turned sign-up off); limited per address (429).
//	@Tags			me
//	@Accept			json
//	@Produce		json
//	@Param			signup	body		SignupInput	true	"Who"
//	@Success		202		{object}	SignupAccepted
//	@Failure		400		{object}	Problem
//	@Failure		403		{object}	Problem	"Sign-up is not available on this service"
//	@Failure		413		{object}	Problem
//	@Failure		415		{object}	Problem
//	@Failure		422		{object}	Problem
//	@Failure		429		{object}	Problem
//	@Router			/api/v1/signup [post]
func (h *Handler) SignUp(c *gin.Context) error {
	if !h.SignupOpen || !h.Store.Notifies() {
		return models.Errorf(models.EFORBIDDEN, "Self sign-up is not available on this service; ask a structure's manager for an invitation.")
	}
	var in SignupInput
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if h.SignUpLimit != nil {
		if err := h.limitWith(c, h.SignUpLimit, "signup-ip:"+clientKey(c)); err != nil {
			return err
		}
	}
	if err := h.limit(c, in.Email); err != nil {
		return err
	}
	expires, err := h.Store.SignUp(c.Request.Context(), models.NewSignup{Email: in.Email, Password: in.Password, DisplayName: in.DisplayName,
		ActorID: in.ActorID, Message: in.Message})
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	writeJSON(c, http.StatusAccepted, SignupAccepted{Detail: "If this address can be registered, a confirmation link was sent to it.", ExpiresAt: stamp(expires)})
	return nil
}

// VerifySignup godoc
//
//	@ID			verifySignUp
//	@Summary		Confirm a sign-up
//	@Description	Creates the account of the sign-up whose e-mailed link holds token (single use), and the join request it asked for. Then log in at POST /api/v1/auth/login. Limited per IP address.
//	@Tags			me
//	@Accept			json
//	@Produce		json
//	@Param			verification	body		SignupVerification	true	"The link's token"
//	@Success		201				{object}	SignupVerified
//	@Header			201				{string}	Location	"URL of the account"
//	@Failure		400				{object}	Problem
//	@Failure		404				{object}	Problem	"Unknown, used or expired link"
//	@Failure		409				{object}	Problem	"The address got an account meanwhile"
//	@Failure		413				{object}	Problem
//	@Failure		415				{object}	Problem
//	@Failure		429				{object}	Problem
//	@Router			/api/v1/signup/verify [post]
func (h *Handler) VerifySignup(c *gin.Context) error {
	var in SignupVerification
	if err := decodeJSON(c, &in); err != nil {
		return err
	}
	if err := incomplete("The token request is incomplete.", [2]string{"token", in.Token}); err != nil {
		return err
	}
	if err := h.limit(c, ""); err != nil {
		return err
	}
	u, jr, err := h.Store.VerifySignup(c.Request.Context(), in.Token)
	if err != nil {
		return err
	}
	d, err := h.userDetail(c, u)
	if err != nil {
		return err
	}
	out := SignupVerified{User: d}
	if jr != nil {
		v := newJoinRequest(jr)
		out.JoinRequest = &v
	}
	c.Header("Location", "/api/v1/users/"+u.ID)
	c.Header("Cache-Control", "no-store")
	writeJSON(c, http.StatusCreated, out)
	return nil
}
