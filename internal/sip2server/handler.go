package sip2server

import (
	"context"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
	"lantai.dev/lantai/internal/clock"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/i18n"
	"lantai.dev/lantai/internal/readers"
	"lantai.dev/lantai/internal/search"
	"lantai.dev/lantai/internal/sip2"
)

// PasswordChecker checks a patron's password (field AD) without opening a
// session: the password of the reader's account in the public catalogue.
// NewCirculation uses (*readers.Service).CheckPassword unless
// Deps.Passwords gives another.
type PasswordChecker interface {
	CheckPassword(ctx context.Context, a auth.Actor, readerID int64, password string) (bool, error)
}

// Deps are what the SIP2 circulation front door works with.
type Deps struct {
	DB      *db.DB
	Circ    *circ.Service
	Policy  *policy.Service
	Readers *readers.Service
	Fees    *fees.Service
	Catalog *catalog.Service
	// Search finds the record of a title-level hold named by its title
	// (field AJ); without it a hold names its record by item or by
	// record number only.
	Search *search.Engine
	Tr     *i18n.Catalog
	Log    *slog.Logger
	// Location is the library's time zone (Asia/Shanghai when nil): due
	// dates and transaction dates are sent in it.
	Location *time.Location
	// Passwords checks patron passwords; nil: Readers (its
	// CheckPassword).
	Passwords PasswordChecker
}

// Circulation answers the self-service messages of logged-in machines —
// patron status and information, checkout, checkin, renew, renew all,
// item information, item status update, fee paid, hold and end patron
// session — through the same service methods as the circulation desk:
// the machine's actor (door sip2, its login as name, the self-service
// permissions), its branch as the branch of every loan and return, and
// "sip2:"+login as the desk. It implements Handler and Supported.
type Circulation struct {
	db      *db.DB
	clock   clock.Clock
	circ    *circ.Service
	policy  *policy.Service
	readers *readers.Service
	fees    *fees.Service
	catalog *catalog.Service
	search  *search.Engine
	tr      *i18n.Catalog
	log     *slog.Logger
	loc     *time.Location
	pw      PasswordChecker

	verified sync.Map // password checks passed, see password.go

	codesMu  sync.Mutex
	codesAt  time.Time
	branches map[string]catalog.Code
}

// NewCirculation returns the SIP2 circulation front door over the
// services of d.
func NewCirculation(d Deps) *Circulation {
	c := &Circulation{db: d.DB, circ: d.Circ, policy: d.Policy, readers: d.Readers, fees: d.Fees, catalog: d.Catalog,
		search: d.Search, tr: d.Tr, log: d.Log, loc: d.Location, pw: d.Passwords}
	if c.log == nil {
		c.log = slog.New(slog.DiscardHandler)
	}
	if c.loc == nil {
		c.loc = rules.DefaultLocation()
	}
	if c.tr == nil {
		c.tr = i18n.MustLoad()
	}
	if d.DB != nil {
		c.clock = d.DB.Clock()
	}
	if c.clock == nil {
		c.clock = clock.System{}
	}
	if c.pw == nil && d.Readers != nil {
		if pc, ok := any(d.Readers).(PasswordChecker); ok {
			c.pw = pc
		}
	}
	return c
}

// SupportedCodes lists the requests Circulation answers (Supported).
func (c *Circulation) SupportedCodes() []string {
	return []string{"23", "11", "09", "63", "35", "37", "17", "19", "15", "29", "65"}
}

