package models

// PublicContacts returns the phones and e-mail addresses of the actor that
// anonymous readers may see, by the one rule for contact details
// (Principal.MaySeeContacts) applied to an anonymous caller: all of them
// when the structure published its contact details, none otherwise. Views
// that show the directory to everyone in another shape (the HSDS view) call
// it rather than read Phones and Emails.
func (a *Actor) PublicContacts() (phones, emails []string) {
	if !a.contactsPublic() {
		return nil, nil
	}
	return a.Phones, a.Emails
}

// contactsPublic says whether anonymous readers may see a's phones and
// e-mails (the one rule, Principal.MaySeeContacts, for an anonymous caller).
func (a *Actor) contactsPublic() bool {
	var anonymous *Principal
	return a != nil && anonymous.MaySeeContacts(ActorRef{ID: a.ID, Source: a.Source, Departement: a.Departement, InseeCode: a.Address.InseeCode}, a.ContactPublic)
}
