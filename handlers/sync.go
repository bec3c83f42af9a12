package handlers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/encoding/htmlindex"

	"carnet/models"
	"carnet/models/commune"
	"carnet/models/opendata"
)

// maxSyncRecords bounds a sync batch: one transaction holds SQLite's single
// writer, and a partner with more records sends several batches.
const maxSyncRecords = 1000 // the lists' maxItems (validate:"max=1000"): TestSyncListsDeclareTheirBound

// batchTooLarge is the answer to a batch of more than maxSyncRecords
// records, refused as its list is read (decodeBatch).
func batchTooLarge(kind, source string) error {
	return &models.Error{Code: models.EINVALID, Message: fmt.Sprintf("A batch holds at most %d %s; send several batches (a snapshot of more: open a session with POST /api/v1/sync/%s/snapshots and send each batch with its snapshot_id).", maxSyncRecords, kind, source),
		Fields: []models.FieldError{{Field: kind, Reason: fmt.Sprintf("must have at most %d values", maxSyncRecords)}}}
}

// SyncActorsRequest is the body of PUT /sync/{source}/actors.
type SyncActorsRequest struct {
	// The partner's actors, each with its own source_id. source may be
	// omitted; when given it must be the path's source.
	Actors []SyncActorInput `json:"actors" validate:"max=1000"`
}

// SyncActorInput is an actor of a sync batch, as the document describes
// it: an ActorInput whose source_id is required (a record without one is
// rejected: it is the record's key in its source). The batch decodes into
// ActorInput; this type only says what it holds. SourceID comes after the
// embedded type: swag keeps the last description of a name.
type SyncActorInput struct {
	ActorInput
	// The record's id in its source: the key a later batch updates it by.
	// A record without one is rejected.
	SourceID string `json:"source_id" example:"lieu-42" minLength:"1" maxLength:"200"`
}

// SyncServiceInput is a service of a sync batch: a ServiceInput whose actor
// may be named by the partner's own id (actor_source_id, an actor of the same
// source) instead of actor_id, and whose source_id is required, as an
// actor's in a batch (SyncActorInput, which says why SourceID comes last).
type SyncServiceInput struct {
	// The source_id of the service's actor in the same source.
	ActorSourceID string `json:"actor_source_id,omitempty" example:"lieu-42"`
	ServiceInput
	// The record's id in its source: the key a later batch updates it by.
	// A record without one is rejected.
	SourceID string `json:"source_id" example:"atelier-7" minLength:"1" maxLength:"200"`
}

// syncServiceRecord is what a service of a batch decodes into: a
// SyncServiceInput without the field that only documents source_id as
// required (the record's source_id is its ServiceInput's, where every use
// reads it).
type syncServiceRecord struct {
	ActorSourceID string `json:"actor_source_id,omitempty"`
	ServiceInput
}

// SyncServicesRequest is the body of PUT /sync/{source}/services.
type SyncServicesRequest struct {
	Services []SyncServiceInput `json:"services" validate:"max=1000"`
}

// SyncCounts counts the results of a batch.
type SyncCounts struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	// Archived records that came back.
	Restored int `json:"restored"`
	// Live records absent from a snapshot.
	Archived int `json:"archived"`
	Rejected int `json:"rejected"`
	// Archived records the batch names that someone other than the source's own writer archived
	// (a coordinator, an administrator, a manager): left archived, each result saying who and when.
	KeptArchived int `json:"kept_archived"`
}

// SyncRecordResult is what happened to one record.
type SyncRecordResult struct {
	// Position of the record in the batch, from 0; -1 for records archived
	// because a snapshot did not contain them, and for services restored
	// with their place (archived with it, not carried by the batch).
	Index    int    `json:"index" example:"0"`
	Entity   string `json:"entity" enums:"actor,service"`
	SourceID string `json:"source_id" example:"lieu-42"`
	// Carnet's id of the record; "" when it was rejected before having one.
	EntityID string `json:"entity_id" example:"019372a4-7c1e-7d2a-9a51-1f1c1b2f3a4d"`
	// Deprecated: the former name of entity_id, sent until version 1.2.
	ID     string         `json:"id"`
	Result string         `json:"result" enums:"created,updated,unchanged,restored,archived,rejected,kept_archived"`
	Errors []InvalidParam `json:"errors"`
	// What was corrected as the record was stored: an address whose INSEE
	// code, commune name or coordinates contradicted its other fields is
	// read as most of them agree (see the commune reference); a source_id
	// read as another string than sent (Unicode NFC, white space at its
	// ends removed), which source_id gives; opening hours whose time
	// ranges of one day overlap, stored merged, or whose rules in a row
	// name the same days, joined; a postal code written « 13 001 »,
	// « F-13001 », « 13344 CEDEX » or « 13001 Marseille », read as its
	// five digits; a name of no commune beside a postal code of one, or a
	// place of a collectivity of one commune (« Gustavia », 97133), read
	// as that commune. A range of opening hours longer than 24 hours
	// rejects the record (errors).
	Warnings []InvalidParam `json:"warnings"`
}

