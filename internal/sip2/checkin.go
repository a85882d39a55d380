package sip2

// Checkin (09) returns an item, at a self-check machine or a book drop.
// With Cancel set it undoes a checkout that did not complete.
type Checkin struct {
	Meta
	NoBlock         bool      `sip2:"fixed,yn" name:"no block"` // done off-line: must not be refused
	TransactionDate Timestamp `sip2:"fixed" name:"transaction date"`
	ReturnDate      Timestamp `sip2:"fixed" name:"return date"` // when the item was returned

	CurrentLocation  string   `sip2:"AP,required" name:"current location"`
	InstitutionID    string   `sip2:"AO,required" name:"institution id"`
	ItemID           string   `sip2:"AB,required" name:"item identifier"`
	TerminalPassword string   `sip2:"AC,required" name:"terminal password"`
	ItemProperties   string   `sip2:"CH" name:"item properties"`
	Cancel           Tristate `sip2:"BI" name:"cancel"`
}

// Code returns "09".
func (*Checkin) Code() string { return "09" }

// Name returns "checkin".
func (*Checkin) Name() string { return "checkin" }

// CheckinResponse (10) answers a Checkin. Resensitize tells the machine
// whether to resensitise the item's security strip or RFID tag; Alert, with
// SortBin and AlertType, tells an automated return to set the item aside
// (a hold, a transfer).
//
// The fields CR, CS, CT, CV, CY and DA are extensions of 3M's later SIP2
// revisions, not of the 2.00 specification; sorters and the other ILSs use
// them.
type CheckinResponse struct {
	Meta
	OK              bool      `sip2:"fixed,01" name:"ok"`
	Resensitize     bool      `sip2:"fixed,yn" name:"resensitize"`
	MagneticMedia   Tristate  `sip2:"fixed" name:"magnetic media"`
	Alert           bool      `sip2:"fixed,yn" name:"alert"`
	TransactionDate Timestamp `sip2:"fixed" name:"transaction date"`

	InstitutionID       string    `sip2:"AO,required" name:"institution id"`
	ItemID              string    `sip2:"AB,required" name:"item identifier"`
	PermanentLocation   string    `sip2:"AQ,required" name:"permanent location"`
	TitleID             string    `sip2:"AJ" name:"title identifier"`
	SortBin             string    `sip2:"CL" name:"sort bin"`
	PatronID            string    `sip2:"AA" name:"patron identifier"`
	MediaType           MediaType `sip2:"CK" name:"media type"`
	ItemProperties      string    `sip2:"CH" name:"item properties"`
	CollectionCode      string    `sip2:"CR" name:"collection code"`
	CallNumber          string    `sip2:"CS" name:"call number"`
	DestinationLocation string    `sip2:"CT" name:"destination location"`
	AlertType           AlertType `sip2:"CV" name:"alert type"`
	HoldPatronID        string    `sip2:"CY" name:"hold patron id"`
	HoldPatronName      string    `sip2:"DA" name:"hold patron name"`
	ScreenMessage       []string  `sip2:"AF" name:"screen message"`
	PrintLine           []string  `sip2:"AG" name:"print line"`
}

// Code returns "10".
func (*CheckinResponse) Code() string { return "10" }

// Name returns "checkin response".
func (*CheckinResponse) Name() string { return "checkin response" }
