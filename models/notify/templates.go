// Package notify turns the outbox's rows into e-mails and sends them: the
// French text of each kind of notification, and the worker that claims
// rows, sends them with retries and backoff, and records the outcome.
//
// Every message is a sentence and a link to the app: names of structures
// and services at most, never anything about a referred person (the
// outbox's parameters hold none), so that a mailbox read over a shoulder or
// a relay's logs reveal nobody.
package notify

import (
	"fmt"
	"net/netip"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // dates in Europe/Paris even where the system has no zoneinfo

	"golang.org/x/text/unicode/norm"

	"carnet/models"
)

// Links builds the app's addresses. Tokens go in the fragment (#token=…),
// which browsers never send to a server nor in a Referer: the app reads it
// and posts it to the API.
type Links struct{ Base *url.URL }

// page is the base URL followed by path, whose segments the callers
// escaped (ParseLinks made sure the base has no query nor fragment).
func (l Links) page(path string) string {
	return strings.TrimRight(l.Base.String(), "/") + path
}

func (l Links) withToken(path, token string) string {
	return l.page(path) + "#token=" + url.QueryEscape(token)
}

// Referral is the app's page of a referral.
func (l Links) Referral(id string) string { return l.page("/referrals/" + url.PathEscape(id)) }

// Settings is where an account chooses its notifications.
func (l Links) Settings() string { return l.page("/account/notifications") }

// Content is a rendered notification.
type Content struct {
	Subject string
	Text    string
}

var paris = mustZone("Europe/Paris")

func mustZone(name string) *time.Location {
	z, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return z
}

var months = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// frenchDate writes an RFC 3339 time as « 2 janvier 2026 à 14 h 05 », Paris
// time.
func frenchDate(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return ""
	}
	t = t.In(paris)
	return fmt.Sprintf("%d %s %d à %d h %02d", t.Day(), months[t.Month()-1], t.Year(), t.Hour(), t.Minute())
}

// days words a number of days: « 1 jour », « 12 jours », « moins d'un jour ».
func days(n string) string {
	switch d, err := strconv.Atoi(n); {
	case err != nil || d < 1:
		return "moins d'un jour"
	case d == 1:
		return "1 jour"
	default:
		return n + " jours"
	}
}

// ago words a past: « il y a 12 jours », « aujourd'hui ».
func ago(n string) string {
	if d, err := strconv.Atoi(n); err != nil || d < 1 {
		return "aujourd'hui"
	}
	return "il y a " + days(n)
}

// clean keeps a value on one line: names come from the directory, where
// they are validated, but a header must never be split by one.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == 0x2028 || r == 0x2029 {
			return ' '
		}
		return r
	}, s)
}

// hostDot is a dot between a label of two characters or more and one of
// two letters or more, as in a host name (evil.test, www.exemple.fr); not
// in initials and acronyms (A.Camus, C.C.A.S).
var hostDot = regexp.MustCompile(`([\p{L}\p{N}-]{2,})\.(\p{L}{2,})`)

// defang quotes a name so that no mail reader makes a link of it: a name
// is chosen by whoever edits the record, and Carnet's e-mails must link to
// the app only (probe36a L1). Names are not refused: a real open-data
// name is a whole web address (1 of 3,255 in the reference files).
// "://" becomes "[:]//" and a host name's dots "[.]", the usual defanged
// form, still readable.
//
// The name is first folded as a browser reads an address (verify36 N6):
// NFKC turns full-width letters, dots, colons and slashes into ASCII
// (« ｅｖｉｌ．ｔｅｓｔ »), the ideographic full stops IDNA reads as dots
// become dots (« evil。test »), and invisible characters inside a host
// name go. Bare IP addresses (192.168.1.5/login, [2001:db8::1]) and the
// schemes mail readers link without « // » (javascript:, mailto:) are
// defanged too.
func defang(s string) string {
	s = strings.Map(foldDot, norm.NFKC.String(s))
	s = ipAddress.ReplaceAllStringFunc(s, defangIP)
	s = bareScheme.ReplaceAllString(s, "$1[:]")
	s = strings.ReplaceAll(s, "://", "[:]//")
	for {
		next := hostDot.ReplaceAllString(s, "$1[.]$2")
		if next == s {
			return s
		}
		s = next
	}
}

// foldDot maps the dots IDNA reads as « . » (after NFKC: U+3002, which
// U+FF61 and U+FE12 fold to) to it, and drops the invisible characters a
// reader ignores inside a host name (zero-width ones, the soft hyphen).
func foldDot(r rune) rune {
	switch r {
	case '\u3002':
		return '.'
	case '\u00ad', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff':
		return -1
	}
	return r
}

// ipAddress finds what may be an IP address: digits and dots, or hex
// digits and colons; defangIP keeps only real addresses (hours such as
// 09:00 and versions such as v1.2 are none).
var ipAddress = regexp.MustCompile(`[0-9A-Fa-f]*[:.][0-9A-Fa-f:.]*[0-9A-Fa-f:]`)

