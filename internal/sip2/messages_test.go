package sip2

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

const (
	ts  Timestamp = "20260314    103000"
	due           = "20260414    235900"
)

// One line per message type, written from the specification, and the
// message it holds. The lines are canonical: fields in the specification's
// order, optional fields present only when set.
var messageCases = []struct {
	line string
	msg  Message
}{
	{"9300CNkiosk-01|COs3cret|CP3F-东区|", &Login{UIDAlgorithm: "0", PWDAlgorithm: "0",
		LoginUserID: "kiosk-01", LoginPassword: "s3cret", LocationCode: "3F-东区"}},
	{"941", &LoginResponse{OK: true}},
	{"9900802.00", &SCStatus{StatusCode: StatusOK, MaxPrintWidth: 80, ProtocolVersion: "2.00"}},
	{"98YYYNYN05000320260314    1030002.00AOLT|AM兰台市图书馆|BXYYYYYYYYYYYYYYYY|ANK01|AF欢迎|AGline 1|AGline 2|",
		&ACSStatus{OnlineStatus: true, CheckinOK: true, CheckoutOK: true, ACSRenewalPolicy: false,
			StatusUpdateOK: true, OfflineOK: false, TimeoutPeriod: 50, RetriesAllowed: 3,
			DateTimeSync: ts, ProtocolVersion: "2.00", InstitutionID: "LT", LibraryName: "兰台市图书馆",
			SupportedMessages: SupportedMessages(SupportedMessageCodes[:]...), TerminalLocation: "K01",
			ScreenMessage: []string{"欢迎"}, PrintLine: []string{"line 1", "line 2"}}},
	{"97", &RequestACSResend{}},
	{"96", &RequestSCResend{}},
	{"2301920260314    103000AOLT|AA2024001|AC|AD1234|", &PatronStatusRequest{
		Language: LanguageChinese, TransactionDate: ts, InstitutionID: "LT", PatronID: "2024001", PatronPassword: "1234"}},
	{"24    Y         01920260314    103000AOLT|AA2024001|AE张三|BLY|CQN|BHCNY|BV0.50|AF挂失卡|AG打印|",
		&PatronStatusResponse{PatronStatus: PatronStatus{CardReportedLost: true}, Language: LanguageChinese,
			TransactionDate: ts, InstitutionID: "LT", PatronID: "2024001", PersonalName: "张三",
			ValidPatron: Yes, ValidPatronPassword: No, Currency: "CNY", FeeAmount: "0.50",
			ScreenMessage: []string{"挂失卡"}, PrintLine: []string{"打印"}}},
	{"6300120260314    103000  Y       AOLT|AA2024001|ACkpw|AD1234|BP1|BQ5|", &PatronInformation{
		Language: LanguageEnglish, TransactionDate: ts, Summary: Summary{SummaryChargedItems: true},
		InstitutionID: "LT", PatronID: "2024001", TerminalPassword: "kpw", PatronPassword: "1234",
		StartItem: "1", EndItem: "5"}},
	{"64Y             01920260314    103000000100020003000400050006AOLT|AA2024001|AE张三|BZ0005|CA0003|CB0010|BLY|CQY|BHCNY|BV1.50|CC10.00|" +
		"ASh1|ATo1|ATo2|AUc1|AUc2|AUc3|AVf1|BUr1|CDu1|BD北京市东城区|BEzs@example.cn|BF010-1234|AF您好|AGp|",
		&PatronInformationResponse{PatronStatus: PatronStatus{ChargePrivilegesDenied: true},
			Language: LanguageChinese, TransactionDate: ts, HoldItemsCount: 1, OverdueItemsCount: 2,
			ChargedItemsCount: 3, FineItemsCount: 4, RecallItemsCount: 5, UnavailableHoldsCount: 6,
			InstitutionID: "LT", PatronID: "2024001", PersonalName: "张三", HoldItemsLimit: "0005",
			OverdueItemsLimit: "0003", ChargedItemsLimit: "0010", ValidPatron: Yes, ValidPatronPassword: Yes,
			Currency: "CNY", FeeAmount: "1.50", FeeLimit: "10.00", HoldItems: []string{"h1"},
			OverdueItems: []string{"o1", "o2"}, ChargedItems: []string{"c1", "c2", "c3"},
			FineItems: []string{"f1"}, RecallItems: []string{"r1"}, UnavailableHoldItems: []string{"u1"},
			HomeAddress: "北京市东城区", Email: "zs@example.cn", HomePhone: "010-1234",
			ScreenMessage: []string{"您好"}, PrintLine: []string{"p"}}},
	{"2520260314    103000AOLT|AA2024001|ACkpw|AD1234|", &PatronEnable{TransactionDate: ts,
		InstitutionID: "LT", PatronID: "2024001", TerminalPassword: "kpw", PatronPassword: "1234"}},
	{"26              01920260314    103000AOLT|AA2024001|AE张三|BLY|CQN|AF已解除|",
		&PatronEnableResponse{Language: LanguageChinese, TransactionDate: ts, InstitutionID: "LT",
			PatronID: "2024001", PersonalName: "张三", ValidPatron: Yes, ValidPatronPassword: No,
			ScreenMessage: []string{"已解除"}}},
	{"01Y20260314    103000AOLT|AL卡已吞|AA2024001|AC|", &BlockPatron{CardRetained: true,
		TransactionDate: ts, InstitutionID: "LT", BlockedCardMessage: "卡已吞", PatronID: "2024001"}},
	{"11YN20260314    103000                  AOLT|AA2024001|AB39000012345678|ACkpw|CHprops|AD1234|BOY|BIN|",
		&Checkout{SCRenewalPolicy: true, TransactionDate: ts, InstitutionID: "LT", PatronID: "2024001",
			ItemID: "39000012345678", TerminalPassword: "kpw", ItemProperties: "props", PatronPassword: "1234",
			FeeAcknowledged: Yes, Cancel: No}},
	{"121NYY20260314    103000AOLT|AA2024001|AB39000012345678|AJ红楼梦|AH" + due + "|BT04|CIN|BHCNY|BV0.50|CK001|CHprops|BKtx1|AF借书成功|AGp|",
		&CheckoutResponse{OK: true, MagneticMedia: Yes, Desensitize: Yes, TransactionDate: ts,
			InstitutionID: "LT", PatronID: "2024001", ItemID: "39000012345678", TitleID: "红楼梦", DueDate: due,
			FeeType: FeeOverdue, SecurityInhibit: No, Currency: "CNY", FeeAmount: "0.50", MediaType: MediaBook,
			ItemProperties: "props", TransactionID: "tx1", ScreenMessage: []string{"借书成功"}, PrintLine: []string{"p"}}},
	{"09N20260314    10300020260314    102500AP东区还书机|AOLT|AB39000012345678|AC|CHprops|BIN|",
		&Checkin{TransactionDate: ts, ReturnDate: "20260314    102500", CurrentLocation: "东区还书机",
			InstitutionID: "LT", ItemID: "39000012345678", ItemProperties: "props", Cancel: No}},
	{"101YNY20260314    103000AOLT|AB39000012345678|AQ总馆|AJ红楼梦|CL3|AA2024002|CK001|CHprops|CRZW|CSI242.4/C123|CT西区|CV01|CY2024002|DA李四|AF预约书|AGp|",
		&CheckinResponse{OK: true, Resensitize: true, MagneticMedia: No, Alert: true, TransactionDate: ts,
			InstitutionID: "LT", ItemID: "39000012345678", PermanentLocation: "总馆", TitleID: "红楼梦",
			SortBin: "3", PatronID: "2024002", MediaType: MediaBook, ItemProperties: "props",
			CollectionCode: "ZW", CallNumber: "I242.4/C123", DestinationLocation: "西区",
			AlertType: AlertLocalHold, HoldPatronID: "2024002", HoldPatronName: "李四",
			ScreenMessage: []string{"预约书"}, PrintLine: []string{"p"}}},
	{"29YN20260314    103000                  AOLT|AA2024001|AD1234|AB39000012345678|AJ红楼梦|ACkpw|CHprops|BOY|",
		&Renew{ThirdPartyAllowed: true, TransactionDate: ts, InstitutionID: "LT", PatronID: "2024001",
			PatronPassword: "1234", ItemID: "39000012345678", TitleID: "红楼梦", TerminalPassword: "kpw",
			ItemProperties: "props", FeeAcknowledged: Yes}},
	{"300NUN20260314    103000AOLT|AA2024001|AB39000012345678|AJ红楼梦|AH|AF已达续借上限|",
		&RenewResponse{MagneticMedia: Unknown, Desensitize: No, TransactionDate: ts, InstitutionID: "LT",
			PatronID: "2024001", ItemID: "39000012345678", TitleID: "红楼梦",
			ScreenMessage: []string{"已达续借上限"}}},
	{"6520260314    103000AOLT|AA2024001|AD1234|ACkpw|BON|", &RenewAll{TransactionDate: ts,
		InstitutionID: "LT", PatronID: "2024001", PatronPassword: "1234", TerminalPassword: "kpw", FeeAcknowledged: No}},
	{"6610002000120260314    103000AOLT|BMi1|BMi2|BNi3|AF续借两册|", &RenewAllResponse{OK: true,
		RenewedCount: 2, UnrenewedCount: 1, TransactionDate: ts, InstitutionID: "LT",
		RenewedItems: []string{"i1", "i2"}, UnrenewedItems: []string{"i3"}, ScreenMessage: []string{"续借两册"}}},
	{"1720260314    103000AOLT|AB39000012345678|ACkpw|", &ItemInformation{TransactionDate: ts,
		InstitutionID: "LT", ItemID: "39000012345678", TerminalPassword: "kpw"}},
	{"1804020420260314    103000CF2|AH" + due + "|CJ20260401    000000|CM20260320    000000|AB39000012345678|AJ红楼梦|BGLT|BHCNY|BV0.50|CK001|AQ总馆|AP东区|CHprops|AFs|AGp|",
		&ItemInformationResponse{CirculationStatus: CirculationCharged, SecurityMarker: SecurityTattleTape,
			FeeType: FeeOverdue, TransactionDate: ts, HoldQueueLength: "2", DueDate: due,
			RecallDate: "20260401    000000", HoldPickupDate: "20260320    000000", ItemID: "39000012345678",
			TitleID: "红楼梦", Owner: "LT", Currency: "CNY", FeeAmount: "0.50", MediaType: MediaBook,
			PermanentLocation: "总馆", CurrentLocation: "东区", ItemProperties: "props",
			ScreenMessage: []string{"s"}, PrintLine: []string{"p"}}},
	{"1920260314    103000AOLT|AB39000012345678|ACkpw|CHprops|", &ItemStatusUpdate{TransactionDate: ts,
		InstitutionID: "LT", ItemID: "39000012345678", TerminalPassword: "kpw", ItemProperties: "props"}},
	{"20120260314    103000AB39000012345678|AJ红楼梦|CHprops|AFs|", &ItemStatusUpdateResponse{
		ItemPropertiesOK: true, TransactionDate: ts, ItemID: "39000012345678", TitleID: "红楼梦",
		ItemProperties: "props", ScreenMessage: []string{"s"}}},
	{"3720260314    1030000400CNYBV1.50|AOLT|AA2024001|ACkpw|AD1234|CGf1|BKtx1|", &FeePaid{TransactionDate: ts,
		FeeType: FeeOverdue, PaymentType: PaymentCash, Currency: "CNY", FeeAmount: "1.50", InstitutionID: "LT",
		PatronID: "2024001", TerminalPassword: "kpw", PatronPassword: "1234", FeeID: "f1", TransactionID: "tx1"}},
	{"38Y20260314    103000AOLT|AA2024001|BKtx1|AF已缴费|", &FeePaidResponse{PaymentAccepted: true,
		TransactionDate: ts, InstitutionID: "LT", PatronID: "2024001", TransactionID: "tx1",
		ScreenMessage: []string{"已缴费"}}},
	{"15+20260314    103000BW" + due + "|BS东区|BY2|AOLT|AA2024001|AD1234|AB39000012345678|AJ红楼梦|ACkpw|BOY|",
		&Hold{HoldMode: HoldAdd, TransactionDate: ts, ExpirationDate: due, PickupLocation: "东区",
			HoldType: HoldAnyCopy, InstitutionID: "LT", PatronID: "2024001", PatronPassword: "1234",
			ItemID: "39000012345678", TitleID: "红楼梦", TerminalPassword: "kpw", FeeAcknowledged: Yes}},
	{"161N20260314    103000BW" + due + "|BR2|BS东区|AOLT|AA2024001|AB39000012345678|AJ红楼梦|AF已预约|",
		&HoldResponse{OK: true, TransactionDate: ts, ExpirationDate: due, QueuePosition: "2",
			PickupLocation: "东区", InstitutionID: "LT", PatronID: "2024001", ItemID: "39000012345678",
			TitleID: "红楼梦", ScreenMessage: []string{"已预约"}}},
	{"3520260314    103000AOLT|AA2024001|ACkpw|AD1234|", &EndPatronSession{TransactionDate: ts,
		InstitutionID: "LT", PatronID: "2024001", TerminalPassword: "kpw", PatronPassword: "1234"}},
	{"36Y20260314    103000AOLT|AA2024001|AF再见|", &EndSessionResponse{EndSession: true,
		TransactionDate: ts, InstitutionID: "LT", PatronID: "2024001", ScreenMessage: []string{"再见"}}},
}

