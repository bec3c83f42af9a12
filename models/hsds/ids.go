package hsds

import (
	"crypto/sha256"
	"strings"

	"github.com/google/uuid"
)

// HSDS requires a UUID on every object, nested ones included, and ids must
// not change from one request to the next. Carnet stores actors and
// services; the other objects are derived from them:
//
//   - organizations and services keep Carnet's ids;
//   - locations and services at location, which have their own by-id
//     lookups in HSDS, get a reversible derivation of the id they come
//     from (Derive), so that the lookup needs no table;
//   - everything else (addresses, phones, schedules, attributes…) gets a
//     name-based UUID (version 5) of its parent's id and what it is, stable
//     as long as the parent and the value do not change;
//   - taxonomies and terms get name-based UUIDs of the vocabulary's name
//     and the value's slug, identical on every Carnet instance.

// namespace is the name space of Carnet's name-based HSDS ids.
var namespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("urn:carnet:hsds:3.0"))

// nameID returns the version-5 UUID of the parts joined by "/".
func nameID(parts ...string) string {
	return uuid.NewSHA1(namespace, []byte(strings.Join(parts, "/"))).String()
}

// Kinds of derived ids.
const (
	kindLocation          = "location"
	kindServiceAtLocation = "service_at_location"
)

// derive returns id with a mask of kind XOR-ed over it. The mask keeps the
// variant bits and turns the version nibble 7 (Carnet's UUIDv7) into 8 (the
// RFC 9562 version for custom layouts), so derived ids are valid UUIDs and
// never equal a stored id; XOR-ing the same mask again gives the id back.
func derive(kind, id string) (string, bool) {
	u, err := uuid.Parse(id)
	if err != nil {
		return "", false
	}
	m := mask(kind)
	for i := range u {
		u[i] ^= m[i]
	}
	return u.String(), true
}

func mask(kind string) uuid.UUID {
	sum := sha256.Sum256([]byte("urn:carnet:hsds:derive:" + kind))
	var m uuid.UUID
	copy(m[:], sum[:16])
	m[6] = 0xf0 | m[6]&0x0f // version nibble: 7 XOR 0xf = 8
	m[8] &= 0x3f            // variant bits unchanged
	return m
}

// LocationID is the id of the location of an actor's place, or of a
// service's own address.
func LocationID(placeOwnerID string) string {
	id, _ := derive(kindLocation, placeOwnerID)
	return id
}

// ServiceAtLocationID is the id of a service's service_at_location.
func ServiceAtLocationID(serviceID string) string {
	id, _ := derive(kindServiceAtLocation, serviceID)
	return id
}

// ServiceOfServiceAtLocation returns the service id a service_at_location
// id was derived from; ok is false for a string that cannot be one.
func ServiceOfServiceAtLocation(id string) (string, bool) {
	if len(id) != 36 || strings.ToLower(id) != id {
		return "", false
	}
	u, err := uuid.Parse(id)
	if err != nil || u.Version() != 8 {
		return "", false
	}
	return derive(kindServiceAtLocation, id)
}
