package sip2

// Renew (29) asks to renew one item, named by item or by title.
type Renew struct {
	Meta
	ThirdPartyAllowed bool      `sip2:"fixed,yn" name:"third party allowed"`
	NoBlock           bool      `sip2:"fixed,yn" name:"no block"`
	TransactionDate   Timestamp `sip2:"fixed" name:"transaction date"`
	NBDueDate         Timestamp `sip2:"fixed" name:"nb due date"`

	InstitutionID    string   `sip2:"AO,required" name:"institution id"`
	PatronID         string   `sip2:"AA,required" name:"patron identifier"`
	PatronPassword   string   `sip2:"AD" name:"patron password"`
	ItemID           string   `sip2:"AB" name:"item identifier"`
	TitleID          string   `sip2:"AJ" name:"title identifier"`
	TerminalPassword string   `sip2:"AC" name:"terminal password"`
	ItemProperties   string   `sip2:"CH" name:"item properties"`
	FeeAcknowledged  Tristate `sip2:"BO" name:"fee acknowledged"`
}

// Code returns "29".
func (*Renew) Code() string { return "29" }

// Name returns "renew".
func (*Renew) Name() string { return "renew" }

// RenewResponse (30) answers a Renew; its fields are those of a
// CheckoutResponse.
type RenewResponse struct {
	Meta
	OK              bool      `sip2:"fixed,01" name:"ok"`
	RenewalOK       bool      `sip2:"fixed,yn" name:"renewal ok"`
	MagneticMedia   Tristate  `sip2:"fixed" name:"magnetic media"`
	Desensitize     Tristate  `sip2:"fixed" name:"desensitize"`
	TransactionDate Timestamp `sip2:"fixed" name:"transaction date"`

	InstitutionID   string    `sip2:"AO,required" name:"institution id"`
	PatronID        string    `sip2:"AA,required" name:"patron identifier"`
	ItemID          string    `sip2:"AB,required" name:"item identifier"`
	TitleID         string    `sip2:"AJ,required" name:"title identifier"`
	DueDate         string    `sip2:"AH,required" name:"due date"`
	FeeType         FeeType   `sip2:"BT" name:"fee type"`
	SecurityInhibit Tristate  `sip2:"CI" name:"security inhibit"`
	Currency        string    `sip2:"BH" name:"currency type"`
	FeeAmount       string    `sip2:"BV" name:"fee amount"`
	MediaType       MediaType `sip2:"CK" name:"media type"`
	ItemProperties  string    `sip2:"CH" name:"item properties"`
	TransactionID   string    `sip2:"BK" name:"transaction id"`
	ScreenMessage   []string  `sip2:"AF" name:"screen message"`
	PrintLine       []string  `sip2:"AG" name:"print line"`
}

// Code returns "30".
func (*RenewResponse) Code() string { return "30" }

// Name returns "renew response".
func (*RenewResponse) Name() string { return "renew response" }

// RenewAll (65) asks to renew all of a patron's loans.
type RenewAll struct {
	Meta
	TransactionDate  Timestamp `sip2:"fixed" name:"transaction date"`
	InstitutionID    string    `sip2:"AO,required" name:"institution id"`
	PatronID         string    `sip2:"AA,required" name:"patron identifier"`
	PatronPassword   string    `sip2:"AD" name:"patron password"`
	TerminalPassword string    `sip2:"AC" name:"terminal password"`
	FeeAcknowledged  Tristate  `sip2:"BO" name:"fee acknowledged"`
}

// Code returns "65".
func (*RenewAll) Code() string { return "65" }

// Name returns "renew all".
func (*RenewAll) Name() string { return "renew all" }

// RenewAllResponse (66) answers a RenewAll, with the items renewed and not.
type RenewAllResponse struct {
	Meta
	OK              bool      `sip2:"fixed,01" name:"ok"`
	RenewedCount    int       `sip2:"fixed,4" name:"renewed count"`
	UnrenewedCount  int       `sip2:"fixed,4" name:"unrenewed count"`
	TransactionDate Timestamp `sip2:"fixed" name:"transaction date"`

	InstitutionID  string   `sip2:"AO,required" name:"institution id"`
	RenewedItems   []string `sip2:"BM" name:"renewed items"`
	UnrenewedItems []string `sip2:"BN" name:"unrenewed items"`
	ScreenMessage  []string `sip2:"AF" name:"screen message"`
	PrintLine      []string `sip2:"AG" name:"print line"`
}

// Code returns "66".
func (*RenewAllResponse) Code() string { return "66" }

// Name returns "renew all response".
func (*RenewAllResponse) Name() string { return "renew all response" }
