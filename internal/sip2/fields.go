package sip2

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Field is one variable-length field: its two-character identifier and its
// value, without the "|" terminator.
type Field struct {
	ID    string
	Value string
}

// NoSeq is the Meta.Seq of a message without a sequence number.
const NoSeq = -1

// Meta holds what every message has besides its own fields. Every message
// struct embeds it.
type Meta struct {
	// Seq is the sequence number (AY), 0 to 9, or NoSeq if the message had
	// none. A response carries the sequence number of its request. With
	// error detection, Format writes it before the checksum; a message
	// built in code without setting it is sent with sequence number 0.
	Seq int
	// Unknown holds the variable-length fields that the message type does
	// not model (vendor extensions, fields of other messages, repeated
	// single fields), in the order they came; Format writes them back.
	// A field that does not begin with two printable ASCII characters,
	// such as an empty one ("||"), has an empty ID and all of it in Value.
	Unknown []Field
	// FieldOrder, set by Parse, lists the identifiers of the variable
	// fields in the order they came (unknown fields included). Format
	// follows it, so that a parsed message is written back as it was
	// received, empty optional fields included; fields set later that are
	// not listed follow in the specification's order. Leave it nil for a
	// message built in code.
	FieldOrder []string
}

// Metadata returns m.
func (m *Meta) Metadata() *Meta { return m }

// Timestamp is a fixed-length SIP2 date and time, 18 characters
// "YYYYMMDDZZZZHHMMSS": year, month, day, a four-character time zone (blanks
// for the local time of the library, "   Z" for UTC) and hour, minute,
// second. The empty Timestamp stands for a date sent as 18 blanks, which
// machines send for dates they do not have (such as the no-block due date of
// an on-line checkout); "00000000    000000" is accepted for the same.
// Parse checks the digits, the ranges of month, day, hour, minute and
// second, and that the time zone is blanks or capital letters.
type Timestamp string

const (
	blankTimestamp = "                  "
	zeroTimestamp  = "00000000    000000"
)

// NewTimestamp returns t as a local-time Timestamp (blank time zone), in
// t's own location.
func NewTimestamp(t time.Time) Timestamp {
	return Timestamp(t.Format("20060102") + "    " + t.Format("150405"))
}

// NewTimestampUTC returns t in UTC as a Timestamp with time zone "   Z".
func NewTimestampUTC(t time.Time) Timestamp {
	t = t.UTC()
	return Timestamp(t.Format("20060102") + "   Z" + t.Format("150405"))
}

// ParseTimestamp checks that s is a SIP2 date and time and returns it; 18
// blanks give the empty Timestamp.
func ParseTimestamp(s string) (Timestamp, error) {
	if detail, ok := checkTimestamp(s); !ok {
		if detail != "" {
			detail = " (" + detail + ")"
		}
		return "", fmt.Errorf(`sip2: want 18 characters "YYYYMMDDZZZZHHMMSS"%s, got %q`, detail, s)
	}
	if s == blankTimestamp {
		s = ""
	}
	return Timestamp(s), nil
}

// IsZero reports whether ts holds no date: empty, blanks, or all zeros.
func (ts Timestamp) IsZero() bool {
	return strings.TrimSpace(string(ts)) == "" || ts == zeroTimestamp
}

// Time returns ts as a time.Time: in UTC if its time zone is "Z", "UTC" or
// "GMT", otherwise in loc, the library's local time zone (time.Local if
// nil). An empty or all-zero Timestamp gives the zero time.
func (ts Timestamp) Time(loc *time.Location) (time.Time, error) {
	if ts.IsZero() {
		return time.Time{}, nil
	}
	if detail, ok := checkTimestamp(string(ts)); !ok {
		return time.Time{}, fmt.Errorf("sip2: bad timestamp %q: %s", string(ts), detail)
	}
	if loc == nil {
		loc = time.Local
	}
	switch strings.TrimSpace(string(ts[8:12])) {
	case "Z", "UTC", "GMT":
		loc = time.UTC
	}
	n := func(i, j int) int { v, _ := strconv.Atoi(string(ts[i:j])); return v }
	return time.Date(n(0, 4), time.Month(n(4, 6)), n(6, 8), n(12, 14), n(14, 16), n(16, 18), 0, loc), nil
}

