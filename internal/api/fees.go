package api

import (
	"net/http"
	"time"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/fees"
)

// The fee ledger under /fees and /readers/{id}/fees: charges, payments
// (partial ones too), waivers, refunds, replacement copies 赔书, deposits
// 押金, receipts and the daily cash report. Amounts are in fen (分). The
// ledger is append-only: a mistake is put right by a waiver or a refund,
// never by changing a row. Charges, payments, replacement copies and
// deposits need circ.fees; waivers and refunds need circ.fees.waive.

func (s *Server) readerFees(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	st, err := s.fees.Statement(c.Context(), c.actor, id)
	if err != nil {
		return 0, nil, err
	}
	if st.Entries == nil {
		st.Entries = []fees.EntryState{}
	}
	if st.Transactions == nil {
		st.Transactions = []fees.Transaction{}
	}
	return http.StatusOK, st, nil
}

type chargeBody struct {
	ReaderID  int64  `json:"reader_id"`
	Kind      string `json:"kind"`
	AmountFen int64  `json:"amount_fen"`
	LoanID    int64  `json:"loan_id"`
	ItemID    int64  `json:"item_id"`
	Note      string `json:"note"`
}

func (s *Server) createCharge(c *call) (int, any, error) {
	var b chargeBody
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	e, err := s.fees.Charge(c.Context(), c.actor, fees.Charge{ReaderID: b.ReaderID, Kind: fees.Kind(b.Kind), AmountFen: b.AmountFen,
		LoanID: b.LoanID, ItemID: b.ItemID, Note: b.Note})
	return feeAnswer(e, err)
}

// feeAnswer answers a recorded charge or transaction with 201, and
// amount errors naming amount_fen, the body's field.
func feeAnswer(v any, err error) (int, any, error) {
	if e, ok := asField(err, "amount"); ok {
		return 0, nil, e.WithField("amount_fen")
	}
	if e, ok := asField(err, "item"); ok {
		return 0, nil, e.WithField("item_id")
	}
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, v, nil
}

type paymentBody struct {
	ReaderID  int64   `json:"reader_id"`
	AmountFen int64   `json:"amount_fen"`
	EntryIDs  []int64 `json:"entry_ids"`
	Method    string  `json:"method"`
	Desk      string  `json:"desk"`
	Note      string  `json:"note"`
}

func (s *Server) createPayment(c *call) (int, any, error) {
	var b paymentBody
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	r, err := s.fees.Pay(c.Context(), c.actor, fees.Payment{ReaderID: b.ReaderID, AmountFen: b.AmountFen, EntryIDs: b.EntryIDs,
		Method: fees.Method(b.Method), Desk: b.Desk, Note: b.Note})
	return feeAnswer(r, err)
}

type waiverBody struct {
	ReaderID  int64   `json:"reader_id"`
	AmountFen int64   `json:"amount_fen"`
	EntryIDs  []int64 `json:"entry_ids"`
	Reason    string  `json:"reason"`
	Desk      string  `json:"desk"`
}

func (s *Server) createWaiver(c *call) (int, any, error) {
	var b waiverBody
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	r, err := s.fees.Waive(c.Context(), c.actor, fees.Waiver{ReaderID: b.ReaderID, AmountFen: b.AmountFen, EntryIDs: b.EntryIDs,
		Reason: b.Reason, Desk: b.Desk})
	return feeAnswer(r, err)
}

type refundBody struct {
	ReaderID  int64  `json:"reader_id"`
	EntryID   int64  `json:"entry_id"`
	AmountFen int64  `json:"amount_fen"`
	Method    string `json:"method"`
	Desk      string `json:"desk"`
	Reason    string `json:"reason"`
}

func (s *Server) createRefund(c *call) (int, any, error) {
	var b refundBody
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	r, err := s.fees.Refund(c.Context(), c.actor, fees.Refund{ReaderID: b.ReaderID, EntryID: b.EntryID, AmountFen: b.AmountFen,
		Method: fees.Method(b.Method), Desk: b.Desk, Reason: b.Reason})
	return feeAnswer(r, err)
}

type replacementBody struct {
	ReaderID int64  `json:"reader_id"`
	EntryID  int64  `json:"entry_id"`
	Note     string `json:"note"`
	Desk     string `json:"desk"`
}

func (s *Server) createReplacement(c *call) (int, any, error) {
	var b replacementBody
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	r, err := s.fees.AcceptReplacement(c.Context(), c.actor, fees.ReplacementCopy{ReaderID: b.ReaderID, EntryID: b.EntryID, Note: b.Note, Desk: b.Desk})
	return feeAnswer(r, err)
}

type depositBody struct {
	ReaderID  int64  `json:"reader_id"`
	AmountFen int64  `json:"amount_fen"`
	Method    string `json:"method"`
	Desk      string `json:"desk"`
	Note      string `json:"note"`
}

func (b depositBody) deposit() fees.Deposit {
	return fees.Deposit{ReaderID: b.ReaderID, AmountFen: b.AmountFen, Method: fees.Method(b.Method), Desk: b.Desk, Note: b.Note}
}

func (s *Server) createDeposit(c *call) (int, any, error) {
	var b depositBody
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	r, err := s.fees.TakeDeposit(c.Context(), c.actor, b.deposit())
	return feeAnswer(r, err)
}

func (s *Server) createDepositRefund(c *call) (int, any, error) {
	var b depositBody
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	r, err := s.fees.RefundDeposit(c.Context(), c.actor, b.deposit())
	return feeAnswer(r, err)
}

func (s *Server) getReceipt(c *call) (int, any, error) {
	r, err := s.fees.Receipt(c.Context(), c.actor, c.PathValue("number"))
	return http.StatusOK, r, err
}

// cashReport sums a day's money per desk, person and method: ?date=
// YYYY-MM-DD in the library's zone, today when absent.
func (s *Server) cashReport(c *call) (int, any, error) {
	date := c.URL.Query().Get("date")
	if date == "" {
		date = s.cfg.Clock.Now().In(s.cfg.Zone).Format(time.DateOnly)
	}
	rep, err := s.fees.DailyCashReport(c.Context(), c.actor, date)
	if err != nil {
		return 0, nil, err
	}
	if rep.Lines == nil {
		rep.Lines = []fees.CashLine{}
	}
	if rep.People == nil {
		rep.People = []fees.CashLine{}
	}
	if rep.Methods == nil {
		rep.Methods = []fees.CashLine{}
	}
	return http.StatusOK, rep, nil
}

// asField returns the domain error inside err when it names field.
func asField(err error, field string) (*apperr.Error, bool) {
	e, ok := apperr.As(err)
	if !ok || e.Field != field {
		return nil, false
	}
	return e, true
}
