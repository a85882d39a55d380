package sip2

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const (
	d18 = "20210814    083455"
	// A valid checkout, for the cases below to break.
	goodCheckout = "11NN" + d18 + d18 + "AOinstitutionId|AApatronId|ABitemId|AC|"
)

func TestParseErrors(t *testing.T) {
	for _, c := range []struct {
		line string
		want string // the whole error, or a part of it after "..."
	}{
		// Short fixed fields.
		{"11NN2021081", `sip2: checkout (11): fixed field "transaction date" at position 4: want 18 characters "YYYYMMDDZZZZHHMMSS", got "2021081"`},
		{"11", `sip2: checkout (11): fixed field "SC renewal policy" at position 2: want 1 character "Y" or "N", got ""`},
		{"11NN" + d18 + "2021", `sip2: checkout (11): fixed field "nb due date" at position 22: want 18 characters "YYYYMMDDZZZZHHMMSS", got "2021"`},
		{"6300120210814    083455  Y", `sip2: patron information (63): fixed field "summary" at position 23: want 10 characters "Y" or " ", got "  Y"`},
		{"64              00120210814    0834550001", `...fixed field "overdue items count" at position 41: want 4 digits, got ""`},
		{"99", `sip2: SC status (99): fixed field "status code" at position 2: want 1 character of "012", got ""`},
		// Bad dates.
		{"11NN20211314    083455" + d18 + "AO|", `...fixed field "transaction date" at position 4: want 18 characters "YYYYMMDDZZZZHHMMSS" (month 13), got "20211314    083455"`},
		{"11NN20210230    083455" + d18 + "AO|", `...(day 30 of month 02), got "20210230    083455"`},
		{"11NN20210814    243455" + d18 + "AO|", `...(hour 24)`},
		{"11NN20210814    08x455" + d18 + "AO|", `...(digit expected at offset 14)`},
		{"11NN202108141234083455" + d18 + "AO|", `...(time zone must be blanks or letters)`},
		{"09N" + d18 + "2021-08-14  08:34:55AP|", `sip2: checkin (09): fixed field "return date" at position 21: want 18 characters "YYYYMMDDZZZZHHMMSS" (digit expected at offset 4), got "2021-08-14  08:34:55"[:18]`},
		// Bad flags and codes.
		{"11YX" + d18 + d18 + "AO|", `sip2: checkout (11): fixed field "no block" at position 3: want 1 character "Y" or "N", got "X"`},
		{"11yN" + d18 + d18 + "AO|", `...fixed field "SC renewal policy" at position 2: want 1 character "Y" or "N", got "y"`},
		{"12YNYY" + d18 + "AO|", `sip2: checkout response (12): fixed field "ok" at position 2: want 1 character "0" or "1", got "Y"`},
		{"121NYX" + d18 + "AO|", `...fixed field "desensitize" at position 5: want 1 character "Y", "N" or "U", got "X"`},
		{goodCheckout + "BOX|", `sip2: checkout (11): field BO (fee acknowledged) at position 79: want "Y" or "N", got "X"`},
		{goodCheckout + "BIyes|", `...field BI (cancel) at position 79: want "Y" or "N", got "yes"`},
		{"24  X           001" + d18, `...fixed field "patron status" at position 2: want 14 characters "Y" or " " (offset 2), got "  X           "`},
		{"23ENG" + d18 + "AO|", `sip2: patron status request (23): fixed field "language" at position 2: want 3 digits, got "ENG"`},
		{"99308002.00", `...fixed field "status code" at position 2: want 1 character of "012", got "3"`},
		{"990 802.00", `...fixed field "max print width" at position 3: want 3 digits, got " 80"`},
		{"990080v2.0", `...fixed field "protocol version" at position 6: want 4 characters "9.99", got "v2.0"`},
		{"15x" + d18 + "AO|", `sip2: hold (15): fixed field "hold mode" at position 2: want 1 character of "+-*", got "x"`},
		{"37" + d18 + "04AA", `sip2: fee paid (37): fixed field "payment type" at position 22: want 2 digits, got "AA"`},
		{"37" + d18 + "0400C|Y", `...fixed field "currency type" at position 24: want 3 printable ASCII characters, got "C|Y"`},
		{"93|0CNu|", `sip2: login (93): fixed field "UID algorithm" at position 2: want 1 printable ASCII character, got "|"`},
		// Missing terminators.
		{"11NN" + d18 + d18 + "AOinstitutionId|AApatronId", `sip2: checkout (11): variable field at position 56: missing field terminator "|" after "AApatronId"`},
		{"9300CNuser|COpass", `...missing field terminator "|" after "COpass"`},
		{"9300CNuser|AY1", `...missing field terminator "|" after "AY1"`}, // a sequence number needs a checksum
		// Not a message.
		{"", `sip2: want a two-digit message identifier, got ""`},
		{"1", `sip2: want a two-digit message identifier, got "1"`},
		{"XX", `sip2: unknown message identifier "XX"`},
		{"\r\n", `sip2: want a two-digit message identifier, got ""`},
		// Text.
		{"20000000101AAAA000000\r|", `sip2: item status update response (20): text at position 21: CR or LF inside the message (a message ends at its CR)`},
		{"9300CNa\nb|CO|", `...text at position 7: CR or LF inside`},
		{"17" + d18 + "AOinst\xff|AB1|", `sip2: item information (17): text at position 26: invalid UTF-8 (is the machine sending GB18030?)`},
	} {
		_, err := Parse([]byte(c.line))
		if err == nil {
			t.Errorf("Parse(%q): no error, want %s", c.line, c.want)
			continue
		}
		want, part := c.want, false
		if w, ok := strings.CutPrefix(want, "..."); ok {
			want, part = w, true
		}
		if i := strings.Index(want, `"[:18]`); i >= 0 { // shorthand: a value cut to 18 characters
			v := want[strings.LastIndex(want[:i], `"`)+1 : i]
			want = want[:strings.LastIndex(want[:i], `"`)+1] + v[:18] + `"`
		}
		if part && !strings.Contains(err.Error(), want) || !part && err.Error() != want {
			t.Errorf("Parse(%q):\n got  %v\n want %s", c.line, err, c.want)
		}
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q): %T, want *ParseError", c.line, err)
		}
	}
}

