package sip2server

import (
	"context"

	"lantai.dev/lantai/internal/sip2"
)

// blockPatron answers a block patron (01), which a machine sends when it
// keeps a card or sees it misused, with a patron status response (24) as
// the specification says — but blocks nothing: a machine may not change
// readers (the card is reported lost, or the reader blocked, at the
// desk). The request is logged with its message (AL) for staff, and the
// message is not listed as supported (BX).
func (c *Circulation) blockPatron(ctx context.Context, s *Session, m *sip2.BlockPatron) sip2.Message {
	c.log.Warn("sip2 machine asked to block a card; Lantai blocks no card from a machine",
		"machine", s.Machine.Login, "card", m.PatronID, "retained", m.CardRetained, "message", m.BlockedCardMessage)
	return c.patronStatus(ctx, s, &sip2.PatronStatusRequest{Language: sessionLanguage(s), TransactionDate: m.TransactionDate,
		InstitutionID: m.InstitutionID, PatronID: m.PatronID})
}

// patronEnable answers a patron enable (25) with a patron enable response
// (26) telling the patron's status: Lantai never blocks a card at a
// machine's request (see blockPatron), so there is nothing to lift.
func (c *Circulation) patronEnable(ctx context.Context, s *Session, m *sip2.PatronEnable) sip2.Message {
	st := c.patronStatus(ctx, s, &sip2.PatronStatusRequest{Language: sessionLanguage(s), TransactionDate: m.TransactionDate,
		InstitutionID: m.InstitutionID, PatronID: m.PatronID, PatronPassword: m.PatronPassword}).(*sip2.PatronStatusResponse)
	return &sip2.PatronEnableResponse{PatronStatus: st.PatronStatus, Language: st.Language, TransactionDate: st.TransactionDate,
		InstitutionID: st.InstitutionID, PatronID: st.PatronID, PersonalName: st.PersonalName, ValidPatron: st.ValidPatron,
		ValidPatronPassword: st.ValidPatronPassword, ScreenMessage: st.ScreenMessage}
}

// sessionLanguage is the language code of the session's language, to
// answer in it without changing it.
func sessionLanguage(s *Session) sip2.Language {
	if s.Language == "" {
		return sip2.LanguageUnknown
	}
	return languageOf(s.Language)
}
