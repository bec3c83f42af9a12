package models

import "testing"

// TestPolicies table-tests the pure authorization policies: one row per
// caller, one column per question, against a library that belongs to a
// network in the Bouches-du-Rhône and comes from source caf-13.
func TestPolicies(t *testing.T) {
	network, lib := NewID(), NewID()
	ref := ActorRef{ID: lib, Source: "caf-13", Departement: "13", InseeCode: "13055", Lineage: []string{lib, network}}
	cases := []struct {
		name                                             string
		p                                                *Principal
		edit, moderate, members, drafts, writeSrc, histo bool
	}{
		{"anonymous", nil, false, false, false, false, false, false},
		{"admin", &Principal{UserID: "u", PlatformAdmin: true}, true, true, true, true, true, true},
		{"coordinator of the département", &Principal{UserID: "u", Coordinates: Territory{Departements: []string{"13"}}}, true, true, false, true, false, true},
		{"coordinator of the commune", &Principal{UserID: "u", Coordinates: Territory{Communes: []string{"13055"}}}, true, true, false, true, false, true},
		{"coordinator elsewhere", &Principal{UserID: "u", Coordinates: Territory{Departements: []string{"06"}, Communes: []string{"13001"}}}, false, false, false, false, false, false},
		{"manager", &Principal{UserID: "u", Memberships: []Membership{{ActorID: lib, Role: RoleManager}}}, true, true, true, true, false, true},
		{"manager of the network", &Principal{UserID: "u", Memberships: []Membership{{ActorID: network, Role: RoleManager}}}, true, true, true, true, false, true},
		{"member", &Principal{UserID: "u", Memberships: []Membership{{ActorID: lib, Role: RoleMember}}}, false, false, false, true, false, false},
		{"member of the network", &Principal{UserID: "u", Memberships: []Membership{{ActorID: network, Role: RoleMember}}}, false, false, false, false, false, false},
		{"manager elsewhere", &Principal{UserID: "u", Memberships: []Membership{{ActorID: NewID(), Role: RoleManager}}}, false, false, false, false, false, false},
		{"partner of the source", &Principal{ClientID: "c", Sources: []string{"caf-13"}, Scopes: []string{ScopeDirectoryWrite}}, true, false, false, true, true, false},
		{"partner without scope", &Principal{ClientID: "c", Sources: []string{"caf-13"}}, false, false, false, false, true, false},
		{"partner of another source", &Principal{ClientID: "c", Sources: []string{"cpam-13"}, Scopes: []string{ScopeDirectoryWrite}}, false, false, false, false, false, false},
		{"disabled admin flag on a client", &Principal{ClientID: "c", PlatformAdmin: true}, false, false, false, false, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := []bool{tc.p.CanEditActor(ref), tc.p.CanModerate(ref), tc.p.CanManageMembers(ref), tc.p.CanSeeUnpublished(ref), tc.p.CanWriteSource("caf-13"), tc.p.CanReadHistory(ref)}
			want := []bool{tc.edit, tc.moderate, tc.members, tc.drafts, tc.writeSrc, tc.histo}
			names := []string{"edit", "moderate", "members", "drafts", "write source", "history"}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("%s: %v, want %v", names[i], got[i], want[i])
				}
			}
		})
	}
}

// TestCanGrant: administrators grant anything; those who manage a team
// grant roles on it, nothing else; nobody else grants.
func TestCanGrant(t *testing.T) {
	network, lib := NewID(), NewID()
	ref := ActorRef{ID: lib, Lineage: []string{lib, network}}
	role := Grant{Actor: &ref}
	admin := Grant{PlatformAdmin: true}
	territory := Grant{Coordinates: Territory{Departements: []string{"13"}}}
	cases := []struct {
		name              string
		p                 *Principal
		role, admin, terr bool
	}{
		{"anonymous", nil, false, false, false},
		{"admin", &Principal{UserID: "u", PlatformAdmin: true}, true, true, true},
		{"manager", &Principal{UserID: "u", Memberships: []Membership{{ActorID: lib, Role: RoleManager}}}, true, false, false},
		{"manager of the network", &Principal{UserID: "u", Memberships: []Membership{{ActorID: network, Role: RoleManager}}}, true, false, false},
		{"member", &Principal{UserID: "u", Memberships: []Membership{{ActorID: lib, Role: RoleMember}}}, false, false, false},
		{"coordinator", &Principal{UserID: "u", Coordinates: Territory{Departements: []string{"13"}}}, false, false, false},
		{"partner with the admin flag", &Principal{ClientID: "c", PlatformAdmin: true}, false, false, false},
	}
	for _, c := range cases {
		if got := c.p.CanGrant(role); got != c.role {
			t.Errorf("%s grants a role: %v", c.name, got)
		}
		if got := c.p.CanGrant(admin); got != c.admin {
			t.Errorf("%s grants administration: %v", c.name, got)
		}
		if got := c.p.CanGrant(territory); got != c.terr {
			t.Errorf("%s grants a territory: %v", c.name, got)
		}
	}
}