// SyncResponse is the result of a sync batch.
type SyncResponse struct {
	Source string `json:"source" example:"hub-du-sud"`
	Mode   string `json:"mode" enums:"upsert,snapshot"`
	// The snapshot session the batch joined, or that was completed.
	SnapshotID string     `json:"snapshot_id,omitempty" example:"019372a4-7c1e-7d2a-9a51-1f1c1b2f3a4d"`
	DryRun     bool       `json:"dry_run"`
	Counts     SyncCounts `json:"counts"`
	// Deprecated: always 0. Duplicate detection follows the change log
	// after the batch commits, so the batch no longer waits for it: the
	// links appear at GET /api/v1/duplicates a moment later.
	Duplicates int                `json:"duplicates"`
	Results    []SyncRecordResult `json:"results"`
}

func newSyncCounts(m map[string]int) SyncCounts {
	return SyncCounts{Created: m[models.SyncCreated], Updated: m[models.SyncUpdated], Unchanged: m[models.SyncUnchanged],
		Restored: m[models.SyncRestored], Archived: m[models.SyncArchived], Rejected: m[models.SyncRejected],
		KeptArchived: m[models.SyncKeptArchived]}
}

func newSyncResponse(source string, opt models.SyncOptions, res *models.SyncResult) SyncResponse {
	out := SyncResponse{Source: source, Mode: modeName(opt.Snapshot), SnapshotID: opt.SnapshotID, DryRun: opt.DryRun, Counts: newSyncCounts(res.Counts),
		Results: make([]SyncRecordResult, 0, len(res.Outcomes))}
	for _, o := range res.Outcomes {
		r := SyncRecordResult{Index: o.Index, Entity: o.Entity, SourceID: o.SourceID, EntityID: o.ID, ID: o.ID, Result: o.Result, Errors: []InvalidParam{}, Warnings: []InvalidParam{}}
		for _, f := range o.Errors {
			r.Errors = append(r.Errors, InvalidParam{Field: f.Field, Reason: f.Reason})
		}
		if o.Result != models.SyncRejected {
			for _, f := range o.Warnings {
				r.Warnings = append(r.Warnings, InvalidParam{Field: f.Field, Reason: f.Reason})
			}
			keys := models.ActorKeys
			if o.Entity == models.EntityService {
				keys = models.ServiceKeys
			}
			for _, k := range models.KeptKeys(keys, o.Kept) {
				r.Warnings = append(r.Warnings, InvalidParam{Field: k, Reason: keptReason})
			}
		}
		out.Results = append(out.Results, r)
	}
	return out
}

// keptReason says why a field a record left out kept its stored value.
const keptReason = "not sent: the value stored was kept (send null, \"\" or [] to clear it)"

// Sync modes: upsert writes what the batch or file holds; snapshot also
// archives the source's records it does not hold.
const (
	modeUpsert   = "upsert"
	modeSnapshot = "snapshot"
)

// syncMode reads mode=upsert|snapshot, the one name of the choice on every
// sync and import route. withFormer also reads snapshot=true|false, its
// former name on imports; giving both with different meanings is refused.
func (q *queryParser) syncMode(withFormer bool) bool {
	mode := q.one("mode")
	snapshot := false
	switch mode {
	case "", modeUpsert:
	case modeSnapshot:
		snapshot = true
	default:
		q.errs.Add("mode", "must be upsert (the default) or snapshot")
	}
	if !withFormer {
		return snapshot
	}
	if former := q.boolean("snapshot"); former != nil {
		if mode != "" && *former != snapshot {
			q.errs.Add("snapshot", "is the former name of mode=snapshot and says otherwise: give only mode")
		}
		snapshot = *former
	}
	return snapshot
}

func modeName(snapshot bool) string {
	if snapshot {
		return modeSnapshot
	}
	return modeUpsert
}

