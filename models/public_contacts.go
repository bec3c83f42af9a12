package models

// PublicContacts returns the phones and e-mail addresses of the actor that
// anonymous readers may see: all of them when the structure published its
// contact details (ContactPublic), none otherwise, since a number typed into
// Carnet may be a person's. Surfaces that serve people without an account
// (public views, open-data formats) call it rather than read Phones and
// Emails, so that the rule is written once.
func (a *Actor) PublicContacts() (phones, emails []string) {
	if a == nil || !a.ContactPublic {
		return nil, nil
	}
	return a.Phones, a.Emails
}
