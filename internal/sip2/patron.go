package sip2

// PatronStatusRequest (23) asks whether a patron may use the machine.
type PatronStatusRequest struct {
	Meta
	Language         Language  `sip2:"fixed,3,digits" name:"language"`
	TransactionDate  Timestamp `sip2:"fixed" name:"transaction date"`
	InstitutionID    string    `sip2:"AO,required" name:"institution id"`
	PatronID         string    `sip2:"AA,required" name:"patron identifier"`
	TerminalPassword string    `sip2:"AC,required" name:"terminal password"`
	PatronPassword   string    `sip2:"AD,required" name:"patron password"`
}

// Code returns "23".
func (*PatronStatusRequest) Code() string { return "23" }

// Name returns "patron status request".
func (*PatronStatusRequest) Name() string { return "patron status request" }

// PatronStatusResponse (24) answers a PatronStatusRequest or a BlockPatron.
type PatronStatusResponse struct {
	Meta
	PatronStatus    PatronStatus `sip2:"fixed" name:"patron status"`
	Language        Language     `sip2:"fixed,3,digits" name:"language"`
	TransactionDate Timestamp    `sip2:"fixed" name:"transaction date"`

	InstitutionID       string   `sip2:"AO,required" name:"institution id"`
	PatronID            string   `sip2:"AA,required" name:"patron identifier"`
	PersonalName        string   `sip2:"AE,required" name:"personal name"`
	ValidPatron         Tristate `sip2:"BL" name:"valid patron"`
	ValidPatronPassword Tristate `sip2:"CQ" name:"valid patron password"`
	Currency            string   `sip2:"BH" name:"currency type"` // ISO 4217, such as "CNY"
	FeeAmount           string   `sip2:"BV" name:"fee amount"`
	ScreenMessage       []string `sip2:"AF" name:"screen message"`
	PrintLine           []string `sip2:"AG" name:"print line"`
}

// Code returns "24".
func (*PatronStatusResponse) Code() string { return "24" }

// Name returns "patron status response".
func (*PatronStatusResponse) Name() string { return "patron status response" }

// PatronInformation (63) asks for a patron's status, counts and, if the
// summary asks for one, a list of items (holds, overdue, charged, fines,
// recalls or unavailable holds), from StartItem to EndItem (1-based).
type PatronInformation struct {
	Meta
	Language        Language  `sip2:"fixed,3,digits" name:"language"`
	TransactionDate Timestamp `sip2:"fixed" name:"transaction date"`
	Summary         Summary   `sip2:"fixed" name:"summary"`

	InstitutionID    string `sip2:"AO,required" name:"institution id"`
	PatronID         string `sip2:"AA,required" name:"patron identifier"`
	TerminalPassword string `sip2:"AC" name:"terminal password"`
	PatronPassword   string `sip2:"AD" name:"patron password"`
	StartItem        string `sip2:"BP" name:"start item"`
	EndItem          string `sip2:"BQ" name:"end item"`
}

// Code returns "63".
func (*PatronInformation) Code() string { return "63" }

// Name returns "patron information".
func (*PatronInformation) Name() string { return "patron information" }

