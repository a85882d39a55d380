package api

import (
	"net/http"

	"lantai.dev/lantai/internal/fees"
	"lantai.dev/lantai/internal/readers"
)

// Clearance 离校 under /readers/{id}/clearance: what stands between a
// reader and clearance, clearing them (with the deposit given back), and
// the certificate. All need circ.readers; giving a deposit back needs
// circ.fees too.

func (s *Server) readerClearanceCheck(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	chk, err := s.readers.CheckClearance(c.Context(), c.actor, id)
	if err != nil {
		return 0, nil, err
	}
	return http.StatusOK, struct {
		readers.ClearanceCheck
		CanClear bool `json:"can_clear"`
	}{chk, chk.CanClear()}, nil
}

type clearanceBody struct {
	RefundDeposit bool   `json:"refund_deposit"`
	Method        string `json:"method"`
	Desk          string `json:"desk"`
	Note          string `json:"note"`
}

func (s *Server) clearReader(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	var b clearanceBody
	if err := c.decodeOptional(&b); err != nil {
		return 0, nil, err
	}
	cert, err := s.readers.Clear(c.Context(), c.actor, id, readers.Clearance{RefundDeposit: b.RefundDeposit,
		Method: fees.Method(b.Method), Desk: b.Desk, Note: b.Note})
	return http.StatusCreated, cert, err
}

func (s *Server) readerCertificate(c *call) (int, any, error) {
	id, err := c.pathID("id")
	if err != nil {
		return 0, nil, err
	}
	cert, err := s.readers.ClearanceCertificate(c.Context(), c.actor, id)
	return http.StatusOK, cert, err
}