// syncTarget reads the source and the options of a sync request and checks
// that the caller may write the source.
func syncTarget(c *gin.Context) (string, models.SyncOptions, error) {
	source := strings.ToLower(c.Param("source"))
	q := queryOf(c)
	opt := models.SyncOptions{DryRun: q.flag("dry_run"), AllowMassArchive: q.flag("allow_mass_archive")}
	opt.Snapshot = q.syncMode(false)
	// Read as every id is (q.id): a value that is no UUID is the client's
	// mistake, 400 as the contract's format: uuid says, not the 404 of a
	// session that does not exist; the id in capitals joins its session.
	opt.SnapshotID = q.id("snapshot_id")
	switch _, given := q.v["snapshot_id"]; {
	case given && opt.SnapshotID == "" && len(q.v["snapshot_id"]) == 1:
		q.errs.Add("snapshot_id", "must be the id of an open snapshot session (POST /api/v1/sync/{source}/snapshots opens one)")
	case opt.SnapshotID != "" && opt.Snapshot:
		q.errs.Add("snapshot_id", "joins a snapshot session, whose completion archives what its batches did not carry: send the batch with mode=upsert (the default), not mode=snapshot")
	}
	if err := q.err(); err != nil {
		return "", opt, err
	}
	return source, opt, checkSyncSource(c, source)
}

func checkSyncSource(c *gin.Context, source string) error {
	if !principal(c).CanSync(source) {
		return models.Errorf(models.EFORBIDDEN, "Your account may not sync the source %q: administrators may sync any source, partner clients with the sync:write scope their own.", clip(source))
	}
	return nil
}

// SyncActors godoc
//
//	@ID			syncActors
//	@Summary		Upsert a partner's actors
//	@Description	Creates, updates or leaves unchanged each actor, keyed by the partner's source_id, in one transaction. A record whose content did not change is not rewritten (same version and updated_at): replaying a batch reports unchanged for every record. Records that cannot be stored are rejected one by one with their reasons, among them a record that is no object, one with a value of the wrong JSON type (the field named by its path in the record, address.street, phones[1]) and one whose postal code is no French one (its first digits number no département: 99999; CEDEX codes are accepted), as a direct write refuses it with 422; a body that is not a JSON object with the list, or a field no record has, is refused whole (400, naming actors[i].field). source_id is read in Unicode NFC without white space at its ends: two spellings of one id name one record (twice in a batch: the second is rejected), and a result whose source_id differs from the one sent carries a warning. A key a record leaves out keeps the value stored, as a file import without that column does, and one sent null, "" or [] clears it: pivot, address.complement, latitude and longitude (both left out; kept while the address is the stored one), typologies, phones, emails, websites, opening_hours, summary, description, mobility, national_programmes, training_labels, other_labels, acceslibre_url and booking_url; the record's warnings name each field so kept where the record differed; a record created has the fields it leaves out empty. mode=snapshot also archives the source's live actors absent from the batch (and their services); it refuses to archive more than 20% of them unless allow_mass_archive=true. dry_run=true reports without writing. A source with more than 1000 actors sends its whole set as several batches joining a snapshot session (snapshot_id; see POST /api/v1/sync/{source}/snapshots). A record that sends none of status, closed_from, closed_until and closure_reason keeps the closure set in Carnet (send status active to reopen a place); one that does not send contact_public keeps whether its structure shows its phones and e-mails; one that does not send parent_id keeps the network it belongs to (send null to take it out); one that does not send producer or producer_updated_on keeps each, and one that sends it null or "" clears it (no date: the place is undated; the result warns when a stored date is removed); null on contact_public, a boolean, rejects the record naming it. At most 1000 actors per batch. A partner's record of an actor with a team (people of the structure in Carnet) that changes its parent_id, or sets contact_public to true where the structure hid its contacts, is rejected naming the field: those are the structure's own decisions (omit the field to keep its choice).
//	@Tags			sync
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[sync:write]
//	@Param			source				path		string				true	"The partner's source name"	example(hub-du-sud)
//	@Param			mode				query		string				false	"upsert or snapshot"	Enums(upsert, snapshot)	default(upsert)
//	@Param			dry_run				query		bool				false	"Check and report without writing"
//	@Param			allow_mass_archive	query		bool				false	"Let a snapshot archive more than 20% of the source's actors"
//	@Param			snapshot_id			query		string				false	"Join the batch to an open snapshot session of the source (not with mode=snapshot): written as an upsert, its source_ids are recorded for the session's completion"	format(uuid)
//	@Param			batch				body		SyncActorsRequest	true	"The actors"
//	@Success		200					{object}	SyncResponse
//	@Failure		400					{object}	Problem
//	@Failure		401					{object}	Problem
//	@Failure		403					{object}	Problem	"Not this caller's source"
//	@Failure		404					{object}	Problem	"snapshot_id names no open session of the source"
//	@Failure		409					{object}	Problem	"The snapshot would archive too many records"
//	@Failure		410					{object}	Problem	"snapshot_id names an expired session"
//	@Failure		413					{object}	Problem
//	@Failure		415					{object}	Problem
//	@Failure		422					{object}	Problem
//	@Router			/api/v1/sync/{source}/actors [put]
func (h *Handler) SyncActors(c *gin.Context) error {
	source, opt, err := syncTarget(c)
	if err != nil {
		return err
	}
	in, err := decodeBatch[ActorInput](c, "actors", &SyncActorsRequest{}, batchTooLarge("actors", source), actorBooleans)
	if err != nil {
		return err
	}
	actors := make([]models.Actor, len(in.Records))
	opt.RefusedActors = in.Refused
	opt.OmittedActors = map[int]models.Omitted{}
	for i := range in.Records {
		if _, unread := in.Refused[i]; !unread {
			refused, err := h.refuseActor(c, source, &in.Records[i])
			if err != nil {
				return err
			}
			if refused != nil {
				opt.RefusedActors[i] = *refused
			}
		}
		in.Records[i].toModel(&actors[i])
		if _, refused := opt.RefusedActors[i]; !refused {
			if fe := foreignPostalCode(actors[i].Address); fe != nil {
				opt.RefusedActors[i] = *fe
			}
		}
		if om := actorOmits(in.Sent, i); om != (models.Omitted{}) {
			opt.OmittedActors[i] = om
		}
		if i < len(in.Sent) {
			actors[i].SetAbsent(models.AbsentKeys(models.ActorKeys, func(key string) bool { return sentKey(in.Sent[i], key) }))
		}
	}
	res, err := h.Store.SyncBatch(c.Request.Context(), source, actors, nil, opt)
	if err != nil {
		return err
	}
	writeJSON(c, http.StatusOK, newSyncResponse(source, opt, res))
	return nil
}