// checkTimestamp reports whether s is a valid SIP2 timestamp and, if not,
// what is wrong with it when that is more than its shape.
func checkTimestamp(s string) (detail string, ok bool) {
	if len(s) != 18 {
		return "", false
	}
	if s == blankTimestamp || s == zeroTimestamp {
		return "", true
	}
	for i := 0; i < 18; i++ {
		c := s[i]
		if i >= 8 && i < 12 {
			if c != ' ' && (c < 'A' || c > 'Z') {
				return "time zone must be blanks or letters", false
			}
		} else if c < '0' || c > '9' {
			return fmt.Sprintf("digit expected at offset %d", i), false
		}
	}
	n := func(i, j int) int { v, _ := strconv.Atoi(s[i:j]); return v }
	year, month, day := n(0, 4), n(4, 6), n(6, 8)
	switch {
	case month < 1 || month > 12:
		return fmt.Sprintf("month %02d", month), false
	case day < 1 || day > time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day():
		return fmt.Sprintf("day %02d of month %02d", day, month), false
	case n(12, 14) > 23:
		return fmt.Sprintf("hour %s", s[12:14]), false
	case n(14, 16) > 59:
		return fmt.Sprintf("minute %s", s[14:16]), false
	case n(16, 18) > 59:
		return fmt.Sprintf("second %s", s[16:18]), false
	}
	return "", true
}

// Tristate is a yes/no value that may be unknown. As a fixed-length field
// (magnetic media, desensitize) it is sent as "Y", "N" or "U". As a
// variable-length field (fee acknowledged, cancel, valid patron, ...)
// Unknown means the field is not sent, and "Y" and "N" are its values.
type Tristate uint8

// Tristate values.
const (
	Unknown Tristate = iota
	Yes
	No
)

// TristateOf returns Yes for true and No for false.
func TristateOf(b bool) Tristate {
	if b {
		return Yes
	}
	return No
}

// String returns "Y", "N" or "U".
func (t Tristate) String() string {
	switch t {
	case Yes:
		return "Y"
	case No:
		return "N"
	}
	return "U"
}

func parseFlagValue(s string) (Tristate, bool) {
	switch s {
	case "Y":
		return Yes, true
	case "N":
		return No, true
	case "":
		return Unknown, true
	}
	return Unknown, false
}

// Language is the three-digit language code of a message (fixed field
// "language"); the empty Language is sent as "000", unknown.
type Language string

// Language codes of the specification.
const (
	LanguageUnknown              Language = "000"
	LanguageEnglish              Language = "001"
	LanguageFrench               Language = "002"
	LanguageGerman               Language = "003"
	LanguageItalian              Language = "004"
	LanguageDutch                Language = "005"
	LanguageSwedish              Language = "006"
	LanguageFinnish              Language = "007"
	LanguageSpanish              Language = "008"
	LanguageDanish               Language = "009"
	LanguagePortuguese           Language = "010"
	LanguageCanadianFrench       Language = "011"
	LanguageNorwegian            Language = "012"
	LanguageHebrew               Language = "013"
	LanguageJapanese             Language = "014"
	LanguageRussian              Language = "015"
	LanguageArabic               Language = "016"
	LanguagePolish               Language = "017"
	LanguageGreek                Language = "018"
	LanguageChinese              Language = "019"
	LanguageKorean               Language = "020"
	LanguageNorthAmericanSpanish Language = "021"
	LanguageTamil                Language = "022"
	LanguageMalay                Language = "023"
	LanguageUnitedKingdom        Language = "024"
	LanguageIcelandic            Language = "025"
	LanguageBelgian              Language = "026"
	LanguageTaiwanese            Language = "027"
)

// PatronStatus is the 14-character patron status of responses 24, 26 and
// 64: each position is "Y" when the condition holds and a blank when not
// (Parse also takes "N" for a blank). Index it with the PatronStatus
// constants, such as st[CardReportedLost].
type PatronStatus [14]bool

// Positions in a PatronStatus.
const (
	ChargePrivilegesDenied = iota
	RenewalPrivilegesDenied
	RecallPrivilegesDenied
	HoldPrivilegesDenied
	CardReportedLost
	TooManyItemsCharged
	TooManyItemsOverdue
	TooManyRenewals
	TooManyClaimsOfItemsReturned
	TooManyItemsLost
	ExcessiveOutstandingFines
	ExcessiveOutstandingFees
	RecallOverdue
	TooManyItemsBilled
)