func defangIP(m string) string {
	if a, err := netip.ParseAddr(m); err != nil || a.Is4() && strings.Count(m, ".") != 3 {
		return m
	}
	return strings.NewReplacer(".", "[.]", ":", "[:]").Replace(m)
}

// bareScheme is a scheme that mail readers link without « // ».
var bareScheme = regexp.MustCompile(`(?i)\b(javascript|vbscript|data|mailto|file):`)

const (
	hello  = "Bonjour,\n\n"
	footer = "\n\n-- \nCarnet, le carnet d'adresses partagé de l'inclusion numérique.\nCe message est envoyé automatiquement : merci de ne pas y répondre.\n"
)

// Render writes the notification of kind with its parameters. An unknown
// kind, or one missing what it needs, is an error: the row then fails for
// good rather than sending a broken message.
func Render(kind string, params map[string]string, l Links) (Content, error) {
	p := func(k string) string { return defang(clean(params[k])) }
	need := func(keys ...string) error {
		for _, k := range keys {
			if params[k] == "" {
				return fmt.Errorf("notification %s lacks %s", kind, k)
			}
		}
		return nil
	}
	optional := func(subject, body string) (Content, error) {
		return Content{Subject: subject, Text: hello + body + footer +
			"Choisir les messages que vous recevez : " + l.Settings() + "\n"}, nil
	}
	asked := func(subject, body string) (Content, error) {
		return Content{Subject: subject, Text: hello + body + footer +
			"Si vous n'êtes pas à l'origine de cette demande, vous pouvez ignorer ce message.\n"}, nil
	}
	switch kind {
	case models.NotifyReferralReceived:
		if err := need("referral_id"); err != nil {
			return Content{}, err
		}
		return optional("Nouvelle orientation vers « "+p("service_name")+" »",
			fmt.Sprintf("La structure %s a orienté une personne vers le service « %s » de %s.\n\nPour prendre connaissance de l'orientation et y répondre :\n%s",
				p("from_actor_name"), p("service_name"), p("to_actor_name"), l.Referral(params["referral_id"])))
	case models.NotifyReferralStatus:
		if err := need("referral_id", "status"); err != nil {
			return Content{}, err
		}
		return referralStatus(p, l, optional)
	case models.NotifyReferralMessage:
		if err := need("referral_id"); err != nil {
			return Content{}, err
		}
		return optional("Nouveau message sur une orientation",
			fmt.Sprintf("Un message a été posté sur l'orientation de %s vers le service « %s » de %s.\n\nPour le lire et répondre :\n%s",
				p("from_actor_name"), p("service_name"), p("to_actor_name"), l.Referral(params["referral_id"])))
	case models.NotifyReferralReminder:
		if err := need("referral_id", "status"); err != nil {
			return Content{}, err
		}
		if params["status"] == models.ReferralAccepted {
			return optional("Rappel : une orientation attend son résultat",
				fmt.Sprintf("Votre structure a accepté %s l'orientation de %s vers le service « %s », sans en indiquer le résultat.\n\nPour indiquer si l'accompagnement a eu lieu :\n%s",
					ago(params["days"]), p("from_actor_name"), p("service_name"), l.Referral(params["referral_id"])))
		}
		return optional("Rappel : une orientation attend votre réponse",
			fmt.Sprintf("L'orientation de %s vers le service « %s » attend la réponse de votre structure depuis %s.\n\nPour l'accepter, la refuser ou la transmettre à un service mieux adapté :\n%s",
				p("from_actor_name"), p("service_name"), days(params["days"]), l.Referral(params["referral_id"])))
	case models.NotifyJoinRequest:
		if err := need("actor_id"); err != nil {
			return Content{}, err
		}
		return optional("Demande pour rejoindre "+p("actor_name"),
			fmt.Sprintf("Une personne demande à rejoindre l'équipe de %s.\n\nPour accepter ou refuser sa demande :\n%s",
				p("actor_name"), l.page("/structures/"+url.PathEscape(params["actor_id"])+"/join-requests")))
	case models.NotifyJoinDecision:
		if err := need("actor_id", "status"); err != nil {
			return Content{}, err
		}
		verdict := "a été acceptée : vous faites désormais partie de son équipe"
		if params["status"] != models.RequestAccepted {
			verdict = "n'a pas été acceptée"
		}
		return optional("Votre demande pour rejoindre "+p("actor_name"),
			fmt.Sprintf("Votre demande pour rejoindre %s %s.\n\nVotre compte :\n%s", p("actor_name"), verdict, l.page("/account")))
	case models.NotifySuggestion:
		if err := need("suggestion_id"); err != nil {
			return Content{}, err
		}
		return optional("Modification suggérée : "+p("actor_name"),
			fmt.Sprintf("Une modification est suggérée sur la fiche de %s, que vous modérez.\n\nPour l'examiner, l'accepter ou la refuser :\n%s",
				p("actor_name"), l.page("/suggestions/"+url.PathEscape(params["suggestion_id"]))))
	case models.NotifyInvitation:
		if err := need("token", "expires_at"); err != nil {
			return Content{}, err
		}
		what := "à rejoindre Carnet"
		switch {
		case params["actor_name"] != "" && params["role"] == string(models.RoleManager):
			what = "à gérer l'équipe de " + p("actor_name") + " sur Carnet"
		case params["actor_name"] != "":
			what = "à rejoindre l'équipe de " + p("actor_name") + " sur Carnet"
		case params["platform_admin"] != "":
			what = "à administrer Carnet"
		case params["coordinator"] != "":
			what = "à coordonner un territoire sur Carnet"
		}
		// An address that has an account accepts signed in, with no new
		// password to choose.
		how := "Pour accepter l'invitation et choisir votre mot de passe"
		if params["account_exists"] != "" {
			how = "Vous avez déjà un compte Carnet avec cette adresse : pour accepter l'invitation, connectez-vous à votre compte puis ouvrez ce lien"
		}
		return asked("Invitation à rejoindre Carnet",
			fmt.Sprintf("Vous êtes invité·e %s.\n\n%s, avant le %s :\n%s",
				what, how, frenchDate(params["expires_at"]), l.withToken("/invitations/accept", params["token"])))
	case models.NotifyPasswordReset:
		if err := need("token", "expires_at"); err != nil {
			return Content{}, err
		}
		return asked("Choisir un nouveau mot de passe",
			fmt.Sprintf("Un lien pour choisir un nouveau mot de passe a été demandé pour votre compte Carnet. Il ne sert qu'une fois et expire le %s :\n%s",
				frenchDate(params["expires_at"]), l.withToken("/password-reset", params["token"])))
	case models.NotifyEmailVerification:
		if err := need("token", "expires_at"); err != nil {
			return Content{}, err
		}
		return asked("Confirmez votre adresse e-mail",
			fmt.Sprintf("Pour terminer votre inscription sur Carnet, confirmez votre adresse e-mail avant le %s :\n%s",
				frenchDate(params["expires_at"]), l.withToken("/signup/verify", params["token"])))
	case models.NotifySignupExisting:
		return asked("Une inscription avec votre adresse e-mail",
			fmt.Sprintf("Quelqu'un, peut-être vous, a demandé à créer un compte Carnet avec cette adresse, qui en a déjà un. Aucun nouveau compte n'a été créé.\n\nPour vous connecter :\n%s",
				l.page("/login")))
	}
	return Content{}, fmt.Errorf("unknown notification kind %q", kind)
}