// actorOmits is what actor i of a batch leaves out of what Carnet's users
// set: its closure, when none of the four fields that say it is sent; its
// contact_public; its network (parent_id; null sent is a value: none); its
// producer and producer's date, each on its own.
func actorOmits(sent []map[string]json.RawMessage, i int) models.Omitted {
	if i >= len(sent) {
		return models.Omitted{}
	}
	r := sent[i]
	return models.Omitted{Status: !has(r, "status") && !has(r, "closed_from") && !has(r, "closed_until") && !has(r, "closure_reason"),
		Contact: !has(r, "contact_public"), Parent: !has(r, "parent_id"),
		Producer: !has(r, "producer"), ProducerDate: !has(r, "producer_updated_on")}
}

// serviceOmits is what service i of a batch leaves out of what Carnet's
// users set: its publication status, capacity, « full » flag and
// accepts_referrals, each on its own (null sent is a value: no capacity).
func serviceOmits(sent []map[string]json.RawMessage, i int) models.Omitted {
	if i >= len(sent) {
		return models.Omitted{}
	}
	r := sent[i]
	return models.Omitted{Status: !has(r, "status"), Capacity: !has(r, "capacity"), IsFull: !has(r, "is_full"), Referrals: !has(r, "accepts_referrals")}
}

// sentKey reports whether record sends key, a field or one of an
// object's (address.complement).
func sentKey(record map[string]json.RawMessage, key string) bool {
	outer, inner, nested := strings.Cut(key, ".")
	if !nested {
		return has(record, key)
	}
	for k, v := range record {
		if strings.EqualFold(k, outer) {
			var obj map[string]json.RawMessage
			if json.Unmarshal(v, &obj) != nil {
				return true // not an object: the record is rejected
			}
			return has(obj, inner)
		}
	}
	return false
}

// has reports whether record sends field, named as encoding/json matches
// it (without regard to case).
func has(record map[string]json.RawMessage, field string) bool {
	if _, ok := record[field]; ok {
		return true
	}
	for k := range record {
		if strings.EqualFold(k, field) {
			return true
		}
	}
	return false
}

// sourceRefusal rejects a record that names another source than the path's.
func sourceRefusal(source string) *models.FieldError {
	return &models.FieldError{Field: "source", Reason: "must be omitted or be the path's source " + source}
}

// otherSource reports whether a record names a source other than the path's.
func otherSource(path, record string) bool {
	s := strings.ToLower(strings.TrimSpace(record))
	return s != "" && s != path
}

// foreignPostalCode rejects a record whose postal code is no French one
// (commune.NotFrenchPostalCode: « 99999 »), as a direct write refuses it
// with 422: a partner's tool sending such codes learns it, where the store,
// which reconciles addresses for syncs and imports alike, would keep the
// place in no commune with a warning. A file import keeps the row and warns.
func foreignPostalCode(a models.Address) *models.FieldError {
	if why := commune.NotFrenchPostalCode(models.PostalCodeAsRead(a)); why != "" {
		return &models.FieldError{Field: "address.postal_code", Reason: why}
	}
	return nil
}

