package sip2

// FeePaid (37) reports a payment made at the machine.
type FeePaid struct {
	Meta
	TransactionDate Timestamp   `sip2:"fixed" name:"transaction date"`
	FeeType         FeeType     `sip2:"fixed,2,digits" name:"fee type"`
	PaymentType     PaymentType `sip2:"fixed,2,digits" name:"payment type"`
	Currency        string      `sip2:"fixed,3" name:"currency type"` // ISO 4217, such as "CNY"

	FeeAmount        string `sip2:"BV,required" name:"fee amount"`
	InstitutionID    string `sip2:"AO,required" name:"institution id"`
	PatronID         string `sip2:"AA,required" name:"patron identifier"`
	TerminalPassword string `sip2:"AC" name:"terminal password"`
	PatronPassword   string `sip2:"AD" name:"patron password"`
	FeeID            string `sip2:"CG" name:"fee identifier"`
	TransactionID    string `sip2:"BK" name:"transaction id"`
}

// Code returns "37".
func (*FeePaid) Code() string { return "37" }

// Name returns "fee paid".
func (*FeePaid) Name() string { return "fee paid" }

// FeePaidResponse (38) answers a FeePaid.
type FeePaidResponse struct {
	Meta
	PaymentAccepted bool      `sip2:"fixed,yn" name:"payment accepted"`
	TransactionDate Timestamp `sip2:"fixed" name:"transaction date"`

	InstitutionID string   `sip2:"AO,required" name:"institution id"`
	PatronID      string   `sip2:"AA,required" name:"patron identifier"`
	TransactionID string   `sip2:"BK" name:"transaction id"`
	ScreenMessage []string `sip2:"AF" name:"screen message"`
	PrintLine     []string `sip2:"AG" name:"print line"`
}

// Code returns "38".
func (*FeePaidResponse) Code() string { return "38" }

// Name returns "fee paid response".
func (*FeePaidResponse) Name() string { return "fee paid response" }