func TestChecksum(t *testing.T) {
	// The example of the specification: 97 with checksum only.
	if got := Checksum([]byte("97AZ")); got != 0xFEF5 {
		t.Errorf("Checksum(97AZ) = %04X, want FEF5", got)
	}
	if got := Checksum(nil); got != 0 {
		t.Errorf("Checksum(nil) = %04X", got)
	}
	// The 16-bit sum wraps.
	long := bytes.Repeat([]byte{0xFF}, 300) // 300*255 = 76500 = 0x12AD4
	if got := Checksum(long); got != uint16(0x10000-0x2AD4) {
		t.Errorf("Checksum(long) = %04X", got)
	}
	good := "9300CNuser|COpasswd|CPlocation|AY0AZF2FB"
	if err := Verify([]byte(good + "\r")); err != nil {
		t.Errorf("Verify: %v", err)
	}
	if err := Verify([]byte("9300CNuser|COpasswd|CPlocation|AY0AZf2fb")); err != nil {
		t.Errorf("Verify with lower-case hex: %v", err)
	}
	if err := Verify([]byte("9300CNuser|")); !errors.Is(err, ErrNoChecksum) {
		t.Errorf("Verify without checksum: %v", err)
	}
	for _, bad := range []string{
		"9300CNuser|COpasswd|CPlocation|AY0AZF2FC", // checksum changed
		"9300CNuser|COpasswd|CPlocatiom|AY0AZF2FB", // body changed
		"9300CNuser|COpasswd|CPlocation|AY1AZF2FB", // sequence number changed
	} {
		err := Verify([]byte(bad))
		var ce *ChecksumError
		if !errors.Is(err, ErrChecksum) || !errors.As(err, &ce) || ce.Code != "93" || ce.Name != "login" {
			t.Errorf("Verify(%q) = %v", bad, err)
		}
		_, err = Parse([]byte(bad))
		if !errors.Is(err, ErrChecksum) {
			t.Errorf("Parse(%q) = %v, want ErrChecksum", bad, err)
		}
	}
	_, err := Parse([]byte("9300CNuser|COpasswd|CPlocation|AY0AZF2FC"))
	if want := "sip2: login (93): bad checksum: got AZF2FC, computed AZF2FB"; err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	// A checksum on a message of unknown type is still checked first.
	if _, err := Parse([]byte("XXfoo|AZ0000")); !errors.Is(err, ErrChecksum) {
		t.Errorf("unknown type, bad checksum: %v", err)
	}
	// A machine configured for error detection must send checksums.
	strict := Codec{ErrorDetection: true}
	if _, err := strict.Parse([]byte("9300CNuser|COpasswd|")); !errors.Is(err, ErrNoChecksum) {
		t.Errorf("strict without checksum: %v", err)
	}
	if _, err := strict.Parse([]byte(good)); err != nil {
		t.Errorf("strict: %v", err)
	}
	// Format appends AY and AZ when asked, and the result verifies.
	m := &Login{UIDAlgorithm: "0", PWDAlgorithm: "0", LoginUserID: "user", LoginPassword: "passwd", LocationCode: "location"}
	if got := string(strict.Format(m)); got != good {
		t.Errorf("Format = %q, want %q", got, good)
	}
	m.Seq = NoSeq
	if got := string(strict.Format(m)); got != "9300CNuser|COpasswd|CPlocation|AZF3C5" {
		t.Errorf("Format without sequence number = %q", got)
	}
	if err := Verify(strict.Format(m)); err != nil {
		t.Error(err)
	}
}