// TestCanIssueReset: administrators reset any account; a manager only an
// account whose every right comes from teams they manage.
func TestCanIssueReset(t *testing.T) {
	lib, other := NewID(), NewID()
	mgr := &Principal{UserID: "m", Memberships: []Membership{{ActorID: lib, Role: RoleManager}}}
	in := func(ids ...string) []ActorRef {
		var out []ActorRef
		for _, id := range ids {
			out = append(out, ActorRef{ID: id, Lineage: []string{id}})
		}
		return out
	}
	cases := []struct {
		name string
		p    *Principal
		a    Account
		want bool
	}{
		{"admin, anyone", &Principal{UserID: "a", PlatformAdmin: true}, Account{ID: "x", PlatformAdmin: true}, true},
		{"manager, a member of the team", mgr, Account{ID: "x", Structures: in(lib)}, true},
		{"manager, a member of another team too", mgr, Account{ID: "x", Structures: in(lib, other)}, false},
		{"manager, a coordinator of the team", mgr, Account{ID: "x", Coordinator: true, Structures: in(lib)}, false},
		{"manager, an administrator of the team", mgr, Account{ID: "x", PlatformAdmin: true, Structures: in(lib)}, false},
		{"manager, themself", mgr, Account{ID: "m", Structures: in(lib)}, false},
		{"manager, an account in no team", mgr, Account{ID: "x"}, false},
		{"member", &Principal{UserID: "u", Memberships: []Membership{{ActorID: lib, Role: RoleMember}}}, Account{ID: "x", Structures: in(lib)}, false},
		{"anonymous", nil, Account{ID: "x", Structures: in(lib)}, false},
		{"partner", &Principal{ClientID: "c", PlatformAdmin: true}, Account{ID: "x", Structures: in(lib)}, false},
	}
	for _, c := range cases {
		if got := c.p.CanIssueReset(c.a); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

// TestCanDecideDuplicate: confirming, and undoing a confirmation, needs
// both actors; dismissing a suggested link either.
func TestCanDecideDuplicate(t *testing.T) {
	mine, theirs := NewID(), NewID()
	a, b := ActorRef{ID: mine, Lineage: []string{mine}}, ActorRef{ID: theirs, Lineage: []string{theirs}}
	mgr := &Principal{UserID: "m", Memberships: []Membership{{ActorID: mine, Role: RoleManager}}}
	both := &Principal{UserID: "c", PlatformAdmin: true}
	cases := []struct {
		p             *Principal
		current, next string
		want          bool
	}{
		{mgr, DuplicateSuggested, DuplicateDismissed, true},
		{mgr, DuplicateSuggested, DuplicateConfirmed, false},
		{mgr, DuplicateConfirmed, DuplicateDismissed, false},
		{mgr, DuplicateDismissed, DuplicateConfirmed, false},
		{both, DuplicateConfirmed, DuplicateDismissed, true},
		{both, DuplicateSuggested, DuplicateConfirmed, true},
		{nil, DuplicateSuggested, DuplicateDismissed, false},
	}
	for _, c := range cases {
		if got := c.p.CanDecideDuplicate(a, b, c.current, c.next); got != c.want {
			t.Errorf("%v %s → %s: %v, want %v", c.p != nil && c.p.PlatformAdmin, c.current, c.next, got, c.want)
		}
	}
}
