package api

import (
	"net/http"
	"strings"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/circ"
	"lantai.dev/lantai/internal/circ/policy"
	"lantai.dev/lantai/internal/circ/rules"
)

// Circulation under /checkouts, /checkins, /renewals, /holds, /loans and
// /readers/{id}/loans|holds: the same service methods as the desk and the
// self-check machines, under the same loan rules. A refused checkout,
// renewal or hold is answered 409 in the one error shape, with every
// reason in error.reasons (code, translated message, overridable).

// refusalDetail is one reason of a refused operation.
type refusalDetail struct {
	Code        string `json:"code"`
	Message     string `json:"message"`
	Overridable bool   `json:"overridable"`
}

// refusalDetails translates the reasons of a refusal.
func (s *Server) refusalDetails(locale string, rs []rules.Refusal) []refusalDetail {
	out := make([]refusalDetail, 0, len(rs))
	for _, r := range rs {
		out = append(out, refusalDetail{Code: string(r.Reason), Overridable: r.Overridable,
			Message: s.tr.T(locale, policy.RefusalKey(r.Reason), policy.RefusalArgs(r, s.cfg.Zone))})
	}
	return out
}

type checkoutBody struct {
	Card     string `json:"card"`
	Barcode  string `json:"barcode"`
	Override string `json:"override"`
	Branch   string `json:"branch"`
	Desk     string `json:"desk"`
}

func (s *Server) createCheckout(c *call) (int, any, error) {
	var b checkoutBody
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	l, err := s.circ.Checkout(c.Context(), c.actor, strings.TrimSpace(b.Card), strings.TrimSpace(b.Barcode),
		circ.CheckoutOptions{Override: b.Override, Branch: b.Branch, Desk: b.Desk})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, l, nil
}

type checkinBody struct {
	Barcode string `json:"barcode"`
	Branch  string `json:"branch"`
	Desk    string `json:"desk"`
	Damage  string `json:"damage"`
	Repair  bool   `json:"repair"`
}

func (s *Server) createCheckin(c *call) (int, any, error) {
	var b checkinBody
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	ret, err := s.circ.Checkin(c.Context(), c.actor, b.Barcode, circ.CheckinOptions{Branch: b.Branch, Desk: b.Desk, Damage: b.Damage, Repair: b.Repair})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, ret, nil
}

type renewalBody struct {
	Barcode  string `json:"barcode"`
	Override string `json:"override"`
}

func (s *Server) createRenewal(c *call) (int, any, error) {
	var b renewalBody
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	l, err := s.circ.Renew(c.Context(), c.actor, b.Barcode, circ.RenewOptions{Override: b.Override})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, l, nil
}

type holdBody struct {
	Card         string `json:"card"`
	RecordID     int64  `json:"record_id"`
	Barcode      string `json:"barcode"`
	PickupBranch string `json:"pickup_branch"`
	ExpiresOn    string `json:"expires_on"`
	Override     string `json:"override"`
	Note         string `json:"note"`
}

func (s *Server) createHold(c *call) (int, any, error) {
	var b holdBody
	if err := c.decode(&b); err != nil {
		return 0, nil, err
	}
	req := circ.HoldRequest{Card: b.Card, RecordID: b.RecordID, Barcode: b.Barcode, PickupBranch: b.PickupBranch, Override: b.Override, Note: b.Note}
	if b.ExpiresOn != "" {
		d, err := rules.ParseDate(b.ExpiresOn)
		if err != nil {
			return 0, nil, apperr.New(apperr.Invalid, "error.date_invalid", "Field", "expires_on", "Value", b.ExpiresOn).WithField("expires_on")
		}
		req.ExpiresOn = d
	}
	h, err := s.circ.PlaceHold(c.Context(), c.actor, req)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusCreated, h, nil
}

func (s *Server) cancelHold(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	rel, err := s.circ.CancelHold(c.Context(), c.actor, id, circ.CancelOptions{Note: c.URL.Query().Get("note")})
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, rel, nil
}

func (s *Server) getLoan(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	l, err := s.circ.Loan(c.Context(), c.actor, id)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, l, nil
}

func (s *Server) readerLoans(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	ls, err := s.circ.ReaderLoans(c.Context(), c.actor, id)
	if err != nil {
		return 0, nil, err
	}
	if ls == nil {
		ls = []circ.Loan{}
	}
	return http.StatusOK, map[string]any{"loans": ls}, nil
}

func (s *Server) readerHolds(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	hs, err := s.circ.ReaderHolds(c.Context(), c.actor, id)
	if err != nil {
		return 0, nil, err
	}
	if hs == nil {
		hs = []circ.Hold{}
	}
	return http.StatusOK, map[string]any{"holds": hs}, nil
}
