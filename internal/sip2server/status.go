package sip2server

import (
	"time"

	"lantai.dev/lantai/internal/sip2"
)

// Supported lists the requests a handler answers beyond login, status and
// resend, so that the status reply tells the machine what it may send.
type Supported interface {
	SupportedCodes() []string
}

// status answers a logged-in machine's SC status (99) with what Lantai
// allows it.
func (c *conn) status(st *sip2.SCStatus) *sip2.ACSStatus {
	codes := []string{"99", "97", "93"}
	if s, ok := c.srv.Handler.(Supported); ok {
		codes = append(codes, s.SupportedCodes()...)
	}
	has := map[string]bool{}
	for _, code := range codes {
		has[code] = true
	}
	m := c.session.Machine
	return &sip2.ACSStatus{
		Meta:              sip2.Meta{Seq: st.Seq},
		OnlineStatus:      true,
		CheckinOK:         has["09"],
		CheckoutOK:        has["11"],
		ACSRenewalPolicy:  has["29"],
		StatusUpdateOK:    has["19"],
		OfflineOK:         false,
		TimeoutPeriod:     min(int(c.srv.idleTimeout()/(100*time.Millisecond)), 999),
		RetriesAllowed:    3,
		DateTimeSync:      sip2.NewTimestamp(time.Now().In(c.srv.location())),
		ProtocolVersion:   "2.00",
		InstitutionID:     m.InstitutionID,
		LibraryName:       m.Name,
		SupportedMessages: sip2.SupportedMessages(codes...),
		TerminalLocation:  m.Location,
	}
}

// offlineStatus answers an SC status sent before login: nothing is
// allowed until the machine logs in.
func offlineStatus(st *sip2.SCStatus) *sip2.ACSStatus {
	return &sip2.ACSStatus{
		Meta:              sip2.Meta{Seq: st.Seq},
		TimeoutPeriod:     0,
		RetriesAllowed:    999,
		DateTimeSync:      sip2.NewTimestamp(time.Now()),
		ProtocolVersion:   "2.00",
		SupportedMessages: sip2.SupportedMessages("93", "99", "97"),
	}
}
