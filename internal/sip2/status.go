package sip2

// SCStatus (99) is sent by a machine after login and from time to time:
// its state, and the version of the protocol it speaks.
type SCStatus struct {
	Meta
	StatusCode      StatusCode `sip2:"fixed,1,oneof=012" name:"status code"`
	MaxPrintWidth   int        `sip2:"fixed,3" name:"max print width"`
	ProtocolVersion string     `sip2:"fixed,4,version" name:"protocol version"` // "2.00"
}

// Code returns "99".
func (*SCStatus) Code() string { return "99" }

// Name returns "SC status".
func (*SCStatus) Name() string { return "SC status" }

// ACSStatus (98) answers an SCStatus: what the ILS allows the machine.
type ACSStatus struct {
	Meta
	OnlineStatus     bool      `sip2:"fixed,yn" name:"on-line status"`
	CheckinOK        bool      `sip2:"fixed,yn" name:"checkin ok"`
	CheckoutOK       bool      `sip2:"fixed,yn" name:"checkout ok"`
	ACSRenewalPolicy bool      `sip2:"fixed,yn" name:"ACS renewal policy"`
	StatusUpdateOK   bool      `sip2:"fixed,yn" name:"status update ok"`
	OfflineOK        bool      `sip2:"fixed,yn" name:"off-line ok"`
	TimeoutPeriod    int       `sip2:"fixed,3" name:"timeout period"`  // tenths of a second; 000 for none
	RetriesAllowed   int       `sip2:"fixed,3" name:"retries allowed"` // 999 for unknown
	DateTimeSync     Timestamp `sip2:"fixed" name:"date/time sync"`
	ProtocolVersion  string    `sip2:"fixed,4,version" name:"protocol version"`

	InstitutionID string `sip2:"AO,required" name:"institution id"`
	LibraryName   string `sip2:"AM" name:"library name"`
	// SupportedMessages has one "Y" or "N" for each of 16 messages, in the
	// order of SupportedMessageCodes.
	SupportedMessages string   `sip2:"BX,required" name:"supported messages"`
	TerminalLocation  string   `sip2:"AN" name:"terminal location"`
	ScreenMessage     []string `sip2:"AF" name:"screen message"`
	PrintLine         []string `sip2:"AG" name:"print line"`
}

// Code returns "98".
func (*ACSStatus) Code() string { return "98" }

// Name returns "ACS status".
func (*ACSStatus) Name() string { return "ACS status" }

// SupportedMessageCodes lists, in the order of the positions of the
// supported messages field (BX) of an ACSStatus, the request that each
// position stands for: patron status request, checkout, checkin, block
// patron, SC/ACS status, request SC/ACS resend, login, patron information,
// end patron session, fee paid, item information, item status update,
// patron enable, hold, renew, renew all.
var SupportedMessageCodes = [16]string{"23", "11", "09", "01", "99", "97", "93", "63", "35", "37", "17", "19", "25", "15", "29", "65"}

// SupportedMessages returns the value of the supported messages field (BX)
// for a server that answers the requests with the given codes.
func SupportedMessages(codes ...string) string {
	b := []byte("NNNNNNNNNNNNNNNN")
	for i, c := range SupportedMessageCodes {
		for _, d := range codes {
			if c == d {
				b[i] = 'Y'
			}
		}
	}
	return string(b)
}

// RequestACSResend (97) asks the ILS to send its last message again, as a
// machine does when a response's checksum was wrong. As the specification
// says, it carries no sequence number, even with error detection: Parse
// ignores one and Format writes none.
type RequestACSResend struct {
	Meta
}

// Code returns "97".
func (*RequestACSResend) Code() string { return "97" }

// Name returns "request ACS resend".
func (*RequestACSResend) Name() string { return "request ACS resend" }

// RequestSCResend (96) asks the machine to send its last message again,
// the answer to a message with a bad checksum. Like RequestACSResend it
// carries no sequence number.
type RequestSCResend struct {
	Meta
}

// Code returns "96".
func (*RequestSCResend) Code() string { return "96" }

// Name returns "request SC resend".
func (*RequestSCResend) Name() string { return "request SC resend" }