// Summary is the 10-character summary of a patron information request (63):
// a "Y" in one of the first six positions asks for the list of that kind of
// item in the response; the last four are reserved. Other positions are
// blanks (Parse also takes "N"). Index it with the Summary constants, such
// as s[SummaryChargedItems].
type Summary [10]bool

// Positions in a Summary, and the response field each one asks for.
const (
	SummaryHoldItems            = iota // AS
	SummaryOverdueItems                // AT
	SummaryChargedItems                // AU
	SummaryFineItems                   // AV
	SummaryRecallItems                 // BU
	SummaryUnavailableHoldItems        // CD
)

// Requested returns the position of the first item list the summary asks
// for (SummaryHoldItems ... SummaryUnavailableHoldItems), or -1 if none.
func (s Summary) Requested() int {
	for i := 0; i <= SummaryUnavailableHoldItems; i++ {
		if s[i] {
			return i
		}
	}
	return -1
}

// CirculationStatus is the two-digit circulation status of an item
// (item information response, 18).
type CirculationStatus string

// Circulation status codes of the specification.
const (
	CirculationOther           CirculationStatus = "01"
	CirculationOnOrder         CirculationStatus = "02"
	CirculationAvailable       CirculationStatus = "03"
	CirculationCharged         CirculationStatus = "04"
	CirculationChargedNoRecall CirculationStatus = "05" // charged; not to be recalled until earliest recall date
	CirculationInProcess       CirculationStatus = "06"
	CirculationRecalled        CirculationStatus = "07"
	CirculationOnHoldShelf     CirculationStatus = "08" // waiting on hold shelf
	CirculationToBeReshelved   CirculationStatus = "09" // waiting to be re-shelved
	CirculationInTransit       CirculationStatus = "10" // in transit between library locations
	CirculationClaimedReturned CirculationStatus = "11"
	CirculationLost            CirculationStatus = "12"
	CirculationMissing         CirculationStatus = "13"
)

// SecurityMarker is the two-digit kind of security marker in an item.
type SecurityMarker string

// Security marker codes of the specification.
const (
	SecurityOther       SecurityMarker = "00"
	SecurityNone        SecurityMarker = "01"
	SecurityTattleTape  SecurityMarker = "02"
	SecurityWhisperTape SecurityMarker = "03"
)

// FeeType is the two-digit kind of a fee: a fixed field of messages 18 and
// 37, the variable field BT of messages 12 and 30.
type FeeType string

// Fee type codes of the specification.
const (
	FeeOther          FeeType = "01" // other or unknown
	FeeAdministrative FeeType = "02"
	FeeDamage         FeeType = "03"
	FeeOverdue        FeeType = "04"
	FeeProcessing     FeeType = "05"
	FeeRental         FeeType = "06"
	FeeReplacement    FeeType = "07"
	FeeComputerAccess FeeType = "08"
	FeeHold           FeeType = "09"
)

// PaymentType is the two-digit means of payment of a fee paid message (37).
type PaymentType string

// Payment type codes of the specification.
const (
	PaymentCash       PaymentType = "00"
	PaymentVISA       PaymentType = "01"
	PaymentCreditCard PaymentType = "02"
)

// MediaType is the three-digit media type of an item (field CK).
type MediaType string

// Media type codes of the specification.
const (
	MediaOther             MediaType = "000"
	MediaBook              MediaType = "001"
	MediaMagazine          MediaType = "002"
	MediaBoundJournal      MediaType = "003"
	MediaAudioTape         MediaType = "004"
	MediaVideoTape         MediaType = "005"
	MediaCD                MediaType = "006" // CD or CD-ROM
	MediaDiskette          MediaType = "007"
	MediaBookWithDiskette  MediaType = "008"
	MediaBookWithCD        MediaType = "009"
	MediaBookWithAudioTape MediaType = "010"
)

// AlertType is the two-digit reason for the alert of a checkin response
// (field CV, an extension of 3M's later SIP2 revisions that Koha, Evergreen
// and the sorters of automated returns use).
type AlertType string

// Alert type codes.
const (
	AlertUnknown    AlertType = "00"
	AlertLocalHold  AlertType = "01"
	AlertRemoteHold AlertType = "02"
	AlertILL        AlertType = "03" // interlibrary loan transfer
	AlertTransfer   AlertType = "04"
	AlertOther      AlertType = "99"
)

