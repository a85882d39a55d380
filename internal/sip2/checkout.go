package sip2

// Checkout (11) asks to lend an item to a patron. With Cancel set it undoes
// a checkin that did not complete.
type Checkout struct {
	Meta
	SCRenewalPolicy bool      `sip2:"fixed,yn" name:"SC renewal policy"` // the machine may renew items
	NoBlock         bool      `sip2:"fixed,yn" name:"no block"`          // done off-line: must not be refused
	TransactionDate Timestamp `sip2:"fixed" name:"transaction date"`
	NBDueDate       Timestamp `sip2:"fixed" name:"nb due date"` // due date given off-line; blank if none

	InstitutionID    string   `sip2:"AO,required" name:"institution id"`
	PatronID         string   `sip2:"AA,required" name:"patron identifier"`
	ItemID           string   `sip2:"AB,required" name:"item identifier"`
	TerminalPassword string   `sip2:"AC,required" name:"terminal password"`
	ItemProperties   string   `sip2:"CH" name:"item properties"`
	PatronPassword   string   `sip2:"AD" name:"patron password"`
	FeeAcknowledged  Tristate `sip2:"BO" name:"fee acknowledged"`
	Cancel           Tristate `sip2:"BI" name:"cancel"`
}

// Code returns "11".
func (*Checkout) Code() string { return "11" }

// Name returns "checkout".
func (*Checkout) Name() string { return "checkout" }

// CheckoutResponse (12) answers a Checkout. Desensitize tells the machine
// whether to desensitise the item's security strip or RFID tag (充消磁).
type CheckoutResponse struct {
	Meta
	OK              bool      `sip2:"fixed,01" name:"ok"`
	RenewalOK       bool      `sip2:"fixed,yn" name:"renewal ok"` // the item was already on loan to the patron and is renewed
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

// Code returns "12".
func (*CheckoutResponse) Code() string { return "12" }

// Name returns "checkout response".
func (*CheckoutResponse) Name() string { return "checkout response" }
