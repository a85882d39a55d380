package sip2

// Hold (15) places, changes or cancels a hold, on an item or a title.
type Hold struct {
	Meta
	HoldMode        HoldMode  `sip2:"fixed,1,oneof=+-*" name:"hold mode"`
	TransactionDate Timestamp `sip2:"fixed" name:"transaction date"`

	ExpirationDate   string   `sip2:"BW" name:"expiration date"`
	PickupLocation   string   `sip2:"BS" name:"pickup location"`
	HoldType         HoldType `sip2:"BY" name:"hold type"`
	InstitutionID    string   `sip2:"AO,required" name:"institution id"`
	PatronID         string   `sip2:"AA,required" name:"patron identifier"`
	PatronPassword   string   `sip2:"AD" name:"patron password"`
	ItemID           string   `sip2:"AB" name:"item identifier"`
	TitleID          string   `sip2:"AJ" name:"title identifier"`
	TerminalPassword string   `sip2:"AC" name:"terminal password"`
	FeeAcknowledged  Tristate `sip2:"BO" name:"fee acknowledged"`
}

// Code returns "15".
func (*Hold) Code() string { return "15" }

// Name returns "hold".
func (*Hold) Name() string { return "hold" }

// HoldResponse (16) answers a Hold.
type HoldResponse struct {
	Meta
	OK              bool      `sip2:"fixed,01" name:"ok"`
	Available       bool      `sip2:"fixed,yn" name:"available"`
	TransactionDate Timestamp `sip2:"fixed" name:"transaction date"`

	ExpirationDate string   `sip2:"BW" name:"expiration date"`
	QueuePosition  string   `sip2:"BR" name:"queue position"`
	PickupLocation string   `sip2:"BS" name:"pickup location"`
	InstitutionID  string   `sip2:"AO,required" name:"institution id"`
	PatronID       string   `sip2:"AA,required" name:"patron identifier"`
	ItemID         string   `sip2:"AB" name:"item identifier"`
	TitleID        string   `sip2:"AJ" name:"title identifier"`
	ScreenMessage  []string `sip2:"AF" name:"screen message"`
	PrintLine      []string `sip2:"AG" name:"print line"`
}

// Code returns "16".
func (*HoldResponse) Code() string { return "16" }

// Name returns "hold response".
func (*HoldResponse) Name() string { return "hold response" }