// In GB18030 the checksum is over the GB18030 bytes: what is sent.
func TestChecksumOverGB18030Body(t *testing.T) {
	m := &CheckinResponse{OK: true, Resensitize: true, MagneticMedia: No, TransactionDate: ts,
		InstitutionID: "兰台", ItemID: "39000012345678", PermanentLocation: "总馆", TitleID: "红楼梦",
		SortBin: "3", ScreenMessage: []string{"请放入3号箱"}}
	m.Seq = 4
	gb := Codec{Charset: GB18030, ErrorDetection: true}
	got := gb.Format(m)

	text := string(Format(m)) // UTF-8, no trailer
	body, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(text + "AY4AZ"))
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Appendf(body, "%04X", Checksum(body))
	if !bytes.Equal(got, want) {
		t.Fatalf("GB18030 Format:\n got  %q\n want %q", got, want)
	}
	if bytes.Contains(got, []byte("红")) {
		t.Error("GB18030 output holds UTF-8 text")
	}
	if err := Verify(got); err != nil {
		t.Errorf("Verify: %v", err)
	}
	back, err := gb.Parse(got)
	if err != nil {
		t.Fatal(err)
	}
	back.Metadata().FieldOrder = nil
	if back.(*CheckinResponse).TitleID != "红楼梦" || back.Metadata().Seq != 4 {
		t.Errorf("GB18030 Parse: %+v", back)
	}
	// Read as UTF-8 the bytes are not text.
	if _, err := Parse(got); err == nil || !strings.Contains(err.Error(), "invalid UTF-8") {
		t.Errorf("GB18030 bytes parsed as UTF-8: %v", err)
	}
	// A checksum computed over the UTF-8 text but sent with a GB18030
	// body does not match: the sender got the rule wrong.
	utf := Codec{ErrorDetection: true}.Format(m)
	sum := string(utf[len(utf)-4:])
	wrong := append(body[:len(body):len(body)], sum...)
	if _, err := gb.Parse(wrong); !errors.Is(err, ErrChecksum) {
		t.Errorf("checksum over UTF-8 with GB18030 body: %v", err)
	}
}

// In GB18030 the second byte of a character may be "|" (亅 is 0x81 0x7C);
// fields are split after decoding, so such a character does not end a
// field.
func TestGB18030PipeTrailByte(t *testing.T) {
	m := &CheckoutResponse{OK: true, TransactionDate: ts, InstitutionID: "LT", PatronID: "p",
		ItemID: "i", TitleID: "亅部", DueDate: due}
	gb := Codec{Charset: GB18030}
	b := gb.Format(m)
	if !bytes.Contains(b, []byte{0x81, '|'}) {
		t.Fatalf("test needs a raw | inside a character: %x", b)
	}
	got, err := gb.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.(*CheckoutResponse).TitleID != "亅部" || len(got.Metadata().Unknown) != 0 {
		t.Errorf("got %+v", got)
	}
}