// refuseActor checks what the store cannot: that the record names no other
// source than the path's. The caller's rights on each record (its network
// included) are decided by the store, as for every other write.
func (h *Handler) refuseActor(c *gin.Context, source string, in *ActorInput) (*models.FieldError, error) {
	if otherSource(source, in.Source) {
		return sourceRefusal(source), nil
	}
	return nil, nil
}

// SyncServices godoc
//
//	@ID			syncServices
//	@Summary		Upsert a partner's services
//	@Description	Works like PUT /api/v1/sync/{source}/actors for services. Each service names its actor by actor_source_id (the partner's id of one of its actors) or actor_id; the actor must belong to the same source. As for an actor, a key a record leaves out keeps the value stored, and one sent null, "", false or [] clears it: description, fees_details, opening_hours, languages, booking_url, publics, specific_support, fees, access_modes, accompaniment_modes, pass_numerique, on_site and remote (both left out), address (left out, kept with its coordinates), latitude and longitude (both left out; kept while the address is the stored one); the record's warnings name each field so kept where the record differed, a record sent again unchanged stays unchanged, and a service created has the fields it leaves out empty (on_site true when neither on_site nor remote is sent). A service the batch does not carry is left as it is; mode=snapshot archives the source's live services absent from the batch; snapshot_id joins the batch to a snapshot session instead (POST /api/v1/sync/{source}/snapshots). A record that does not send status, capacity, is_full or accepts_referrals keeps each as set in Carnet (null capacity removes it); null on a boolean (on_site, remote, pass_numerique, is_full, accepts_referrals) rejects the record naming it. A place has at most 300 services that are not archived: a record that would add one beyond (a new service, or one back from the archive) is rejected, naming the place and the bound. A partner's record that reopens to referrals a service of a structure with a team is rejected naming accepts_referrals (omit it to keep the structure's choice), and a new service of such a structure starts closed to referrals (one sending accepts_referrals true is rejected naming it).
//	@Tags			sync
//	@Accept			json
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[sync:write]
//	@Param			source				path		string				true	"The partner's source name"
//	@Param			mode				query		string				false	"upsert or snapshot"	Enums(upsert, snapshot)	default(upsert)
//	@Param			dry_run				query		bool				false	"Check and report without writing"
//	@Param			allow_mass_archive	query		bool				false	"Let a snapshot archive more than 20% of the source's services"
//	@Param			snapshot_id			query		string				false	"Join the batch to an open snapshot session of the source (not with mode=snapshot): written as an upsert, its source_ids are recorded for the session's completion"	format(uuid)
//	@Param			batch				body		SyncServicesRequest	true	"The services"
//	@Success		200					{object}	SyncResponse
//	@Failure		400					{object}	Problem
//	@Failure		401					{object}	Problem
//	@Failure		403					{object}	Problem
//	@Failure		404					{object}	Problem	"snapshot_id names no open session of the source"
//	@Failure		409					{object}	Problem
//	@Failure		410					{object}	Problem	"snapshot_id names an expired session"
//	@Failure		413					{object}	Problem
//	@Failure		415					{object}	Problem
//	@Failure		422					{object}	Problem
//	@Router			/api/v1/sync/{source}/services [put]
func (h *Handler) SyncServices(c *gin.Context) error {
	source, opt, err := syncTarget(c)
	if err != nil {
		return err
	}
	in, err := decodeBatch[syncServiceRecord](c, "services", &SyncServicesRequest{}, batchTooLarge("services", source), serviceBooleans)
	if err != nil {
		return err
	}
	services := make([]models.SyncService, len(in.Records))
	opt.RefusedServices = in.Refused
	opt.OmittedServices = map[int]models.Omitted{}
	for i := range in.Records {
		if _, unread := in.Refused[i]; !unread && otherSource(source, in.Records[i].Source) {
			opt.RefusedServices[i] = *sourceRefusal(source)
		}
		si := in.Records[i].ServiceInput
		si.toModel(&services[i].Service)
		if _, refused := opt.RefusedServices[i]; !refused {
			if fe := foreignPostalCode(services[i].Address); fe != nil {
				opt.RefusedServices[i] = *fe
			}
		}
		services[i].ActorSourceID = in.Records[i].ActorSourceID
		if om := serviceOmits(in.Sent, i); om != (models.Omitted{}) {
			opt.OmittedServices[i] = om
		}
		if i < len(in.Sent) {
			services[i].Absent = models.AbsentKeys(models.ServiceKeys, func(key string) bool { return sentKey(in.Sent[i], key) })
		}
	}
	res, err := h.Store.SyncBatch(c.Request.Context(), source, nil, services, opt)
	if err != nil {
		return err
	}
	writeJSON(c, http.StatusOK, newSyncResponse(source, opt, res))
	return nil
}

