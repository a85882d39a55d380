package sip2

import "testing"

// BenchmarkCheckout parses a checkout request and formats the response, as
// the server does for each checkout, with error detection.
func BenchmarkCheckout(b *testing.B) {
	line := []byte("11YN20260314    103000                  AOLT|AA2024001|AB39000012345678|ACkpw|AD1234|BON|AY3AZ")
	line = appendTrailer(line[:len(line)-5], 3)
	codec := Codec{ErrorDetection: true}
	b.ReportAllocs()
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		m, err := codec.Parse(line)
		if err != nil {
			b.Fatal(err)
		}
		co := m.(*Checkout)
		resp := &CheckoutResponse{OK: true, Desensitize: Yes, MagneticMedia: No, TransactionDate: co.TransactionDate,
			InstitutionID: co.InstitutionID, PatronID: co.PatronID, ItemID: co.ItemID,
			TitleID: "红楼梦", DueDate: due, ScreenMessage: []string{"借书成功"}}
		resp.Seq = co.Seq
		_ = codec.Format(resp)
	}
}

// BenchmarkCheckoutGB18030 is BenchmarkCheckout for a GB18030 kiosk.
func BenchmarkCheckoutGB18030(b *testing.B) {
	codec := Codec{Charset: GB18030, ErrorDetection: true}
	req := &Checkout{TransactionDate: ts, InstitutionID: "兰台", PatronID: "读者2024001", ItemID: "39000012345678", TerminalPassword: "k"}
	line := codec.Format(req)
	b.ReportAllocs()
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		m, err := codec.Parse(line)
		if err != nil {
			b.Fatal(err)
		}
		co := m.(*Checkout)
		resp := &CheckoutResponse{OK: true, Desensitize: Yes, TransactionDate: co.TransactionDate,
			InstitutionID: co.InstitutionID, PatronID: co.PatronID, ItemID: co.ItemID,
			TitleID: "红楼梦", DueDate: due, ScreenMessage: []string{"借书成功"}}
		resp.Seq = co.Seq
		_ = codec.Format(resp)
	}
}
