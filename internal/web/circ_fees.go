package web

import (
	"net/http"
	"strconv"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/readers"
)

// A reader's account 费用 (/staff/circ/readers/{id}/fees): the balance and
// the statement, and the forms of the fee desk — put a charge on the
// account, take a payment (in part or in whole, of one charge or of all,
// oldest first), accept a replacement copy 赔书 for a lost book, take or
// give back a deposit 押金 (circ.fees), waive a charge or refund money paid
// (circ.fees.waive, with a reason). Amounts are typed in yuan; every
// transaction has a receipt, shown for printing once it is recorded.

// circFeesData is a reader's account page.
type circFeesData struct {
	Reader     readers.Reader
	Categories categoryBook
	Account    fees.Statement
	Forms      []actionForm
	CanFees    bool
}

// feeFormSpec is a form of the account page: the fields it reads (named
// with its prefix), and the permission it needs.
type feeFormSpec struct {
	Code   string
	Perm   auth.Permission
	Fields []string
}

var feeFormSpecs = []feeFormSpec{
	{"pay", auth.PermCircFees, []string{"pay_entry", "pay_amount", "pay_method", "pay_desk", "pay_note"}},
	{"charge", auth.PermCircFees, []string{"charge_kind", "charge_amount", "charge_note"}},
	{"waive", auth.PermCircWaive, []string{"waive_entry", "waive_amount", "waive_reason", "waive_desk"}},
	{"refund", auth.PermCircWaive, []string{"refund_entry", "refund_amount", "refund_method", "refund_desk", "refund_reason"}},
	{"replacement", auth.PermCircFees, []string{"replacement_entry", "replacement_note", "replacement_desk"}},
	{"deposit", auth.PermCircFees, []string{"deposit_amount", "deposit_method", "deposit_desk", "deposit_note"}},
	{"deposit_refund", auth.PermCircFees, []string{"deposit_refund_amount", "deposit_refund_method", "deposit_refund_desk", "deposit_refund_note"}},
}

func feeFormSpecOf(code string) feeFormSpec {
	for _, sp := range feeFormSpecs {
		if sp.Code == code {
			return sp
		}
	}
	panic("web: no fee form " + code)
}

// circFees shows the account and the forms the person may use.
func (s *Server) circFees(r *req) {
	if !r.readerView() {
		return
	}
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	s.renderFees(r, http.StatusOK, id, "", circForm{})
}

// renderFees shows reader id's account, with form failedCode as typed
// when it was refused.
func (s *Server) renderFees(r *req, status int, id int64, failedCode string, failed circForm) {
	ctx, a := r.Context(), r.Actor()
	d := circFeesData{CanFees: a.Can(auth.PermCircFees)}
	var err error
	if d.Reader, err = s.readers.Get(ctx, a, id); err != nil {
		r.fail(err)
		return
	}
	if d.Account, err = s.fees.Statement(ctx, a, id); err != nil {
		r.fail(err)
		return
	}
	if d.Categories, err = s.loadCategories(ctx, r.Locale); err != nil {
		r.fail(err)
		return
	}
	base := readerPath(id) + "/fees/"
	for _, sp := range feeFormSpecs {
		if !a.Can(sp.Perm) {
			continue
		}
		f := newCircForm()
		if sp.Code == failedCode {
			f = failed
		} else {
			s.feeDefaults(r, sp, d.Account, f)
		}
		fields := feeFields(r, sp, f, d.Account)
		if fields == nil {
			continue
		}
		out := r.newAction("circ.fees.form.", sp.Code, base+strings.ReplaceAll(sp.Code, "_", "-"), f, fields...)
		out.Danger = sp.Perm == auth.PermCircWaive
		d.Forms = append(d.Forms, out)
	}
	r.render(status, "circ_fees", r.T("circ.fees.title", "Name", d.Reader.Name), d)
}

// feeDefaults fills a fresh form: the amount owed, the desk remembered,
// cash.
func (s *Server) feeDefaults(r *req, sp feeFormSpec, st fees.Statement, f circForm) {
	desk := r.desk()
	for _, name := range sp.Fields {
		switch {
		case strings.HasSuffix(name, "_desk"):
			f.Values[name] = desk
		case strings.HasSuffix(name, "_method"):
			f.Values[name] = string(fees.MethodCash)
		}
	}
	if sp.Code == "pay" && st.OwedFen > 0 {
		f.Values["pay_amount"] = fees.FormatYuan(st.OwedFen)
	}
}