// ImportIssue is one line of an import report.
type ImportIssue struct {
	// The place's position in the file, from 1 (the CSV header is not
	// counted); 0 for a remark about the whole file.
	Row   int    `json:"row" example:"12"`
	Field string `json:"field" example:"horaires"`
	// The cell as read, clipped.
	Value    string `json:"value" example:"Mo-Fr 9h-12h"`
	Reason   string `json:"reason" example:"not valid OpenStreetMap opening_hours syntax; dropped"`
	Severity string `json:"severity" enums:"warning,error"`
}

// ImportReading is one way some rows that depart from the standard v1.0.2 were read.
type ImportReading struct {
	// The standard's column.
	Field string `json:"field" example:"services"`
	// How the rows were read.
	How string `json:"how" example:"values separated by commas (the standard joins them with |)"`
	// The rows read this way, as ranges of row numbers.
	Rows  string `json:"rows" example:"1-12, 15"`
	Count int    `json:"count" example:"13"`
}

// ImportReport is the result of an import.
type ImportReport struct {
	Source string `json:"source" example:"hub-du-sud"`
	// upsert, or snapshot: the source's places absent from the file were archived (as in sync reports).
	Mode   string `json:"mode" enums:"upsert,snapshot" example:"upsert"`
	Format string `json:"format" enums:"csv,json" example:"csv"`
	DryRun bool   `json:"dry_run"`
	// Deprecated: the former name of mode=snapshot, sent until version 1.2.
	Snapshot bool `json:"snapshot"`
	// Places read; rejected of them were not stored.
	Rows     int        `json:"rows"`
	Rejected int        `json:"rejected"`
	Warnings int        `json:"warnings"`
	Actors   SyncCounts `json:"actors"`
	Services SyncCounts `json:"services"`
	// Deprecated: always 0. Duplicate detection follows the change log
	// after the import's batches commit: the links appear at GET
	// /api/v1/duplicates a moment later.
	Duplicates int           `json:"duplicates"`
	Issues     []ImportIssue `json:"issues"`
	// How rows that depart from the standard were read: columns under another name or misspelt
	// (conditions_access), values joined with commas, values of older versions mapped.
	Readings []ImportReading `json:"readings"`
	// Set when the file does not follow the standard (a required column missing, or most columns
	// unknown): what it lacks, where the ids came from, and the standard's column each unknown one
	// comes closest to. Its summary is also the first issue.
	Diagnosis *ImportDiagnosis `json:"diagnosis,omitempty"`
	// Set when the file is in a producer's own format that Carnet recognises by its columns
	// (Gironde, Hinaura, France Services, Aidants Connect) and reads by the ANCT's published
	// mapping of it: which format, the mapping followed, the file's columns read as the
	// standard's, and the standard's columns its rules fill. The readings say how each row was read.
	ProducerFormat *ImportProducerFormat `json:"producer_format,omitempty"`
}

// ImportProducerFormat is the producer's format a file was recognised in.
type ImportProducerFormat struct {
	Name  string `json:"name" example:"gironde"`
	Title string `json:"title" example:"Gironde"`
	// The ANCT's published mapping the reading follows (repository, file, commit).
	Mapping string                 `json:"mapping"`
	Columns []ImportProducerColumn `json:"columns"`
	// The standard's columns filled by the mapping's rules or fixed values.
	Derived []string `json:"derived" example:"services,frais_a_charge"`
}

// ImportProducerColumn is a column of the producer's file and the standard's column it is read as.
type ImportProducerColumn struct {
	Column string `json:"column" example:"Lieu"`
	ReadAs string `json:"read_as" example:"nom"`
	// True when the ANCT's mapping does not read the column and Carnet does
	// (the format's table says why).
	CarnetReading bool `json:"carnet_reading,omitempty"`
}

// ImportDiagnosis says why a file in a producer's own format is not read as the standard.
type ImportDiagnosis struct {
	Summary string `json:"summary"`
	// The standard's required columns the file has under no name Carnet reads.
	Missing []string `json:"missing" example:"id,nom"`
	// Where the ids came from: empty (the file's id column), the producer's identifier column
	// read as id, or derived (a hash of the source, name and address, stable across imports).
	IDs          string                `json:"ids" example:"derived"`
	Recognised   int                   `json:"recognised"`
	Unrecognised []ImportUnknownColumn `json:"unrecognised"`
}

// ImportUnknownColumn is a column of no version of the standard, with the standard's column its
// name comes closest to (a hint: it is not read as that column).
type ImportUnknownColumn struct {
	Column  string `json:"column" example:"Lieu"`
	Closest string `json:"closest,omitempty" example:"nom"`
}

