package sip2

// ItemInformation (17) asks for an item's status.
type ItemInformation struct {
	Meta
	TransactionDate  Timestamp `sip2:"fixed" name:"transaction date"`
	InstitutionID    string    `sip2:"AO,required" name:"institution id"`
	ItemID           string    `sip2:"AB,required" name:"item identifier"`
	TerminalPassword string    `sip2:"AC" name:"terminal password"`
}

// Code returns "17".
func (*ItemInformation) Code() string { return "17" }

// Name returns "item information".
func (*ItemInformation) Name() string { return "item information" }

// ItemInformationResponse (18) answers an ItemInformation.
type ItemInformationResponse struct {
	Meta
	CirculationStatus CirculationStatus `sip2:"fixed,2,digits" name:"circulation status"`
	SecurityMarker    SecurityMarker    `sip2:"fixed,2,digits" name:"security marker"`
	FeeType           FeeType           `sip2:"fixed,2,digits" name:"fee type"`
	TransactionDate   Timestamp         `sip2:"fixed" name:"transaction date"`

	HoldQueueLength   string    `sip2:"CF" name:"hold queue length"`
	DueDate           string    `sip2:"AH" name:"due date"`
	RecallDate        string    `sip2:"CJ" name:"recall date"`
	HoldPickupDate    string    `sip2:"CM" name:"hold pickup date"`
	ItemID            string    `sip2:"AB,required" name:"item identifier"`
	TitleID           string    `sip2:"AJ,required" name:"title identifier"`
	Owner             string    `sip2:"BG" name:"owner"`
	Currency          string    `sip2:"BH" name:"currency type"`
	FeeAmount         string    `sip2:"BV" name:"fee amount"`
	MediaType         MediaType `sip2:"CK" name:"media type"`
	PermanentLocation string    `sip2:"AQ" name:"permanent location"`
	CurrentLocation   string    `sip2:"AP" name:"current location"`
	ItemProperties    string    `sip2:"CH" name:"item properties"`
	ScreenMessage     []string  `sip2:"AF" name:"screen message"`
	PrintLine         []string  `sip2:"AG" name:"print line"`
}

// Code returns "18".
func (*ItemInformationResponse) Code() string { return "18" }

// Name returns "item information response".
func (*ItemInformationResponse) Name() string { return "item information response" }

// ItemStatusUpdate (19) asks to store the item properties of an item.
type ItemStatusUpdate struct {
	Meta
	TransactionDate  Timestamp `sip2:"fixed" name:"transaction date"`
	InstitutionID    string    `sip2:"AO,required" name:"institution id"`
	ItemID           string    `sip2:"AB,required" name:"item identifier"`
	TerminalPassword string    `sip2:"AC" name:"terminal password"`
	ItemProperties   string    `sip2:"CH,required" name:"item properties"`
}

// Code returns "19".
func (*ItemStatusUpdate) Code() string { return "19" }

// Name returns "item status update".
func (*ItemStatusUpdate) Name() string { return "item status update" }

// ItemStatusUpdateResponse (20) answers an ItemStatusUpdate.
type ItemStatusUpdateResponse struct {
	Meta
	ItemPropertiesOK bool      `sip2:"fixed,01" name:"item properties ok"`
	TransactionDate  Timestamp `sip2:"fixed" name:"transaction date"`

	ItemID         string   `sip2:"AB,required" name:"item identifier"`
	TitleID        string   `sip2:"AJ" name:"title identifier"`
	ItemProperties string   `sip2:"CH" name:"item properties"`
	ScreenMessage  []string `sip2:"AF" name:"screen message"`
	PrintLine      []string `sip2:"AG" name:"print line"`
}

// Code returns "20".
func (*ItemStatusUpdateResponse) Code() string { return "20" }

// Name returns "item status update response".
func (*ItemStatusUpdateResponse) Name() string { return "item status update response" }