// feeFields builds the fields of a fee form; nil when the form has
// nothing to act on (no charge to pay, no deposit to give back, …).
func feeFields(r *req, sp feeFormSpec, f circForm, st fees.Statement) []circField {
	const prefix = "circ.fees."
	var owing, refundable, lost []fees.EntryState
	for _, e := range st.Entries {
		if e.OutstandingFen > 0 {
			owing = append(owing, e)
			if e.Kind == fees.KindLost {
				lost = append(lost, e)
			}
		}
		if e.RefundableFen() > 0 {
			refundable = append(refundable, e)
		}
	}
	switch sp.Code {
	case "pay", "waive":
		if len(owing) == 0 {
			return nil
		}
	case "refund":
		if len(refundable) == 0 {
			return nil
		}
	case "replacement":
		if len(lost) == 0 {
			return nil
		}
	case "deposit_refund":
		if st.DepositFen <= 0 {
			return nil
		}
	}
	var out []circField
	for _, name := range sp.Fields {
		kind, short := "text", name[strings.LastIndex(name, "_")+1:]
		switch short {
		case "amount":
			kind = "yuan"
		case "method", "entry", "kind":
			kind = "select"
		}
		// Labels and hints: the form's own (circ.fees.waive_amount), else
		// the common one (circ.fees.amount).
		fl := circField{Name: name, Kind: kind, Value: f.Values[name], Error: f.Errors[name]}
		fl.Label = r.T(prefix + short)
		if r.s.tr.Has(r.Locale, prefix+name) {
			fl.Label = r.T(prefix + name)
		}
		if r.s.tr.Has(r.Locale, prefix+name+"_hint") {
			fl.Hint = r.T(prefix + name + "_hint")
		} else if r.s.tr.Has(r.Locale, prefix+short+"_hint") {
			fl.Hint = r.T(prefix + short + "_hint")
		}
		switch short {
		case "method":
			fl.Options = methodChoices(r, f.Values[name])
		case "kind":
			values := make([]string, 0, len(fees.Kinds))
			for _, k := range fees.Kinds {
				values = append(values, string(k))
			}
			fl.Options = choices(f.Values[name], values, func(v string) string { return r.catName("fee_kind.", v) })
		case "entry":
			switch sp.Code {
			case "pay", "waive":
				fl.Options = entryChoices(r, f.Values[name], owing, r.T("circ.fees.all_owing"), func(e fees.EntryState) int64 { return e.OutstandingFen })
			case "refund":
				fl.Options = entryChoices(r, f.Values[name], refundable, "", func(e fees.EntryState) int64 { return e.RefundableFen() })
			case "replacement":
				fl.Options = entryChoices(r, f.Values[name], lost, "", func(e fees.EntryState) int64 { return e.OutstandingFen })
			}
		case "amount", "reason":
			fl.Required = sp.Code == "charge" || sp.Code == "deposit" || short == "reason" || sp.Code == "pay"
		}
		out = append(out, fl)
	}
	return out
}

// entryChoices are the options of a charge select: blank (when not "")
// for all of them, then each charge with the amount that matters.
func entryChoices(r *req, selected string, list []fees.EntryState, blank string, amount func(fees.EntryState) int64) []circOption {
	var out []circOption
	if blank != "" {
		out = append(out, circOption{Value: "", Label: blank, Selected: selected == ""})
	}
	for _, e := range list {
		id := strconv.FormatInt(e.ID, 10)
		label := r.T("circ.fees.entry_option", "ID", e.ID, "Kind", r.catName("fee_kind.", string(e.Kind)), "Yuan", fees.FormatYuan(amount(e)))
		if e.Note != "" {
			label += " · " + e.Note
		}
		out = append(out, circOption{Value: id, Label: label, Selected: selected == id})
	}
	return out
}

// feePost runs a form of the account page posted as code: run reads the
// form and calls the service, and returns the receipt number of the
// transaction recorded ("" for a charge). The receipt follows, or the
// account page with the form and its error.
func (s *Server) feePost(r *req, code string, run func(id int64, f *circForm) (string, error)) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	sp := feeFormSpecOf(code)
	f := newCircForm()
	f.readValues(r, sp.Fields, nil)
	receipt, err := run(id, &f)
	if err == nil && !f.failed() {
		r.rememberDesk(f.Values[code+"_desk"])
		a := r.Actor()
		switch {
		case receipt != "" && a.Can(auth.PermCircFees):
			r.redirect("/staff/circ/receipts/" + receipt + "?done=flash.fee_" + code)
		case a.CanAny(readerViewPerms...):
			r.redirect(readerPath(id) + "/fees?done=flash.fee_" + code)
		default:
			// May waive but neither see receipts nor accounts.
			r.redirect("/staff/?done=flash.fee_" + code)
		}
		return
	}
	status := http.StatusUnprocessableEntity
	if err != nil {
		if !isFormError(err) || isReaderMissing(err) {
			r.fail(err)
			return
		}
		status = formStatus(err)
		if !r.Actor().CanAny(readerViewPerms...) {
			// Someone who may waive but not see accounts: the refusal on
			// its own page.
			r.fail(err)
			return
		}
		r.readerErrorIn(&f, err, "circ.fees.", func(field string) string { return code + "_" + field })
	} else if !r.Actor().CanAny(readerViewPerms...) {
		r.fail(apperr.New(apperr.Invalid, "error.circ_yuan", "Value", f.Values[code+"_amount"]).WithField(code + "_amount"))
		return
	}
	s.renderFees(r, status, id, code, f)
}