func TestMessageCasesCoverEveryType(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range messageCases {
		seen[c.msg.Code()] = true
	}
	for _, code := range Codes() {
		if !seen[code] {
			t.Errorf("no test case for message %s (%s)", code, New(code).Name())
		}
	}
	if len(Codes()) != 31 {
		t.Errorf("%d message types, want 31", len(Codes()))
	}
}

// withoutOrder returns m with FieldOrder cleared and a missing sequence
// number taken as 0, for comparing with the messages of the table.
func withoutOrder(m Message) Message {
	meta := m.Metadata()
	meta.FieldOrder = nil
	if meta.Seq == NoSeq {
		meta.Seq = 0
	}
	return m
}

func TestMessages(t *testing.T) {
	for _, c := range messageCases {
		t.Run(c.msg.Code(), func(t *testing.T) {
			if got := string(Format(c.msg)); got != c.line {
				t.Errorf("Format:\n got  %s\n want %s", got, c.line)
			}
			m, err := Parse([]byte(c.line))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if reflect.TypeOf(m) != reflect.TypeOf(c.msg) {
				t.Fatalf("Parse gave a %T, want %T", m, c.msg)
			}
			if got := m.Metadata().FieldOrder; len(got) != strings.Count(c.line, "|") {
				t.Errorf("FieldOrder %q: want one entry per field", got)
			}
			if !reflect.DeepEqual(withoutOrder(m), c.msg) {
				t.Errorf("Parse:\n got  %#v\n want %#v", m, c.msg)
			}
			// With error detection and a sequence number, and in GB18030.
			for _, codec := range []Codec{{ErrorDetection: true}, {Charset: GB18030, ErrorDetection: true}} {
				want := reflect.New(reflect.TypeOf(c.msg).Elem())
				want.Elem().Set(reflect.ValueOf(c.msg).Elem())
				wm := want.Interface().(Message)
				if c.msg.Code() != "96" && c.msg.Code() != "97" {
					wm.Metadata().Seq = 7
				}
				b := codec.Format(wm)
				if err := Verify(b); err != nil {
					t.Errorf("%v: Verify(%q): %v", codec.Charset, b, err)
				}
				m, err := codec.Parse(b)
				if err != nil {
					t.Fatalf("%v: Parse(%q): %v", codec.Charset, b, err)
				}
				if c.msg.Code() == "96" || c.msg.Code() == "97" {
					wm.Metadata().Seq = NoSeq
				}
				m.Metadata().FieldOrder = nil
				if !reflect.DeepEqual(m, wm) {
					t.Errorf("%v: parse(format):\n got  %#v\n want %#v", codec.Charset, m, wm)
				}
			}
		})
	}
}