// Handle answers one request of a logged-in machine (Handler). Whatever
// happens — an unknown patron or item, a refusal, bad input, an internal
// error, even a panic — the machine gets the protocol's answer, negative
// when it must be, with screen messages (AF) that say why in the
// patron's language; an internal error is logged and never shown. Only a
// message that is not a request of a machine gives nil.
func (c *Circulation) Handle(ctx context.Context, s *Session, m sip2.Message) (answer sip2.Message, err error) {
	defer func() {
		if p := recover(); p != nil {
			c.log.Error("sip2 handler panic", "code", m.Code(), "machine", s.Machine.Login, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			x := c.call(ctx, s, m.Code())
			answer, err = negative(x, m, []string{x.t(keyInternal)}), nil
		}
	}()
	switch m := m.(type) {
	case *sip2.PatronStatusRequest:
		return c.patronStatus(ctx, s, m), nil
	case *sip2.PatronInformation:
		return c.patronInformation(ctx, s, m), nil
	case *sip2.Checkout:
		return c.checkout(ctx, s, m), nil
	case *sip2.Checkin:
		return c.checkin(ctx, s, m), nil
	case *sip2.Renew:
		return c.renew(ctx, s, m), nil
	case *sip2.RenewAll:
		return c.renewAll(ctx, s, m), nil
	case *sip2.ItemInformation:
		return c.itemInformation(ctx, s, m), nil
	case *sip2.ItemStatusUpdate:
		return c.itemStatusUpdate(ctx, s, m), nil
	case *sip2.FeePaid:
		return c.feePaid(ctx, s, m), nil
	case *sip2.Hold:
		return c.hold(ctx, s, m), nil
	case *sip2.EndPatronSession:
		return c.endSession(ctx, s, m), nil
	case *sip2.BlockPatron:
		return c.blockPatron(ctx, s, m), nil
	case *sip2.PatronEnable:
		return c.patronEnable(ctx, s, m), nil
	}
	return nil, nil
}

// The screen messages of this front door. Refusals and other domain errors
// are told with their own keys (circ_refusal.*, error.*).
const (
	keyInternal        = "sip2.msg.internal"
	keyPatronRequired  = "sip2.msg.patron_required"
	keyItemRequired    = "sip2.msg.item_required"
	keyPasswordWrong   = "sip2.msg.password_wrong"
	keyCheckedOut      = "sip2.msg.checked_out"
	keyRenewed         = "sip2.msg.renewed"
	keyCheckoutRefused = "sip2.msg.checkout_refused"
	keyNoRenewalHere   = "sip2.msg.no_renewal_here"
	keyCheckedIn       = "sip2.msg.checked_in"
	keyNotOnLoan       = "sip2.msg.not_on_loan"
	keyFine            = "sip2.msg.fine"
	keyToHoldShelf     = "sip2.msg.to_hold_shelf"
	keyToBranch        = "sip2.msg.to_branch"
	keyFound           = "sip2.msg.found"
	keyCheckinRefused  = "sip2.msg.checkin_refused"
	keyRenewRefused    = "sip2.msg.renew_refused"
	keyRenewedAll      = "sip2.msg.renewed_all"
	keyUnrenewed       = "sip2.msg.unrenewed"
	keyNoLoanTitled    = "sip2.msg.no_loan_titled"
	keyItemStatus      = "sip2.msg.item_status"
	keyPropsSaved      = "sip2.msg.properties_saved"
	keyPropsTooLong    = "sip2.msg.properties_too_long"
	keyFeePaid         = "sip2.msg.fee_paid"
	keyFeeRefused      = "sip2.msg.fee_refused"
	keyFeeRepeated     = "sip2.msg.fee_repeated"
	keyAmountInvalid   = "sip2.msg.amount_invalid"
	keyCurrency        = "sip2.msg.currency_unsupported"
	keyFeeIDInvalid    = "sip2.msg.fee_id_invalid"
	keyHoldPlaced      = "sip2.msg.hold_placed"
	keyHoldCancelled   = "sip2.msg.hold_cancelled"
	keyHoldChanged     = "sip2.msg.hold_changed"
	keyHoldRefused     = "sip2.msg.hold_refused"
	keyHoldNotFound    = "sip2.msg.hold_not_found"
	keyHoldTarget      = "sip2.msg.hold_target"
	keyHoldNoChange    = "sip2.msg.hold_change_unsupported"
	keyTitleNotFound   = "sip2.msg.title_not_found"
	keyTitleAmbiguous  = "sip2.msg.title_ambiguous"
	keyDateInvalid     = "sip2.msg.date_invalid"
	keyFeesOwed        = "sip2.msg.fees_owed"
	keyGoodbye         = "sip2.msg.goodbye"
)

// call is one request being answered: the machine's session, the
// patron's language and the moment.
type call struct {
	c      *Circulation
	ctx    context.Context
	s      *Session
	code   string
	locale string
	now    time.Time
}

func (c *Circulation) call(ctx context.Context, s *Session, code string) *call {
	locale := s.Language
	if locale == "" {
		locale = i18n.ZH
	}
	return &call{c: c, ctx: ctx, s: s, code: code, locale: locale, now: c.clock.Now()}
}

// t translates a screen message; args are name, value pairs.
func (x *call) t(key string, args ...any) string {
	var m map[string]any
	if len(args) > 0 {
		m = make(map[string]any, len(args)/2)
		for i := 0; i+1 < len(args); i += 2 {
			m[args[i].(string)] = args[i+1]
		}
	}
	return x.c.tr.T(x.locale, key, m)
}

// stamp is the transaction date of an answer: now, in the library's zone.
func (x *call) stamp() sip2.Timestamp { return x.timestamp(x.now) }

// timestamp writes a moment as a SIP2 date and time in the library's zone
// (blank time zone: the library's local time).
func (x *call) timestamp(t time.Time) sip2.Timestamp { return sip2.NewTimestamp(t.In(x.c.loc)) }

// dueDate writes a due date for the due date field (AH): a SIP2 date and
// time in the library's zone, as the specification's dates are written.
func (x *call) dueDate(t time.Time) string { return string(x.timestamp(t)) }

// day writes a moment for people: the local day, with the time when it is
// not the end of the day (hour loans).
func (x *call) day(t time.Time) string {
	l := t.In(x.c.loc)
	if l.Hour() == 23 && l.Minute() == 59 {
		return l.Format("2006-01-02")
	}
	return l.Format("2006-01-02 15:04")
}

// inst is the institution id of an answer: the request's, else the
// machine's.
func (x *call) inst(ao string) string {
	if ao != "" {
		return ao
	}
	return x.s.Machine.InstitutionID
}

// desk names the machine in loans, returns and payments.
func (x *call) desk() string { return "sip2:" + x.s.Machine.Login }

// explain turns the error of a service method into screen messages:
// heading (if any), then every refusal reason, or the domain error's
// message. An internal error is logged and told as such, never shown.
func (x *call) explain(err error, heading string) []string {
	var out []string
	if heading != "" {
		out = append(out, x.t(heading))
	}
	if refs, ok := circ.RefusalsOf(err); ok && len(refs) > 0 {
		for _, r := range refs {
			out = append(out, x.refusal(r))
		}
		return out
	}
	if e, ok := apperr.As(err); ok && e.Code != apperr.Internal {
		return append(out, x.c.tr.T(x.locale, e.Key, e.Args))
	}
	x.internal(err)
	return append(out, x.t(keyInternal))
}

// internal logs an internal error of the request.
func (x *call) internal(err error) {
	x.c.log.Error("sip2 request failed", "code", x.code, "machine", x.s.Machine.Login, "err", err)
}

// refusal translates one refusal reason with its figures; an item status
// among them is named in words.
func (x *call) refusal(r rules.Refusal) string {
	args := policy.RefusalArgs(r, x.c.loc)
	if st, ok := args["Status"].(string); ok && x.c.tr.Has(x.locale, "item_status."+st) {
		args["Status"] = x.c.tr.T(x.locale, "item_status."+st, nil)
	}
	return x.c.tr.T(x.locale, policy.RefusalKey(r.Reason), args)
}

// branchName names a branch in the patron's language (its code when
// unknown).
func (x *call) branchName(code string) string {
	c := x.c
	c.codesMu.Lock()
	stale := c.branches == nil || time.Since(c.codesAt) > time.Minute
	c.codesMu.Unlock()
	if stale && c.catalog != nil {
		list, err := c.catalog.Codes(x.ctx, catalog.Branches)
		if err == nil {
			m := make(map[string]catalog.Code, len(list))
			for _, b := range list {
				m[b.Code] = b
			}
			c.codesMu.Lock()
			c.branches, c.codesAt = m, time.Now()
			c.codesMu.Unlock()
		}
	}
	c.codesMu.Lock()
	defer c.codesMu.Unlock()
	if b, ok := c.branches[code]; ok {
		if n := b.Name(x.locale); n != "" {
			return n
		}
	}
	return code
}

// yuan writes fen as yuan with two decimals, as the fee amount fields
// (BV, CC) carry them.
func yuan(fen int64) string { return fees.FormatYuan(fen) }

// currency is the currency of every amount Lantai sends: fen are
// hundredths of a yuan.
const currency = "CNY"

// localeOf maps the language of a request to an interface language:
// Chinese (019, and Taiwanese 027) to zh-CN, English (001, and United
// Kingdom 024) to en; "" for the others, which get the default, zh-CN.
func localeOf(l sip2.Language) string {
	switch l {
	case sip2.LanguageChinese, sip2.LanguageTaiwanese:
		return i18n.ZH
	case sip2.LanguageEnglish, sip2.LanguageUnitedKingdom:
		return i18n.EN
	}
	return ""
}

// languageOf is the language code of an answer for an interface language.
func languageOf(locale string) sip2.Language {
	if locale == i18n.EN {
		return sip2.LanguageEnglish
	}
	return sip2.LanguageChinese
}

// trim cuts the blanks machines pad identifiers with.
func trim(s string) string { return strings.TrimSpace(s) }

// negative is the negative answer to a request, with screen messages,
// for when nothing better can be said (a panic while answering).
func negative(x *call, m sip2.Message, msgs []string) sip2.Message {
	ts := x.stamp()
	denied := unknownPatron()
	switch m := m.(type) {
	case *sip2.PatronStatusRequest:
		return &sip2.PatronStatusResponse{PatronStatus: denied, Language: languageOf(x.locale), TransactionDate: ts,
			InstitutionID: x.inst(m.InstitutionID), PatronID: m.PatronID, ScreenMessage: msgs}
	case *sip2.PatronInformation:
		return &sip2.PatronInformationResponse{PatronStatus: denied, Language: languageOf(x.locale), TransactionDate: ts,
			InstitutionID: x.inst(m.InstitutionID), PatronID: m.PatronID, ScreenMessage: msgs}
	case *sip2.Checkout:
		return &sip2.CheckoutResponse{MagneticMedia: sip2.Unknown, Desensitize: sip2.No, TransactionDate: ts,
			InstitutionID: x.inst(m.InstitutionID), PatronID: m.PatronID, ItemID: m.ItemID, ScreenMessage: msgs}
	case *sip2.Checkin:
		return &sip2.CheckinResponse{MagneticMedia: sip2.Unknown, Alert: true, TransactionDate: ts, InstitutionID: x.inst(m.InstitutionID),
			ItemID: m.ItemID, SortBin: SortBinStaff, AlertType: sip2.AlertOther, ScreenMessage: msgs}
	case *sip2.Renew:
		return &sip2.RenewResponse{MagneticMedia: sip2.Unknown, Desensitize: sip2.No, TransactionDate: ts,
			InstitutionID: x.inst(m.InstitutionID), PatronID: m.PatronID, ItemID: m.ItemID, TitleID: m.TitleID, ScreenMessage: msgs}
	case *sip2.RenewAll:
		return &sip2.RenewAllResponse{TransactionDate: ts, InstitutionID: x.inst(m.InstitutionID), ScreenMessage: msgs}
	case *sip2.ItemInformation:
		return &sip2.ItemInformationResponse{CirculationStatus: sip2.CirculationOther, SecurityMarker: securityMarker,
			FeeType: sip2.FeeOther, TransactionDate: ts, ItemID: m.ItemID, ScreenMessage: msgs}
	case *sip2.ItemStatusUpdate:
		return &sip2.ItemStatusUpdateResponse{TransactionDate: ts, ItemID: m.ItemID, ScreenMessage: msgs}
	case *sip2.FeePaid:
		return &sip2.FeePaidResponse{TransactionDate: ts, InstitutionID: x.inst(m.InstitutionID), PatronID: m.PatronID,
			TransactionID: m.TransactionID, ScreenMessage: msgs}
	case *sip2.Hold:
		return &sip2.HoldResponse{TransactionDate: ts, InstitutionID: x.inst(m.InstitutionID), PatronID: m.PatronID,
			ItemID: m.ItemID, TitleID: m.TitleID, ScreenMessage: msgs}
	case *sip2.EndPatronSession:
		return &sip2.EndSessionResponse{EndSession: true, TransactionDate: ts, InstitutionID: x.inst(m.InstitutionID),
			PatronID: m.PatronID, ScreenMessage: msgs}
	case *sip2.BlockPatron:
		return &sip2.PatronStatusResponse{PatronStatus: denied, Language: languageOf(x.locale), TransactionDate: ts,
			InstitutionID: x.inst(m.InstitutionID), PatronID: m.PatronID, ScreenMessage: msgs}
	case *sip2.PatronEnable:
		return &sip2.PatronEnableResponse{PatronStatus: denied, Language: languageOf(x.locale), TransactionDate: ts,
			InstitutionID: x.inst(m.InstitutionID), PatronID: m.PatronID, ScreenMessage: msgs}
	}
	return nil
}
