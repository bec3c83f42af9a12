package models

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"
	"unsafe"

	"github.com/mattn/go-sqlite3"
	"gorm.io/gorm"
	"gorm.io/gorm/schema"
)

// bulkTable inserts many rows of one model with multi-row INSERTs sent to
// the driver as they are. The columns and the values come from GORM's schema
// of the model (column names, embedded structs, Valuers), so the table is
// GORM's; what is spared is GORM's statement building for each row and each
// value (ConvertToCreateValues, AddVar, its RETURNING), which cost more than
// SQLite's own work on a first import (issue 11, item 6). It supports the
// models written this way, whose columns have no database-side default
// other than an auto-increment key (left to the database, and not read back).
type bulkTable struct {
	table  string
	fields []*schema.Field // one bind variable each per row
	kinds  []valueKind     // how each field's value is read (see value)
	elems  []valueKind     // for a viaPointer field, how the value it points to is
	// at reads each field in place: its offset in the model's struct, and
	// the width of its number, when the path to it crosses no pointer
	// (an embedded struct by value); see value.
	at   []fieldAt
	head string // " table (col, …) VALUES ", after dialect's insertInto
	// full holds the text of a statement of rowsPerStatement rows, per
	// dialect (its placeholder for the first variable): a large insert
	// sends that same text again and again, and writing its tens of
	// thousands of placeholders anew each time allocated and copied about
	// 2 KB a place on a first import (issue 11, item 6). Shorter statements
	// (a batch's last) are written each time.
	full sync.Map // string → string
}

// statement is the INSERT of n rows of bt, for dialect d.
func (bt *bulkTable) statement(d dialect, n int) string {
	full := n == rowsPerStatement(len(bt.fields))
	if full {
		if q, ok := bt.full.Load(d.placeholder(1)); ok {
			return q.(string)
		}
	}
	var sb strings.Builder
	verb := d.insertInto()
	sb.Grow(len(verb) + len(bt.head) + n*len(bt.fields)*4)
	sb.WriteString(verb)
	sb.WriteString(bt.head)
	k := 0
	for i := range n {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteByte('(')
		for j := range bt.fields {
			if j > 0 {
				sb.WriteString(", ")
			}
			k++
			sb.WriteString(d.placeholder(k))
		}
		sb.WriteByte(')')
	}
	q := sb.String()
	if full {
		bt.full.Store(d.placeholder(1), q)
	}
	return q
}

var bulkTables sync.Map // reflect.Type of the model → *bulkTable

func bulkTableOf(tx *gorm.DB, model any) (*bulkTable, error) {
	t := reflect.TypeOf(model)
	if bt, ok := bulkTables.Load(t); ok {
		return bt.(*bulkTable), nil
	}
	stmt := &gorm.Statement{DB: tx}
	if err := stmt.Parse(model); err != nil {
		return nil, err
	}
	bt := &bulkTable{table: stmt.Schema.Table}
	cols := []string{}
	for _, name := range stmt.Schema.DBNames {
		f := stmt.Schema.FieldsByDBName[name]
		switch {
		case !f.Creatable:
			continue
		case f.PrimaryKey && f.AutoIncrement:
			continue // numbered by the database
		case f.HasDefaultValue && f.DefaultValueInterface == nil:
			return nil, fmt.Errorf("bulk insert into %s: column %s has a database default", stmt.Schema.Table, name)
		}
		bt.fields = append(bt.fields, f)
		cols = append(cols, name)
	}
	bt.head = " " + stmt.Schema.Table + " (" + strings.Join(cols, ", ") + ") VALUES "
	bt.kinds, bt.elems = make([]valueKind, len(bt.fields)), make([]valueKind, len(bt.fields))
	bt.at = make([]fieldAt, len(bt.fields))
	for i, f := range bt.fields {
		bt.kinds[i] = kindOf(f.FieldType)
		if bt.kinds[i] == viaPointer {
			bt.elems[i] = kindOf(f.FieldType.Elem())
		}
		bt.at[i] = fieldAtOf(stmt.Schema.ModelType, f)
	}
	actual, _ := bulkTables.LoadOrStore(t, bt)
	return actual.(*bulkTable), nil
}