func TestResendHasNoSequenceNumber(t *testing.T) {
	b := Codec{ErrorDetection: true}.Format(&RequestSCResend{})
	if string(b) != "96AZFEF6" {
		t.Errorf("got %q, want 96AZFEF6", b)
	}
	m, err := Parse(appendTrailer([]byte("97"), 3))
	if err != nil {
		t.Fatal(err)
	}
	if m.Metadata().Seq != NoSeq {
		t.Errorf("Seq %d, want NoSeq", m.Metadata().Seq)
	}
}

// Format shapes whatever it is given into the protocol: fixed fields to
// their widths, numbers clamped, delimiters in values blanked.
func TestFormatShapesValues(t *testing.T) {
	m := &CheckoutResponse{
		OK: true, MagneticMedia: Tristate(9), TransactionDate: "2026",
		InstitutionID: "L|T", PatronID: "a\rb\nc", ItemID: "i", TitleID: "书名|第二卷", DueDate: "d",
		Meta: Meta{Unknown: []Field{{ID: "ZZ", Value: "x|y"}}},
	}
	want := "121NUU2026" + strings.Repeat(" ", 14) + "AOL T|AAa b c|ABi|AJ书名 第二卷|AHd|ZZx y|"
	if got := string(Format(m)); got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	r := &RenewAllResponse{RenewedCount: 123456, UnrenewedCount: -3, TransactionDate: ts}
	if got := string(Format(r)); !strings.HasPrefix(got, "660999900002026") {
		t.Errorf("counts not clamped: %q", got)
	}
	l := &Login{UIDAlgorithm: "中", LoginUserID: "u"}
	if got := string(Format(l)); got != "9300CNu|CO|" {
		t.Errorf("fixed field with non-ASCII: %q", got)
	}
	var nilMsg *Checkout
	if got := string(Format(nilMsg)); got != "11" {
		t.Errorf("Format(nil *Checkout) = %q", got)
	}
	if Format(nil) != nil {
		t.Error("Format(nil) != nil")
	}
}