// HoldMode is the one-character action of a hold message (15); the empty
// HoldMode is sent as "+".
type HoldMode string

// Hold modes of the specification.
const (
	HoldAdd    HoldMode = "+"
	HoldDelete HoldMode = "-"
	HoldChange HoldMode = "*"
)

// HoldType is the one-digit kind of hold of a hold message (field BY).
type HoldType string

// Hold type codes of the specification.
const (
	HoldOther           HoldType = "1"
	HoldAnyCopy         HoldType = "2" // any copy of a title
	HoldSpecificCopy    HoldType = "3"
	HoldAnyCopyAtBranch HoldType = "4" // any copy at a single branch or sublocation
)

// StatusCode is the one-digit state of the machine in an SC status
// message (99).
type StatusCode string

// Status codes of the specification.
const (
	StatusOK         StatusCode = "0"
	StatusPrinterOut StatusCode = "1" // printer out of paper
	StatusShutdown   StatusCode = "2" // about to shut down
)

// The layout of a message type is read once, at start-up, from the struct
// tags of its fields:
//
//	sip2:"fixed,..."        a fixed-length field, in the order of the struct
//	sip2:"AO[,required]"    a variable-length field with its identifier
//	name:"institution id"   the field's name in the specification
//
// The Go type gives the kind of a field. Fixed-length: Timestamp (18),
// Tristate ("Y", "N", "U"), bool (option "yn" or "01"), int (width given,
// digits), a string type (width given; option "digits", "version" for
// "9.99", "oneof=CHARS", otherwise printable ASCII; "fill=C" pads an empty
// value, by default "0" for digits and a blank otherwise), an array of bool
// ("Y" or blank per position). Variable-length: a string type, Tristate
// ("Y"/"N", not sent when Unknown), or a slice of strings (a field that may
// repeat).

type fixedKind uint8

const (
	fixedDate fixedKind = iota + 1
	fixedYN
	fixed01
	fixedYNU
	fixedInt
	fixedString
	fixedFlags
)

type fixedSpec struct {
	index int
	name  string
	kind  fixedKind
	width int
	check string // for fixedString: "digits", "version", "oneof" or "" (printable)
	oneof string
	fill  byte
}

type varKind uint8

const (
	varString varKind = iota + 1
	varFlag
	varList
)

type varSpec struct {
	id       string
	name     string
	index    int
	kind     varKind
	required bool
}

type layout struct {
	code  string
	name  string
	typ   reflect.Type
	fixed []fixedSpec
	vars  []varSpec
	noSeq bool // the resend requests never carry a sequence number
}

var (
	registry = map[string]*layout{}
	byType   = map[reflect.Type]*layout{}
)

func init() {
	for _, m := range []Message{
		new(Login), new(LoginResponse),
		new(SCStatus), new(ACSStatus), new(RequestACSResend), new(RequestSCResend),
		new(PatronStatusRequest), new(PatronStatusResponse),
		new(PatronInformation), new(PatronInformationResponse),
		new(PatronEnable), new(PatronEnableResponse), new(BlockPatron),
		new(Checkout), new(CheckoutResponse),
		new(Checkin), new(CheckinResponse),
		new(Renew), new(RenewResponse), new(RenewAll), new(RenewAllResponse),
		new(ItemInformation), new(ItemInformationResponse),
		new(ItemStatusUpdate), new(ItemStatusUpdateResponse),
		new(FeePaid), new(FeePaidResponse),
		new(Hold), new(HoldResponse),
		new(EndPatronSession), new(EndSessionResponse),
	} {
		l := buildLayout(m)
		if registry[l.code] != nil {
			panic("sip2: two message types with code " + l.code)
		}
		registry[l.code] = l
		byType[l.typ] = l
	}
}