// valueKind is how insertRows reads a field's value for the driver.
type valueKind uint8

const (
	// viaInterface: the field as an interface, converted as database/sql
	// converts it (Valuers, []byte, structs).
	viaInterface valueKind = iota
	// viaValuer: a Valuer by value (StringList), whose Value is called
	// through a pointer to the field: boxing the field itself copied it
	// into an allocation of its own for every row (1.5 million objects of
	// the import benchmark, issue 11, item 6).
	viaValuer
	viaString
	viaInt
	viaUint
	viaFloat
	viaBool
	viaTime    // a time.Time (see binder)
	viaPointer // a pointer to one of the kinds above: nil, or its value
	// viaList: a StringList, encoded as its Value encodes it; with a
	// binder, into the binder's arena (see binder.list).
	viaList
)

var (
	valuerType = reflect.TypeFor[driver.Valuer]()
	timeType   = reflect.TypeFor[time.Time]()
	listType   = reflect.TypeFor[StringList]()
)

// fieldAt is where a field of a model lies in its struct, for value to
// read it without reflect: FieldByIndex and the reading through a
// reflect.Value were about a tenth of value's time (BenchmarkBulkValues),
// 0.06 to 0.1 s of a 100,000-place first import's writer — the rest is
// the values' own conversion (texts boxed, times formatted, lists
// encoded), which this does not change (issue 11, item 6).
type fieldAt struct {
	direct bool    // the path crosses no pointer: offset holds
	offset uintptr // from the struct's start
	// number is the field's kind (or, for a pointer, its element's)
	// when it is a number, whose width the reading follows.
	number reflect.Kind
	typ    reflect.Type // the field's type
	// autoTime: a time.Time that GORM stamps on create when zero.
	autoTime bool
}

func fieldAtOf(model reflect.Type, f *schema.Field) fieldAt {
	at := fieldAt{direct: true, typ: f.FieldType}
	t := model
	for _, i := range f.StructField.Index {
		// GORM numbers a struct embedded by pointer -i-1.
		if i < 0 || t.Kind() != reflect.Struct {
			return fieldAt{typ: f.FieldType} // through a pointer: GORM's reading
		}
		sf := t.Field(i)
		at.offset += sf.Offset
		t = sf.Type
	}
	if t != f.FieldType {
		return fieldAt{typ: f.FieldType}
	}
	n := t
	if n.Kind() == reflect.Pointer {
		n = n.Elem()
	}
	switch n.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		at.number = n.Kind()
	}
	at.autoTime = (f.AutoCreateTime > 0 || f.AutoUpdateTime > 0) && t == timeType
	return at
}

func kindOf(t reflect.Type) valueKind {
	if t == listType {
		return viaList
	}
	if t.Kind() != reflect.Pointer && t.Implements(valuerType) {
		return viaValuer
	}
	if t.Implements(valuerType) || reflect.PointerTo(t).Implements(valuerType) {
		return viaInterface
	}
	if t == timeType {
		return viaTime
	}
	switch t.Kind() {
	case reflect.String:
		return viaString
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return viaInt
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return viaUint
	case reflect.Float32, reflect.Float64:
		return viaFloat
	case reflect.Bool:
		return viaBool
	case reflect.Pointer:
		if kindOf(t.Elem()) != viaInterface && t.Elem().Kind() != reflect.Pointer {
			return viaPointer
		}
	}
	return viaInterface
}