// NewImportReport converts an opendata report for the API (and the CLI's
// --report-json).
func NewImportReport(r *opendata.Report) ImportReport {
	out := ImportReport{Source: r.Source, Mode: modeName(r.Snapshot), Format: r.Format, DryRun: r.DryRun, Snapshot: r.Snapshot, Rows: r.Rows, Rejected: r.Rejected,
		Warnings: r.Warnings, Actors: newSyncCounts(r.Actors), Services: newSyncCounts(r.Services),
		Issues: make([]ImportIssue, len(r.Issues)), Readings: make([]ImportReading, len(r.Readings))}
	for i, is := range r.Issues {
		out.Issues[i] = ImportIssue(is)
	}
	for i, x := range r.Readings {
		out.Readings[i] = ImportReading(x)
	}
	if p := r.Producer; p != nil {
		out.ProducerFormat = &ImportProducerFormat{Name: p.Name, Title: p.Title, Mapping: p.Mapping, Derived: p.Derived,
			Columns: make([]ImportProducerColumn, len(p.Columns))}
		for i, c := range p.Columns {
			out.ProducerFormat.Columns[i] = ImportProducerColumn(c)
		}
	}
	if d := r.Diagnosis; d != nil {
		out.Diagnosis = &ImportDiagnosis{Summary: d.Summary, Missing: d.Missing, IDs: d.IDs, Recognised: d.Recognised,
			Unrecognised: make([]ImportUnknownColumn, len(d.Unrecognised))}
		for i, u := range d.Unrecognised {
			out.Diagnosis.Unrecognised[i] = ImportUnknownColumn(u)
		}
	}
	return out
}