// A parsed message keeps fields it does not model, repeated single fields
// and empty optional fields, and gives them back in order.
func TestUnknownFieldsKept(t *testing.T) {
	line := "1720260314    103000ZZvendor|AOLT|AOagain|AB123|AC|XYz||AFnot in 17|"
	m, err := Parse([]byte(line))
	if err != nil {
		t.Fatal(err)
	}
	ii := m.(*ItemInformation)
	if ii.InstitutionID != "LT" || ii.ItemID != "123" {
		t.Errorf("fields: %+v", ii)
	}
	want := []Field{{"ZZ", "vendor"}, {"AO", "again"}, {"XY", "z"}, {"", ""}, {"AF", "not in 17"}}
	if !reflect.DeepEqual(ii.Unknown, want) {
		t.Errorf("Unknown = %q, want %q", ii.Unknown, want)
	}
	if got := string(Format(m)); got != line {
		t.Errorf("Format:\n got  %s\n want %s", got, line)
	}
	// Change fields: what is gone is left out, what is set is written.
	ii.TerminalPassword = "kpw"
	ii.Unknown = ii.Unknown[:1]
	if got, want := string(Format(m)), "1720260314    103000ZZvendor|AOLT|AB123|ACkpw|"; got != want {
		t.Errorf("after change:\n got  %s\n want %s", got, want)
	}
}

