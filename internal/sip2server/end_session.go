package sip2server

import (
	"context"

	"lantai.dev/lantai/internal/sip2"
)

// endSession answers an end patron session (35) with an end session
// response (36, end session Y). Lantai keeps no patron session of its own:
// the connection forgets the patron's language and checked password.
func (c *Circulation) endSession(ctx context.Context, s *Session, m *sip2.EndPatronSession) sip2.Message {
	x := c.call(ctx, s, m.Code())
	r := &sip2.EndSessionResponse{EndSession: true, TransactionDate: x.stamp(), InstitutionID: x.inst(m.InstitutionID),
		PatronID: m.PatronID, ScreenMessage: []string{x.t(keyGoodbye)}}
	x.forgetPassword()
	s.Language = ""
	return r
}
