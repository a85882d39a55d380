package web

import (
	"net/http"

	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/readers"
)

// Clearance 离校 (/staff/circ/readers/{id}/clearance): a reader who leaves
// — a graduate, a member of staff — is cleared when they have no loans and
// no debts; a deposit they hold is given back in the same transaction. The
// reader can borrow no more, and the printable certificate 离校证明
// (…/certificate) records what was checked and who cleared them
// (circ.readers; giving the deposit back needs circ.fees too).

// circClearanceData is the clearance page.
type circClearanceData struct {
	Reader     readers.Reader
	Categories categoryBook
	Check      readers.ClearanceCheck
	Fields     []circField
	Error      string
	CanFees    bool
}

// circClearance shows what stands between the reader and clearance, and
// the form that clears them.
func (s *Server) circClearance(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	f := newCircForm()
	f.Values["refund_deposit"] = "1"
	f.Values["desk"] = r.desk()
	s.renderClearance(r, http.StatusOK, id, f)
}

func (s *Server) renderClearance(r *req, status int, id int64, f circForm) {
	ctx, a := r.Context(), r.Actor()
	d := circClearanceData{CanFees: a.Can(auth.PermCircFees), Error: f.summary(r)}
	var err error
	if d.Reader, err = s.readers.Get(ctx, a, id); err != nil {
		r.fail(err)
		return
	}
	if d.Check, err = s.readers.CheckClearance(ctx, a, id); err != nil {
		r.fail(err)
		return
	}
	if d.Categories, err = s.loadCategories(ctx, r.Locale); err != nil {
		r.fail(err)
		return
	}
	const prefix = "circ.clearance."
	var fields []circField
	if d.Check.DepositFen > 0 {
		refund := f.field(r, prefix, "refund_deposit", "check")
		refund.Label = r.T("circ.clearance.refund_deposit", "Deposit", fees.FormatYuan(d.Check.DepositFen))
		method := f.field(r, prefix, "method", "select")
		method.Options = methodChoices(r, f.Values["method"])
		fields = append(fields, refund, method, f.field(r, prefix, "desk", "text"))
	}
	d.Fields = append(fields, f.field(r, prefix, "note", "text"))
	r.render(status, "circ_clearance", r.T("circ.clearance.title", "Name", d.Reader.Name), d)
}

// circClear clears the reader and shows the certificate.
func (s *Server) circClear(r *req) {
	id, ok := r.pathID("id")
	if !ok || !r.parseForm() {
		return
	}
	f := newCircForm()
	f.readValues(r, []string{"method", "desk", "note"}, []string{"refund_deposit"})
	_, err := s.readers.Clear(r.Context(), r.Actor(), id, readers.Clearance{RefundDeposit: f.Values["refund_deposit"] != "",
		Method: fees.Method(f.Values["method"]), Desk: f.Values["desk"], Note: f.Values["note"]})
	if err != nil {
		if !isFormError(err) || isReaderMissing(err) {
			r.fail(err)
			return
		}
		r.readerErrorIn(&f, err, "circ.clearance.", fieldMap(nil))
		s.renderClearance(r, formStatus(err), id, f)
		return
	}
	r.rememberDesk(f.Values["desk"])
	r.redirect(readerPath(id) + "/certificate?done=flash.reader_cleared")
}

// circCertificateData is the printable certificate.
type circCertificateData struct {
	Cert       readers.Certificate
	Categories categoryBook
	PrintedAt  string
}

// circCertificate shows the reader's clearance certificate for printing.
func (s *Server) circCertificate(r *req) {
	id, ok := r.pathID("id")
	if !ok {
		return
	}
	d := circCertificateData{}
	var err error
	if d.Cert, err = s.readers.ClearanceCertificate(r.Context(), r.Actor(), id); err != nil {
		r.fail(err)
		return
	}
	if d.Categories, err = s.loadCategories(r.Context(), r.Locale); err != nil {
		r.fail(err)
		return
	}
	r.render(http.StatusOK, "circ_certificate", r.T("circ.certificate.title")+" "+d.Cert.Number, d)
}