func TestTimestamp(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	at := time.Date(2026, 3, 14, 10, 30, 0, 0, loc)
	if got := NewTimestamp(at); got != "20260314    103000" {
		t.Errorf("NewTimestamp = %q", got)
	}
	if got := NewTimestampUTC(at); got != "20260314   Z023000" {
		t.Errorf("NewTimestampUTC = %q", got)
	}
	for _, c := range []struct {
		ts   Timestamp
		want time.Time
	}{
		{"20260314    103000", at},
		{"20260314   Z023000", at},
		{"20260314UTC 023000", at},
		{"", time.Time{}},
		{"00000000    000000", time.Time{}},
	} {
		got, err := c.ts.Time(loc)
		if err != nil || !got.Equal(c.want) {
			t.Errorf("%q.Time() = %v, %v; want %v", c.ts, got, err, c.want)
		}
	}
	if _, err := Timestamp("20261314    103000").Time(nil); err == nil {
		t.Error("month 13 accepted")
	}
	if got, err := ParseTimestamp("                  "); got != "" || err != nil {
		t.Errorf("blank: %q, %v", got, err)
	}
	for _, s := range []string{"20260230    103000", "20260314    243000", "20260314    106000",
		"20260314    103060", "2026031412345678901", "20260314 a  103000", "2026031X    103000"} {
		if _, err := ParseTimestamp(s); err == nil {
			t.Errorf("ParseTimestamp(%q) accepted", s)
		}
	}
	if _, err := ParseTimestamp("20240229    235959"); err != nil {
		t.Errorf("leap day: %v", err)
	}
}