// binder remembers values insertRows bound, to bind them again without
// allocating: boxing a text or a time in an interface allocates, and a
// 100,000-place import bound millions of them (issue 11, item 6).
//   - texts: the last text of each column, for the columns whose rows
//     mostly repeat it (source, status, kind, the audit's channel…), when
//     the text is read through reflect (see value; a text read in place is
//     bound by pointer, see boxAt);
//   - times, for a driver that binds them as text (SQLite, timeText): the
//     last one, formatted as mattn/go-sqlite3 formats a time.Time, so the
//     row stored is the same; a row's times are mostly one (created,
//     updated, public update);
//   - the texts it writes itself (times, lists), in arena and their
//     headers in strs, bound by pointer (boxAt): one statement's values
//     share the two slices instead of two allocations each (a third of
//     the objects a first import's writer allocated). Both are emptied
//     and written again by the next statement (next): a value bound must
//     not outlive its statement.
type binder struct {
	texts     []string
	boxed     []driver.Value
	timeText  bool
	last      time.Time
	lastBound driver.Value
	arena     []byte   // the bytes of the texts written, of this statement
	strs      []string // their headers, each bound by pointer
}

func newBinder(columns int, timeText bool) *binder {
	return &binder{texts: make([]string, columns), boxed: make([]driver.Value, columns), timeText: timeText}
}

// binderArenas holds binders' arenas between insertRows calls: a batch's
// four tables grew four fresh ones (about 80 MB of a 100,000-place import).
var binderArenas = sync.Pool{New: func() any { return new(binderArena) }}

type binderArena struct {
	bytes []byte
	strs  []string
}

// withArena gives b an arena from binderArenas; release gives it back.
func (b *binder) withArena() *binder {
	a := binderArenas.Get().(*binderArena)
	b.arena, b.strs = a.bytes[:0], a.strs[:0]
	return b
}

// release gives b's arena back, emptied: it keeps no row alive, and b
// binds nothing from it any more.
func (b *binder) release() {
	clear(b.strs[:cap(b.strs)])
	if cap(b.arena) <= 16<<20 {
		binderArenas.Put(&binderArena{bytes: b.arena[:0], strs: b.strs[:0]})
	}
	b.arena, b.strs, b.lastBound = nil, nil, nil
}

// next starts a statement: the values bound before may be overwritten.
func (b *binder) next() {
	b.arena, b.strs, b.lastBound = b.arena[:0], b.strs[:0], nil
}

// text is s, the value of column j, as a driver value.
func (b *binder) text(j int, s string) driver.Value {
	if b.boxed[j] == nil || b.texts[j] != s {
		b.texts[j], b.boxed[j] = s, s
	}
	return b.boxed[j]
}

// written is the text the last len(b.arena)-from bytes of the arena hold,
// as a driver value. When the arena or strs grow, the values bound before
// keep the former arrays, which nothing writes again.
func (b *binder) written(from int) driver.Value {
	b.strs = append(b.strs, unsafe.String(unsafe.SliceData(b.arena[from:]), len(b.arena)-from))
	return boxAt(&b.strs[len(b.strs)-1])
}

// time is t as a driver value, or nil when the driver binds times itself.
func (b *binder) time(t time.Time) driver.Value {
	if !b.timeText {
		return nil
	}
	if b.lastBound == nil || t != b.last { // == : same instant, reading and zone
		from := len(b.arena)
		b.arena = appendSQLiteTime(b.arena, t)
		b.last, b.lastBound = t, b.written(from)
	}
	return b.lastBound
}

// list is l as a driver value: the text StringList.Value gives.
func (b *binder) list(l StringList) driver.Value {
	if len(l) == 0 {
		return emptyList
	}
	from := len(b.arena)
	b.arena = l.appendJSON(b.arena)
	return b.written(from)
}

var emptyList driver.Value = "[]"

// boxAt is *p as a driver value (an interface holding a string), whose
// data word points at p instead of a copy of *p in an allocation of its
// own, as converting a string to an interface makes. The caller keeps *p
// unchanged while the value is in use: insertRows binds a row's texts
// where the row holds them, and the rows are not written while their
// statement runs; the driver copies the bytes it binds (mattn/go-sqlite3's
// marshalFusedArgs into its C buffer, its other path with SQLITE_TRANSIENT),
// and the values are cleared or overwritten after the statement.
func boxAt(p *string) driver.Value {
	v := driver.Value("") // a constant's box: static, not allocated
	(*[2]unsafe.Pointer)(unsafe.Pointer(&v))[1] = unsafe.Pointer(p)
	return v
}