// ImportPlaces godoc
//
//	@ID			importPlaces
//	@Summary		Import a file of the national standard
//	@Description	Imports places of the standard « lieux de médiation numérique » (v0.1.1 to v1.0.2) sent as the body: CSV (text/csv; "," ";" or tabs between fields, "|" or ";" between values, the header as column names or as the schema's titles, title lines before it skipped), a JSON array of places or an object holding it under data, items, results, records or features (application/json), a GeoJSON FeatureCollection of places (application/geo+json), or one place object per line (JSON Lines, application/x-ndjson). Files in UTF-8 (with or without a BOM), UTF-16 with a BOM, or Windows-1252 are read, and UTF-8 files with rows in Windows-1252; a file that is not UTF-8 gets a warning saying how it was read. A charset declared in Content-Type (text/csv; charset=iso-8859-1) is read as declared, by its WHATWG name (latin1 and iso-8859-1 as Windows-1252); one that names no encoding answers 415. Spreadsheets' cells are read: dates as DD/MM/YYYY, date-times or serial numbers, decimal commas, swapped or single-cell coordinates, several phones or e-mails in a cell. A workbook, an archive or a binary file is refused with what it is (400, or 415 by its Content-Type). Each place becomes an actor and a service carrying its offer, keyed by the row's id within the source; unchanged places are left untouched. Values that can be normalised are kept with a warning; renamed or misspelt columns of known producers (conditions_access, courriel, email…) and values joined with "," are read, and the report's readings say how; a file in a producer's own format that Carnet recognises by its columns (Gironde, Hinaura, France Services, Aidants Connect and others the ANCT maps) is read by the ANCT's published mapping of that format, which producer_format names; a commune or postal code missing from a row is derived from its other cells when the commune reference says which, with a warning; a row is rejected when it cannot be stored, or when it names services none of which can be read (a place is never imported without the offer it names). The report lists every issue by row. mode=snapshot archives the source's places absent from the file (refused above 20% unless allow_mass_archive=true), as on the sync routes, and the report's mode says which was applied. Bodies are limited by CARNET_MAX_BODY_BYTES, and to one place per 200 bytes of it (5,242 at 1 MiB; 413 before anything is read into places); a file has at most 1,000 columns (400); a list cell is read for its first 8 KiB and 100 values, a contact cell for its first 100 values, with a warning. Use the carnet import command for larger files.
//	@Tags			sync
//	@Accept			text/csv
//	@Accept			json
//	@Accept			application/geo+json
//	@Accept			application/x-ndjson
//	@Produce		json
//	@Security		BearerAuth
//	@Security		PartnerClient[sync:write]
//	@Param			source				path		string	true	"The source the places belong to"
//	@Param			format				query		string	false	"Overrides the Content-Type"	Enums(csv, json)
//	@Param			dry_run				query		bool	false	"Check and report without writing"
//	@Param			mode				query		string	false	"upsert, or snapshot: also archive the source's places absent from the file"	Enums(upsert, snapshot)	default(upsert)
//	@Param			allow_mass_archive	query		bool	false	"Let a snapshot archive more than 20% of the source's places"
//	@Param			snapshot			query		bool	false	"Deprecated: the former name of mode=snapshot, accepted until version 1.2"
//	@Param			Idempotency-Key		header		string	false	"Makes retries safe: the same key and body return the first report. A refusal (4xx) is not kept: a corrected request may reuse the key"
//	@Param			file				body		string	true	"The file"
//	@Success		200					{object}	ImportReport
//	@Failure		400					{object}	Problem	"The file cannot be read"
//	@Failure		401					{object}	Problem
//	@Failure		403					{object}	Problem
//	@Failure		409					{object}	Problem	"The snapshot would archive too many places"
//	@Failure		413					{object}	Problem	"The body is over CARNET_MAX_BODY_BYTES, or holds more than one place per 200 bytes of it"
//	@Failure		415					{object}	Problem
//	@Failure		422					{object}	Problem
//	@Router			/api/v1/sync/{source}/import [post]
func (h *Handler) ImportPlaces(c *gin.Context) error {
	source := strings.ToLower(c.Param("source"))
	q := queryOf(c)
	format := q.one("format")
	opt := opendata.ImportOptions{Source: source, DryRun: q.flag("dry_run"), Snapshot: q.syncMode(true), AllowMassArchive: q.flag("allow_mass_archive")}
	if format != "" && format != opendata.FormatCSV && format != opendata.FormatJSON {
		q.errs.Add("format", "must be csv or json")
	}
	if err := q.err(); err != nil {
		return err
	}
	if err := checkSyncSource(c, source); err != nil {
		return err
	}
	mt, params, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	switch {
	case format != "":
	case mt == "text/csv", mt == "application/csv", mt == "application/vnd.ms-excel":
		// Browsers on Windows send a .csv file as application/vnd.ms-excel.
		format = opendata.FormatCSV
	case mt == mediaJSON, mt == "application/geo+json", mt == "application/x-ndjson", mt == "application/jsonl":
		format = opendata.FormatJSON
	case strings.Contains(mt, "spreadsheetml") || strings.Contains(mt, "opendocument.spreadsheet") || mt == "application/zip":
		return models.Errorf(models.EUNSUPPORTED, "A workbook or an archive (Content-Type %q) cannot be imported: open it, save the sheet as CSV (UTF-8), and send that as text/csv.", clip(c.GetHeader("Content-Type")))
	default:
		return models.Errorf(models.EUNSUPPORTED, "Send the file as text/csv, application/json, application/geo+json or application/x-ndjson (Content-Type was %q), or say format=csv|json.", clip(c.GetHeader("Content-Type")))
	}
	opt.Format = format
	opt.MaxRows = int(bodyLimit(c) / opendata.ImportRowBytes)
	if err := uncoded(c); err != nil {
		return err
	}
	body, err := ReadBody(c)
	if err != nil {
		if e := (*models.Error)(nil); errors.As(err, &e) && e.Code == models.ETOOLARGE {
			return models.Errorf(models.ETOOLARGE, "%s Use the carnet import command, or raise CARNET_MAX_BODY_BYTES.", e.Message)
		}
		return err
	}
	if body, err = fromCharset(body, params["charset"]); err != nil {
		return err
	}
	rep, err := opendata.Import(c.Request.Context(), h.Store, bytes.NewReader(body), opt)
	if err != nil {
		return err
	}
	writeJSON(c, http.StatusOK, NewImportReport(rep))
	return nil
}

// fromCharset returns a file declared in charset as UTF-8. Without a
// charset, or with UTF-8, the import tells the encoding from the bytes
// (opendata.NewReader: UTF-8, UTF-16 with a BOM, Windows-1252). A declared
// one is read as declared, by its WHATWG label (latin1 and iso-8859-1 are
// Windows-1252, as browsers read them): guessed instead, a Latin-1 file
// whose bytes happen to be UTF-8 (« Ã© ») was read as other letters. A
// charset no label names is refused, never guessed.
func fromCharset(body []byte, charset string) ([]byte, error) {
	if charset == "" || strings.EqualFold(charset, "utf-8") {
		return body, nil
	}
	enc, err := htmlindex.Get(charset)
	if err != nil {
		return nil, otherCharset(charset, "it is not the name of an encoding this import reads (UTF-8, UTF-16, ISO-8859-1, Windows-1252 and the other WHATWG encodings)")
	}
	out, err := enc.NewDecoder().Bytes(body)
	if err != nil {
		return nil, models.Errorf(models.EBADREQUEST, "The file cannot be read as %s, its declared charset.", clip(charset))
	}
	return out, nil
}
