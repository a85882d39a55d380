package sip2

// EndPatronSession (35) tells the ILS that a patron has finished at the
// machine.
type EndPatronSession struct {
	Meta
	TransactionDate  Timestamp `sip2:"fixed" name:"transaction date"`
	InstitutionID    string    `sip2:"AO,required" name:"institution id"`
	PatronID         string    `sip2:"AA,required" name:"patron identifier"`
	TerminalPassword string    `sip2:"AC" name:"terminal password"`
	PatronPassword   string    `sip2:"AD" name:"patron password"`
}

// Code returns "35".
func (*EndPatronSession) Code() string { return "35" }

// Name returns "end patron session".
func (*EndPatronSession) Name() string { return "end patron session" }

// EndSessionResponse (36) answers an EndPatronSession.
type EndSessionResponse struct {
	Meta
	EndSession      bool      `sip2:"fixed,yn" name:"end session"`
	TransactionDate Timestamp `sip2:"fixed" name:"transaction date"`

	InstitutionID string   `sip2:"AO,required" name:"institution id"`
	PatronID      string   `sip2:"AA,required" name:"patron identifier"`
	ScreenMessage []string `sip2:"AF" name:"screen message"`
	PrintLine     []string `sip2:"AG" name:"print line"`
}

// Code returns "36".
func (*EndSessionResponse) Code() string { return "36" }

// Name returns "end session response".
func (*EndSessionResponse) Name() string { return "end session response" }