// boxInt64At and boxFloat64At are boxAt for numbers (a coordinate, a
// score, a large integer: converting one to an interface allocates).
func boxInt64At(p *int64) driver.Value {
	v := driver.Value(int64(0))
	(*[2]unsafe.Pointer)(unsafe.Pointer(&v))[1] = unsafe.Pointer(p)
	return v
}

func boxFloat64At(p *float64) driver.Value {
	v := driver.Value(float64(0))
	(*[2]unsafe.Pointer)(unsafe.Pointer(&v))[1] = unsafe.Pointer(p)
	return v
}

// appendSQLiteTime appends t as t.Format(sqlite3.SQLiteTimestampFormats[0])
// writes it ("2006-01-02 15:04:05.999999999-07:00"), digit by digit: the
// times of a first import's rows are a few nanoseconds apart, so each row
// formatted its own, and time.Format's layout parsing took 0.13 s of the
// writer's CPU on 100,000 places (issue 11, item 6). Years outside
// 0000–9999 go through time.Format.
func appendSQLiteTime(b []byte, t time.Time) []byte {
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.AppendFormat(b, sqlite3.SQLiteTimestampFormats[0])
	}
	hour, minute, sec := t.Clock()
	b = appendDigits(b, year, 4)
	b = append(b, '-')
	b = appendDigits(b, int(month), 2)
	b = append(b, '-')
	b = appendDigits(b, day, 2)
	b = append(b, ' ')
	b = appendDigits(b, hour, 2)
	b = append(b, ':')
	b = appendDigits(b, minute, 2)
	b = append(b, ':')
	b = appendDigits(b, sec, 2)
	if ns := t.Nanosecond(); ns != 0 {
		digits := 9
		for ns%10 == 0 {
			ns, digits = ns/10, digits-1
		}
		b = append(b, '.')
		b = appendDigits(b, ns, digits)
	}
	// The offset in whole minutes, truncated toward zero, as time.Format's
	// -07:00 writes it (seconds dropped).
	_, offset := t.Zone()
	zone := offset / 60
	if zone < 0 {
		b, zone = append(b, '-'), -zone
	} else {
		b = append(b, '+')
	}
	b = appendDigits(b, zone/60, 2)
	b = append(b, ':')
	return appendDigits(b, zone%60, 2)
}

// appendDigits appends n ≥ 0 in decimal, left-padded with zeros to width.
func appendDigits(b []byte, n, width int) []byte {
	var d [20]byte
	i := len(d)
	for n >= 10 || width > 1 {
		i--
		d[i] = byte('0' + n%10)
		n /= 10
		width--
	}
	i--
	d[i] = byte('0' + n)
	return append(b, d[i:]...)
}

// value is the driver's value of field j of the row rv, as
// driver.DefaultParameterConverter gives it for the field's value (what
// database/sql sends): GORM's Field.ValueOf boxed every value in an
// interface through reflect, one allocation per column and row, even for
// an empty text or a small integer — a third of the objects a first
// import allocated (issue 11, item 6). Read by kind, an empty text, a
// boolean or a small integer needs none. With b, texts and times are bound
// as binder says.
func (bt *bulkTable) value(ctx context.Context, j int, rv reflect.Value, b *binder) (driver.Value, error) {
	if at := &bt.at[j]; at.direct && rv.CanAddr() {
		return bt.valueAt(j, unsafe.Add(rv.Addr().UnsafePointer(), at.offset), b)
	}
	f := bt.fields[j]
	fv, err := fieldByIndex(rv, f.StructField.Index)
	if err != nil { // through an embedded pointer: GORM's own reading
		v, _ := f.ValueOf(ctx, rv)
		return driver.DefaultParameterConverter.ConvertValue(v)
	}
	kind := bt.kinds[j]
	if kind == viaPointer {
		if fv.IsNil() {
			return nil, nil
		}
		fv, kind = fv.Elem(), bt.elems[j]
	}
	switch kind {
	case viaString:
		if b != nil {
			return b.text(j, fv.String()), nil
		}
		return fv.String(), nil
	case viaInt:
		return fv.Int(), nil
	case viaUint:
		u := fv.Uint()
		if u >= 1<<63 {
			return nil, fmt.Errorf("uint64 values with high bit set are not supported")
		}
		return int64(u), nil
	case viaFloat:
		return fv.Float(), nil
	case viaBool:
		return fv.Bool(), nil
	case viaTime:
		if b != nil && fv.CanAddr() {
			if v := b.time(*fv.Addr().Interface().(*time.Time)); v != nil {
				return v, nil
			}
		}
	case viaList:
		if b != nil {
			return b.list(fv.Interface().(StringList)), nil
		}
	case viaValuer:
		// The pointer's method set holds the value's Value: the same
		// call, on the same value.
		if fv.CanAddr() {
			return driver.DefaultParameterConverter.ConvertValue(fv.Addr().Interface())
		}
	}
	return driver.DefaultParameterConverter.ConvertValue(fv.Interface())
}