func TestSummaryAndSupported(t *testing.T) {
	if got := (Summary{SummaryFineItems: true, SummaryRecallItems: true}).Requested(); got != SummaryFineItems {
		t.Errorf("Requested = %d", got)
	}
	if got := (Summary{}).Requested(); got != -1 {
		t.Errorf("Requested = %d", got)
	}
	if got := SupportedMessages("23", "11", "09", "99", "93"); got != "YYYNYNYNNNNNNNNN" {
		t.Errorf("SupportedMessages = %s", got)
	}
}

func TestTristateAndCharsetNames(t *testing.T) {
	if TristateOf(true) != Yes || TristateOf(false) != No || Unknown.String() != "U" {
		t.Error("Tristate")
	}
	for name, want := range map[string]Charset{"UTF-8": UTF8, "utf8": UTF8, "GB18030": GB18030, "gb-18030": GB18030} {
		if got, err := ParseCharset(name); got != want || err != nil {
			t.Errorf("ParseCharset(%q) = %v, %v", name, got, err)
		}
	}
	if _, err := ParseCharset("latin1"); err == nil {
		t.Error("latin1 accepted")
	}
	if GB18030.String() != "GB18030" || UTF8.String() != "UTF-8" {
		t.Error("Charset.String")
	}
	if New("11") == nil || New("XX") != nil {
		t.Error("New")
	}
}

// A type of another package that embeds Meta is written as its code and its
// unknown fields.
type vendorMessage struct{ Meta }

func (*vendorMessage) Code() string { return "ZZ" }
func (*vendorMessage) Name() string { return "vendor message" }

func TestFormatForeignType(t *testing.T) {
	m := &vendorMessage{Meta{Unknown: []Field{{"XA", "1"}, {"XB", "2"}}}}
	if got := string(Codec{ErrorDetection: true}.Format(m)); got != "ZZXA1|XB2|AY0AZFB59" {
		t.Errorf("got %q", got)
	}
	if err := Verify(Codec{ErrorDetection: true}.Format(m)); err != nil {
		t.Error(err)
	}
}