// referralStatus words a move of a referral for the side that did not make
// it.
func referralStatus(p func(string) string, l Links, optional func(string, string) (Content, error)) (Content, error) {
	link := "\n\nL'orientation :\n" + l.Referral(p("referral_id"))
	to, from, service := p("to_actor_name"), p("from_actor_name"), p("service_name")
	if p("event") == models.EventReceiverArchived {
		// Not a move of the referral: its receiver left the directory.
		return optional(to+" est retirée de l'annuaire", fmt.Sprintf("%s a été retirée de l'annuaire. L'orientation que vous avez envoyée vers son service « %s » ne peut pas s'y poursuivre : vous pouvez l'annuler et orienter la personne vers un autre service.", to, service)+link)
	}
	switch p("status") {
	case models.ReferralAccepted:
		return optional("Orientation acceptée par "+to, fmt.Sprintf("%s a accepté l'orientation que vous avez envoyée vers son service « %s ».", to, service)+link)
	case models.ReferralRefused:
		return optional("Orientation refusée par "+to, fmt.Sprintf("%s a refusé l'orientation que vous avez envoyée vers son service « %s ». Le motif est indiqué sur l'orientation.", to, service)+link)
	case models.ReferralCompleted:
		return optional("Orientation réalisée", fmt.Sprintf("%s indique que l'accompagnement prévu par l'orientation vers son service « %s » a eu lieu.", to, service)+link)
	case models.ReferralNoShow:
		return optional("Personne non venue", fmt.Sprintf("%s indique que la personne orientée vers son service « %s » ne s'est pas présentée.", to, service)+link)
	case models.ReferralCancelled:
		return optional("Orientation annulée par "+from, fmt.Sprintf("%s a annulé l'orientation qu'elle avait envoyée vers votre service « %s ».", from, service)+link)
	case models.ReferralExpired:
		return optional("Orientation expirée sans réponse", fmt.Sprintf("L'orientation que vous avez envoyée vers le service « %s » de %s n'a pas reçu de réponse et a expiré. Vous pouvez orienter la personne vers un autre service.", service, to)+link)
	case models.ReferralForwarded:
		return optional("Orientation transmise à un autre service", fmt.Sprintf("%s a transmis l'orientation que vous avez envoyée vers son service « %s » au service « %s » de %s, mieux adapté.", to, service, p("forwarded_to_service_name"), p("forwarded_to_actor_name"))+link)
	case models.ReferralNoOutcome:
		return optional("Orientation close sans résultat", fmt.Sprintf("L'orientation que vous avez envoyée vers le service « %s » de %s, acceptée depuis longtemps, a été close faute de résultat indiqué.", service, to)+link)
	}
	return Content{}, fmt.Errorf("no message for a referral that became %q", p("status"))
}
