package sip2_test

import (
	"errors"
	"fmt"
	"strings"

	"lantai.dev/lantai/internal/sip2"
)

// A server reads a request, answers a bad checksum with a request to
// resend, and answers a checkout with the request's sequence number.
func Example() {
	conn := strings.NewReader("11YN20260314    103000                  AOLT|AA2024001|AB39000012345678|AC|AY2AZF000\r" +
		"11YN20260314    103000                  AOLT|AA2024001|AB39000012345678|AC|AY3AZEF47\r")
	var out strings.Builder
	r, w := sip2.NewReader(conn), sip2.NewWriter(&out)
	w.Codec.ErrorDetection = true
	for {
		m, err := r.ReadMessage()
		if errors.Is(err, sip2.ErrChecksum) {
			fmt.Println(err)
			_ = w.WriteMessage(&sip2.RequestSCResend{})
			continue
		}
		if err != nil {
			break
		}
		switch req := m.(type) {
		case *sip2.Checkout:
			resp := &sip2.CheckoutResponse{
				OK: true, Desensitize: sip2.Yes, MagneticMedia: sip2.No,
				TransactionDate: "20260314    103001",
				InstitutionID:   req.InstitutionID, PatronID: req.PatronID, ItemID: req.ItemID,
				TitleID: "红楼梦", DueDate: "20260414    235900",
				ScreenMessage: []string{"借书成功"},
			}
			resp.Seq = req.Seq
			_ = w.WriteMessage(resp)
		}
	}
	fmt.Println(strings.ReplaceAll(out.String(), "\r", "\n"))
	// Output:
	// sip2: checkout (11): bad checksum: got AZF000, computed AZEF48
	// 96AZFEF6
	// 121NNY20260314    103001AOLT|AA2024001|AB39000012345678|AJ红楼梦|AH20260414    235900|AF借书成功|AY3AZDCA6
}
