// Package hsds is Carnet's Open Referral HSDS 3.0 read view: the public
// directory (published services of live places, as the Store's public
// queries return it) projected onto the objects of the Human Services Data
// Specification 3.0, which international directory tools and the UK
// profile's validator read.
//
// The mapping:
//
//   - an actor (structure) is an organization, and its place a location
//     (address, coordinates, Accès libre page, opening hours);
//   - a service is a service, with its status (active, or temporarily
//     closed with its place), fees as cost options and a description,
//     languages, and the structure's phones and e-mail only when the
//     structure published them (Actor.PublicContacts);
//   - each service has one service_at_location: its own address (an
//     itinerant bus's stop, then a location of its own) or its actor's place;
//   - opening hours (OpenStreetMap opening_hours) become weekly schedules
//     where they can (see schedule.go);
//   - Carnet's vocabularies are taxonomies, their values taxonomy terms,
//     attached to services and organizations as attributes (taxonomy.go).
//
// Nothing else is shown: no drafts, no archived records, no accounts, never
// referrals. Ids are stable from one request to the next (ids.go).
package hsds