// valueAt is value for a field read in place at p (see fieldAt): the
// same values, read without reflect but for Valuers and the kinds
// database/sql converts itself.
func (bt *bulkTable) valueAt(j int, p unsafe.Pointer, b *binder) (driver.Value, error) {
	at := &bt.at[j]
	kind := bt.kinds[j]
	if kind == viaPointer {
		if p = *(*unsafe.Pointer)(p); p == nil {
			return nil, nil
		}
		kind = bt.elems[j]
	}
	switch kind {
	case viaString:
		if b != nil {
			return boxAt((*string)(p)), nil
		}
		return *(*string)(p), nil
	case viaList:
		if b != nil {
			return b.list(*(*StringList)(p)), nil
		}
	case viaInt:
		switch at.number {
		case reflect.Int:
			return int64(*(*int)(p)), nil
		case reflect.Int8:
			return int64(*(*int8)(p)), nil
		case reflect.Int16:
			return int64(*(*int16)(p)), nil
		case reflect.Int32:
			return int64(*(*int32)(p)), nil
		case reflect.Int64:
			if b != nil {
				return boxInt64At((*int64)(p)), nil
			}
			return *(*int64)(p), nil
		}
	case viaUint:
		var u uint64
		switch at.number {
		case reflect.Uint:
			u = uint64(*(*uint)(p))
		case reflect.Uint8:
			u = uint64(*(*uint8)(p))
		case reflect.Uint16:
			u = uint64(*(*uint16)(p))
		case reflect.Uint32:
			u = uint64(*(*uint32)(p))
		case reflect.Uint64:
			u = *(*uint64)(p)
		}
		if u >= 1<<63 {
			return nil, fmt.Errorf("uint64 values with high bit set are not supported")
		}
		return int64(u), nil
	case viaFloat:
		if at.number == reflect.Float32 {
			return float64(*(*float32)(p)), nil
		}
		if b != nil {
			return boxFloat64At((*float64)(p)), nil
		}
		return *(*float64)(p), nil
	case viaBool:
		return *(*bool)(p), nil
	case viaTime:
		t := *(*time.Time)(p)
		if b != nil {
			if v := b.time(t); v != nil {
				return v, nil
			}
		}
		return t, nil
	}
	typ := at.typ
	if bt.kinds[j] == viaPointer {
		typ = typ.Elem()
	}
	if kind == viaValuer || kind == viaList {
		// The pointer's method set holds the value's Value: the same
		// call, on the same value.
		return driver.DefaultParameterConverter.ConvertValue(reflect.NewAt(typ, p).Interface())
	}
	return driver.DefaultParameterConverter.ConvertValue(reflect.NewAt(typ, p).Elem().Interface())
}