// Codes returns the identifiers of all message types the package knows,
// sorted.
func Codes() []string {
	codes := make([]string, 0, len(registry))
	for c := range registry {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	return codes
}

// New returns a new, empty message of the type with the given identifier,
// or nil if there is none.
func New(code string) Message {
	l := registry[code]
	if l == nil {
		return nil
	}
	return reflect.New(l.typ).Interface().(Message)
}

var (
	typeTimestamp = reflect.TypeFor[Timestamp]()
	typeTristate  = reflect.TypeFor[Tristate]()
	typeMeta      = reflect.TypeFor[Meta]()
)

func buildLayout(m Message) *layout {
	t := reflect.TypeOf(m).Elem()
	l := &layout{code: m.Code(), name: m.Name(), typ: t}
	l.noSeq = l.code == "96" || l.code == "97"
	bad := func(f reflect.StructField, why string) {
		panic(fmt.Sprintf("sip2: %s.%s: %s", t.Name(), f.Name, why))
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous && f.Type == typeMeta {
			continue
		}
		tag, ok := f.Tag.Lookup("sip2")
		if !ok {
			bad(f, "no sip2 tag")
		}
		name := f.Tag.Get("name")
		if name == "" {
			bad(f, "no name tag")
		}
		parts := strings.Split(tag, ",")
		opts := parts[1:]
		has := func(o string) bool {
			for _, p := range opts {
				if p == o {
					return true
				}
			}
			return false
		}
		if parts[0] == "fixed" {
			fs := fixedSpec{index: i, name: name, width: 1}
			for _, o := range opts {
				if n, err := strconv.Atoi(o); err == nil {
					fs.width = n
				}
				if c, ok := strings.CutPrefix(o, "oneof="); ok {
					fs.check, fs.oneof, fs.fill = "oneof", c, c[0]
				}
				if c, ok := strings.CutPrefix(o, "fill="); ok {
					fs.fill = c[0]
				}
			}
			switch {
			case f.Type == typeTimestamp:
				fs.kind, fs.width = fixedDate, 18
			case f.Type == typeTristate:
				fs.kind = fixedYNU
			case f.Type.Kind() == reflect.Bool && has("yn"):
				fs.kind = fixedYN
			case f.Type.Kind() == reflect.Bool && has("01"):
				fs.kind = fixed01
			case f.Type.Kind() == reflect.Int:
				fs.kind = fixedInt
			case f.Type.Kind() == reflect.String:
				fs.kind = fixedString
				switch {
				case has("digits"):
					fs.check = "digits"
				case has("version"):
					fs.check = "version"
				}
				if fs.fill == 0 {
					fs.fill = ' '
					if fs.check == "digits" {
						fs.fill = '0'
					}
				}
			case f.Type.Kind() == reflect.Array && f.Type.Elem().Kind() == reflect.Bool:
				fs.kind, fs.width = fixedFlags, f.Type.Len()
			default:
				bad(f, "no fixed-field kind for "+f.Type.String())
			}
			l.fixed = append(l.fixed, fs)
			continue
		}
		if len(parts[0]) != 2 {
			bad(f, "field identifier must have two characters")
		}
		vs := varSpec{id: parts[0], name: name, index: i, required: has("required")}
		switch {
		case f.Type == typeTristate:
			vs.kind = varFlag
		case f.Type.Kind() == reflect.String:
			vs.kind = varString
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.String:
			vs.kind = varList
		default:
			bad(f, "no variable-field kind for "+f.Type.String())
		}
		if l.varIndex(vs.id) >= 0 {
			bad(f, "field identifier "+vs.id+" used twice")
		}
		l.vars = append(l.vars, vs)
	}
	if len(l.vars) > 64 {
		panic("sip2: " + t.Name() + ": more than 64 variable fields")
	}
	return l
}

func (l *layout) varIndex(id string) int {
	for j := range l.vars {
		if l.vars[j].id == id {
			return j
		}
	}
	return -1
}

// describe says what the field must hold, for errors.
func (fs *fixedSpec) describe() string {
	switch fs.kind {
	case fixedDate:
		return `18 characters "YYYYMMDDZZZZHHMMSS"`
	case fixedYN:
		return `1 character "Y" or "N"`
	case fixed01:
		return `1 character "0" or "1"`
	case fixedYNU:
		return `1 character "Y", "N" or "U"`
	case fixedInt:
		return plural(fs.width, "digit")
	case fixedFlags:
		return plural(fs.width, "character") + ` "Y" or " "`
	}
	switch fs.check {
	case "digits":
		return plural(fs.width, "digit")
	case "version":
		return plural(fs.width, "character") + ` "9.99"`
	case "oneof":
		return plural(fs.width, "character") + fmt.Sprintf(" of %q", fs.oneof)
	}
	return plural(fs.width, "printable ASCII character")
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return strconv.Itoa(n) + " " + what + "s"
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// set stores s (exactly fs.width bytes) in f, or reports what is wrong.
func (fs *fixedSpec) set(f reflect.Value, s string) (detail string, ok bool) {
	switch fs.kind {
	case fixedDate:
		detail, ok := checkTimestamp(s)
		if !ok {
			return detail, false
		}
		if s == blankTimestamp {
			s = ""
		}
		f.SetString(s)
	case fixedYN, fixed01:
		yes, no := byte('Y'), byte('N')
		if fs.kind == fixed01 {
			yes, no = '1', '0'
		}
		switch s[0] {
		case yes:
			f.SetBool(true)
		case no:
			f.SetBool(false)
		default:
			return "", false
		}
	case fixedYNU:
		switch s[0] {
		case 'Y':
			f.SetUint(uint64(Yes))
		case 'N':
			f.SetUint(uint64(No))
		case 'U':
			f.SetUint(uint64(Unknown))
		default:
			return "", false
		}
	case fixedInt:
		if !allDigits(s) {
			return "", false
		}
		n, _ := strconv.Atoi(s)
		f.SetInt(int64(n))
	case fixedFlags:
		for i := 0; i < len(s); i++ {
			switch s[i] {
			case 'Y':
				f.Index(i).SetBool(true)
			case ' ', 'N':
				f.Index(i).SetBool(false)
			default:
				return fmt.Sprintf("offset %d", i), false
			}
		}
	case fixedString:
		switch fs.check {
		case "digits":
			if !allDigits(s) {
				return "", false
			}
		case "version":
			if !(len(s) == 4 && allDigits(s[:1]) && s[1] == '.' && allDigits(s[2:])) {
				return "", false
			}
		case "oneof":
			for i := 0; i < len(s); i++ {
				if !strings.ContainsRune(fs.oneof, rune(s[i])) {
					return "", false
				}
			}
		default:
			for i := 0; i < len(s); i++ {
				if !printable(s[i]) {
					return "", false
				}
			}
		}
		f.SetString(s)
	}
	return "", true
}

// appendValue appends the value of f, shaped to the field.
func (fs *fixedSpec) appendValue(b []byte, f reflect.Value) []byte {
	switch fs.kind {
	case fixedDate:
		return appendFixed(b, f.String(), 18, ' ')
	case fixedYN, fixed01:
		yes, no := byte('Y'), byte('N')
		if fs.kind == fixed01 {
			yes, no = '1', '0'
		}
		if f.Bool() {
			return append(b, yes)
		}
		return append(b, no)
	case fixedYNU:
		return append(b, Tristate(f.Uint()).String()...)
	case fixedInt:
		n, limit := f.Int(), int64(1)
		for i := 0; i < fs.width; i++ {
			limit *= 10
		}
		n = min(max(n, 0), limit-1)
		s := strconv.FormatInt(n, 10)
		for i := len(s); i < fs.width; i++ {
			b = append(b, '0')
		}
		return append(b, s...)
	case fixedFlags:
		for i := 0; i < f.Len(); i++ {
			if f.Index(i).Bool() {
				b = append(b, 'Y')
			} else {
				b = append(b, ' ')
			}
		}
		return b
	}
	s := f.String()
	if s == "" {
		for i := 0; i < fs.width; i++ {
			b = append(b, fs.fill)
		}
		return b
	}
	return appendFixed(b, s, fs.width, fs.fill)
}

// appendFixed appends s cut or padded with fill to width bytes; bytes that
// are not printable ASCII become fill, so the field keeps its width in any
// character set.
func appendFixed(b []byte, s string, width int, fill byte) []byte {
	for i := 0; i < width; i++ {
		c := fill
		if i < len(s) && printable(s[i]) {
			c = s[i]
		}
		b = append(b, c)
	}
	return b
}

func (vs *varSpec) value(f reflect.Value) string {
	if vs.kind == varFlag {
		switch Tristate(f.Uint()) {
		case Yes:
			return "Y"
		case No:
			return "N"
		}
		return ""
	}
	return f.String()
}

func (vs *varSpec) isSet(f reflect.Value) bool {
	if vs.kind == varFlag {
		t := Tristate(f.Uint())
		return t == Yes || t == No
	}
	return f.String() != ""
}