// PatronInformationResponse (64) answers a PatronInformation.
type PatronInformationResponse struct {
	Meta
	PatronStatus          PatronStatus `sip2:"fixed" name:"patron status"`
	Language              Language     `sip2:"fixed,3,digits" name:"language"`
	TransactionDate       Timestamp    `sip2:"fixed" name:"transaction date"`
	HoldItemsCount        int          `sip2:"fixed,4" name:"hold items count"`
	OverdueItemsCount     int          `sip2:"fixed,4" name:"overdue items count"`
	ChargedItemsCount     int          `sip2:"fixed,4" name:"charged items count"`
	FineItemsCount        int          `sip2:"fixed,4" name:"fine items count"`
	RecallItemsCount      int          `sip2:"fixed,4" name:"recall items count"`
	UnavailableHoldsCount int          `sip2:"fixed,4" name:"unavailable holds count"`

	InstitutionID        string   `sip2:"AO,required" name:"institution id"`
	PatronID             string   `sip2:"AA,required" name:"patron identifier"`
	PersonalName         string   `sip2:"AE,required" name:"personal name"`
	HoldItemsLimit       string   `sip2:"BZ" name:"hold items limit"`    // 4 digits
	OverdueItemsLimit    string   `sip2:"CA" name:"overdue items limit"` // 4 digits
	ChargedItemsLimit    string   `sip2:"CB" name:"charged items limit"` // 4 digits
	ValidPatron          Tristate `sip2:"BL" name:"valid patron"`
	ValidPatronPassword  Tristate `sip2:"CQ" name:"valid patron password"`
	Currency             string   `sip2:"BH" name:"currency type"`
	FeeAmount            string   `sip2:"BV" name:"fee amount"`
	FeeLimit             string   `sip2:"CC" name:"fee limit"`
	HoldItems            []string `sip2:"AS" name:"hold items"`
	OverdueItems         []string `sip2:"AT" name:"overdue items"`
	ChargedItems         []string `sip2:"AU" name:"charged items"`
	FineItems            []string `sip2:"AV" name:"fine items"`
	RecallItems          []string `sip2:"BU" name:"recall items"`
	UnavailableHoldItems []string `sip2:"CD" name:"unavailable hold items"`
	HomeAddress          string   `sip2:"BD" name:"home address"`
	Email                string   `sip2:"BE" name:"e-mail address"`
	HomePhone            string   `sip2:"BF" name:"home phone number"`
	ScreenMessage        []string `sip2:"AF" name:"screen message"`
	PrintLine            []string `sip2:"AG" name:"print line"`
}

// Code returns "64".
func (*PatronInformationResponse) Code() string { return "64" }

// Name returns "patron information response".
func (*PatronInformationResponse) Name() string { return "patron information response" }

// PatronEnable (25) asks to lift a block the machine put on a patron.
type PatronEnable struct {
	Meta
	TransactionDate  Timestamp `sip2:"fixed" name:"transaction date"`
	InstitutionID    string    `sip2:"AO,required" name:"institution id"`
	PatronID         string    `sip2:"AA,required" name:"patron identifier"`
	TerminalPassword string    `sip2:"AC" name:"terminal password"`
	PatronPassword   string    `sip2:"AD" name:"patron password"`
}

// Code returns "25".
func (*PatronEnable) Code() string { return "25" }

// Name returns "patron enable".
func (*PatronEnable) Name() string { return "patron enable" }

// PatronEnableResponse (26) answers a PatronEnable.
type PatronEnableResponse struct {
	Meta
	PatronStatus    PatronStatus `sip2:"fixed" name:"patron status"`
	Language        Language     `sip2:"fixed,3,digits" name:"language"`
	TransactionDate Timestamp    `sip2:"fixed" name:"transaction date"`

	InstitutionID       string   `sip2:"AO,required" name:"institution id"`
	PatronID            string   `sip2:"AA,required" name:"patron identifier"`
	PersonalName        string   `sip2:"AE,required" name:"personal name"`
	ValidPatron         Tristate `sip2:"BL" name:"valid patron"`
	ValidPatronPassword Tristate `sip2:"CQ" name:"valid patron password"`
	ScreenMessage       []string `sip2:"AF" name:"screen message"`
	PrintLine           []string `sip2:"AG" name:"print line"`
}

// Code returns "26".
func (*PatronEnableResponse) Code() string { return "26" }

// Name returns "patron enable response".
func (*PatronEnableResponse) Name() string { return "patron enable response" }

// BlockPatron (01) asks to block a patron's card, as a machine does when it
// keeps a card or sees it misused. It is answered with a
// PatronStatusResponse.
type BlockPatron struct {
	Meta
	CardRetained       bool      `sip2:"fixed,yn" name:"card retained"`
	TransactionDate    Timestamp `sip2:"fixed" name:"transaction date"`
	InstitutionID      string    `sip2:"AO,required" name:"institution id"`
	BlockedCardMessage string    `sip2:"AL,required" name:"blocked card msg"`
	PatronID           string    `sip2:"AA,required" name:"patron identifier"`
	TerminalPassword   string    `sip2:"AC,required" name:"terminal password"`
}

// Code returns "01".
func (*BlockPatron) Code() string { return "01" }

// Name returns "block patron".
func (*BlockPatron) Name() string { return "block patron" }