// fieldByIndex is rv.FieldByIndexErr(index) for a path that crosses no
// pointer, and an error for one that does (GORM numbers a struct embedded
// by pointer -i-1, which reflect does not read).
func fieldByIndex(rv reflect.Value, index []int) (reflect.Value, error) {
	if slices.ContainsFunc(index, func(i int) bool { return i < 0 }) {
		return reflect.Value{}, errors.New("through an embedded pointer")
	}
	return rv.FieldByIndexErr(index)
}

// insertOption changes the statements of an insertRows call.
type insertOption struct {
	tail string // written after the rows
}

// skipConflicts makes insertRows leave out, rather than fail on, a row
// whose columns cols (those of a unique index, « a, b ») are a stored
// row's: ON CONFLICT (cols) DO NOTHING, on both engines. The stored row
// stays as it is.
func skipConflicts(cols string) insertOption {
	return insertOption{tail: " ON CONFLICT (" + cols + ") DO NOTHING"}
}

// insertRows inserts rows (pointers to the model) in the transaction tx.
// Time fields GORM stamps on create are stamped the same way when zero.
func insertRows[T any](tx *gorm.DB, rows []*T, opts ...insertOption) error {
	if len(rows) == 0 {
		return nil
	}
	bt, err := bulkTableOf(tx, rows[0])
	if err != nil {
		return err
	}
	ctx := tx.Statement.Context
	d := dialectOf(tx)
	per := rowsPerStatement(len(bt.fields))
	// The arguments are converted to the driver's values here, as
	// database/sql would convert them (driver.DefaultParameterConverter:
	// Valuers called, pointers followed, integers widened), into one
	// slice that every statement of the call reuses: database/sql
	// allocated a fresh one per statement, 1.2 MB for a statement of
	// 30,000 variables, a third of the bytes a first import's writer
	// allocated (issue 11, item 6).
	// The slice itself is taken from argSlices: a batch's four tables
	// took four of them, 4 MB of fresh memory a batch (0.3 GB of a
	// 100,000-place import's 2.2 GB).
	ap := argSlices.Get().(*[]driver.NamedValue)
	defer putArgs(ap)
	args := slices.Grow((*ap)[:0], min(len(rows), per)*len(bt.fields))
	defer func() { *ap = args }()
	b := newBinder(len(bt.fields), d.timeText()).withArena()
	defer b.release()
	for start := 0; start < len(rows); start += per {
		end := min(len(rows), start+per)
		args = args[:0]
		b.next()
		for i := start; i < end; i++ {
			setKeysOf(rows[i]) // as GORM's BeforeSave would
			rv := reflect.ValueOf(rows[i]).Elem()
			for j, f := range bt.fields {
				if at := &bt.at[j]; at.autoTime && at.direct {
					if t := (*time.Time)(unsafe.Add(rv.Addr().UnsafePointer(), at.offset)); *t == (time.Time{}) {
						*t = tx.Config.NowFunc()
					}
				} else if f.AutoCreateTime > 0 || f.AutoUpdateTime > 0 {
					if _, zero := f.ValueOf(ctx, rv); zero {
						if err := f.Set(ctx, rv, tx.Config.NowFunc()); err != nil {
							return err
						}
					}
				}
				dv, err := bt.value(ctx, j, rv, b)
				if err != nil {
					return fmt.Errorf("bulk insert into %s: column %s: %w", bt.table, f.DBName, err)
				}
				args = append(args, driver.NamedValue{Ordinal: len(args) + 1, Value: dv})
			}
		}
		q := bt.statement(d, end-start)
		for _, o := range opts {
			q += o.tail
		}
		if err := d.execBatch(ctx, tx.Statement.ConnPool, q, args); err != nil {
			return err
		}
	}
	return nil
}

// argSlices holds insertRows' argument slices between calls.
var argSlices = sync.Pool{New: func() any { return new([]driver.NamedValue) }}

// putArgs returns an argument slice to argSlices, emptied: it keeps no
// value of the rows it bound alive, nor readable.
func putArgs(ap *[]driver.NamedValue) {
	clear((*ap)[:cap(*ap)])
	*ap = (*ap)[:0]
	argSlices.Put(ap)
}