// entryIDs reads the charge chosen in field ("" for all).
func entryIDs(f circForm, field string) []int64 {
	id, err := strconv.ParseInt(f.Values[field], 10, 64)
	if err != nil || id <= 0 {
		return nil
	}
	return []int64{id}
}

// entryID reads the one charge chosen in field (0 for none).
func entryID(f circForm, field string) int64 {
	if ids := entryIDs(f, field); len(ids) == 1 {
		return ids[0]
	}
	return 0
}

// circFeeCharge puts a charge on the account.
func (s *Server) circFeeCharge(r *req) {
	s.feePost(r, "charge", func(id int64, f *circForm) (string, error) {
		amount := f.fen(r, "charge_amount", 0)
		if f.failed() {
			return "", nil
		}
		_, err := s.fees.Charge(r.Context(), r.Actor(), fees.Charge{ReaderID: id, Kind: fees.Kind(f.Values["charge_kind"]),
			AmountFen: amount, Note: f.Values["charge_note"]})
		return "", err
	})
}

// circFeePay takes a payment.
func (s *Server) circFeePay(r *req) {
	s.feePost(r, "pay", func(id int64, f *circForm) (string, error) {
		amount := f.fen(r, "pay_amount", 0)
		if f.failed() {
			return "", nil
		}
		rc, err := s.fees.Pay(r.Context(), r.Actor(), fees.Payment{ReaderID: id, AmountFen: amount, EntryIDs: entryIDs(*f, "pay_entry"),
			Method: fees.Method(f.Values["pay_method"]), Desk: f.Values["pay_desk"], Note: f.Values["pay_note"]})
		return rc.ReceiptNo, err
	})
}

// circFeeWaive forgives charges.
func (s *Server) circFeeWaive(r *req) {
	s.feePost(r, "waive", func(id int64, f *circForm) (string, error) {
		amount := f.fen(r, "waive_amount", 0)
		if f.failed() {
			return "", nil
		}
		rc, err := s.fees.Waive(r.Context(), r.Actor(), fees.Waiver{ReaderID: id, AmountFen: amount, EntryIDs: entryIDs(*f, "waive_entry"),
			Reason: f.Values["waive_reason"], Desk: f.Values["waive_desk"]})
		return rc.ReceiptNo, err
	})
}

// circFeeRefund gives back money paid against a charge.
func (s *Server) circFeeRefund(r *req) {
	s.feePost(r, "refund", func(id int64, f *circForm) (string, error) {
		amount := f.fen(r, "refund_amount", 0)
		if f.failed() {
			return "", nil
		}
		rc, err := s.fees.Refund(r.Context(), r.Actor(), fees.Refund{ReaderID: id, EntryID: entryID(*f, "refund_entry"), AmountFen: amount,
			Method: fees.Method(f.Values["refund_method"]), Desk: f.Values["refund_desk"], Reason: f.Values["refund_reason"]})
		return rc.ReceiptNo, err
	})
}

// circFeeReplacement settles a lost book's charge with a copy the reader
// brought.
func (s *Server) circFeeReplacement(r *req) {
	s.feePost(r, "replacement", func(id int64, f *circForm) (string, error) {
		rc, err := s.fees.AcceptReplacement(r.Context(), r.Actor(), fees.ReplacementCopy{ReaderID: id,
			EntryID: entryID(*f, "replacement_entry"), Note: f.Values["replacement_note"], Desk: f.Values["replacement_desk"]})
		return rc.ReceiptNo, err
	})
}

// circFeeDeposit takes a deposit.
func (s *Server) circFeeDeposit(r *req) {
	s.feePost(r, "deposit", func(id int64, f *circForm) (string, error) {
		amount := f.fen(r, "deposit_amount", 0)
		if f.failed() {
			return "", nil
		}
		rc, err := s.fees.TakeDeposit(r.Context(), r.Actor(), fees.Deposit{ReaderID: id, AmountFen: amount,
			Method: fees.Method(f.Values["deposit_method"]), Desk: f.Values["deposit_desk"], Note: f.Values["deposit_note"]})
		return rc.ReceiptNo, err
	})
}

// circFeeDepositRefund gives a deposit back (blank: all of it).
func (s *Server) circFeeDepositRefund(r *req) {
	s.feePost(r, "deposit_refund", func(id int64, f *circForm) (string, error) {
		amount := f.fen(r, "deposit_refund_amount", 0)
		if f.failed() {
			return "", nil
		}
		rc, err := s.fees.RefundDeposit(r.Context(), r.Actor(), fees.Deposit{ReaderID: id, AmountFen: amount,
			Method: fees.Method(f.Values["deposit_refund_method"]), Desk: f.Values["deposit_refund_desk"], Note: f.Values["deposit_refund_note"]})
		return rc.ReceiptNo, err
	})
}