// rowUpdate is what updateRow writes of a model: its updatable columns
// but the primary key and the omitted ones, by its primary key.
type rowUpdate struct {
	fields []*schema.Field // the SET columns, in order
	pk     *schema.Field
	sql    string // UPDATE table SET
}

var rowUpdates sync.Map // rowUpdateKey → *rowUpdate

type rowUpdateKey struct {
	t       reflect.Type
	omit    string
	postgre bool
}

// updateRow writes row (a pointer to the model) as GORM's
// tx.Model(row).Select("*").Omit(omit...).Updates(row) does — every
// updatable column but the primary key and omit, the fields GORM stamps on
// update (UpdatedAt) stamped with its clock and set in row — sent to the
// driver as it is: GORM's statement building by reflection was most of the
// time a single write of an actor held SQLite's writer
// (BenchmarkConcurrentWrites). before, when not nil, is the row as stored
// (loaded in the same transaction): the columns whose value did not change
// are left out, so that SQLite does not rewrite the entries of indexes on
// them (an actor has 13) — only those held by value (strings, numbers,
// times): a copy of the row shares its slices and pointers, which the
// caller may have changed in place. Of GORM's hooks, only the derived
// columns' (setKeys, BeforeSave) are run: the models written here have no
// other.
func updateRow[T any](tx *gorm.DB, before, row *T, omit ...string) error {
	setKeysOf(row)
	d := dialectOf(tx)
	key := rowUpdateKey{reflect.TypeOf(row), strings.Join(omit, ","), d.placeholder(1) != "?"}
	var ru *rowUpdate
	if v, ok := rowUpdates.Load(key); ok {
		ru = v.(*rowUpdate)
	} else {
		stmt := &gorm.Statement{DB: tx}
		if err := stmt.Parse(row); err != nil {
			return err
		}
		if len(stmt.Schema.PrimaryFields) != 1 {
			return fmt.Errorf("update %s: one primary key column needed", stmt.Schema.Table)
		}
		ru = &rowUpdate{pk: stmt.Schema.PrimaryFields[0], sql: "UPDATE " + stmt.Schema.Table + " SET "}
		for _, name := range stmt.Schema.DBNames {
			f := stmt.Schema.FieldsByDBName[name]
			if f.PrimaryKey || !f.Updatable || slices.Contains(omit, name) {
				continue
			}
			ru.fields = append(ru.fields, f)
		}
		rowUpdates.Store(key, ru)
	}
	ctx := tx.Statement.Context
	rv := reflect.ValueOf(row).Elem()
	var bv reflect.Value
	if before != nil {
		bv = reflect.ValueOf(before).Elem()
	}
	var sb strings.Builder
	sb.WriteString(ru.sql)
	args := make([]any, 0, len(ru.fields)+1)
	for _, f := range ru.fields {
		if f.AutoUpdateTime > 0 {
			if err := f.Set(ctx, rv, tx.Config.NowFunc()); err != nil {
				return err
			}
		}
		v, _ := f.ValueOf(ctx, rv)
		if before != nil && f.AutoUpdateTime == 0 && byValue(f.FieldType) {
			if was, _ := f.ValueOf(ctx, bv); was == v {
				continue
			}
		}
		if len(args) > 0 {
			sb.WriteString(", ")
		}
		args = append(args, v)
		sb.WriteString(f.DBName + " = " + d.placeholder(len(args)))
	}
	if len(args) == 0 {
		return nil // nothing to write (a model without an update time)
	}
	id, _ := ru.pk.ValueOf(ctx, rv)
	args = append(args, id)
	sb.WriteString(" WHERE " + ru.pk.DBName + " = " + d.placeholder(len(args)))
	_, err := tx.Statement.ConnPool.ExecContext(ctx, sb.String(), args...)
	return err
}

// byValue tells whether a field of type t is held by value, so that a copy
// of the struct keeps its own (updateRow compares such fields only).
func byValue(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64, reflect.String:
		return true
	}
	return t == reflect.TypeFor[time.Time]()
}
