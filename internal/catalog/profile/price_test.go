package profile

import "testing"

func TestParsePrice(t *testing.T) {
	cases := []struct {
		in       string
		amount   int64
		currency string
		ok       bool
	}{
		{"CNY39.80", 3980, "CNY", true},
		{"CNY39.8", 3980, "CNY", true},
		{"CNY 39.80", 3980, "CNY", true},
		{"￥39.80", 3980, "CNY", true},
		{"¥39.80", 3980, "CNY", true},
		{"RMB 39.8", 3980, "CNY", true},
		{"RMB39.80元", 3980, "CNY", true},
		{"人民币39.80", 3980, "CNY", true},
		{"39.80元", 3980, "CNY", true},
		{"39元", 3900, "CNY", true},
		{"定价：39.80元", 3980, "CNY", true},
		{"CNY59.80(含光盘)", 5980, "CNY", true},
		{"CNY1200.00(全18册)", 120000, "CNY", true},
		{"全2册 CNY56.00", 5600, "CNY", true},
		{"[CNY39.80]", 3980, "CNY", true},
		{"ＣＮＹ３９．８０", 3980, "CNY", true},
		{"3元5角", 350, "CNY", true},
		{"1元2角5分", 125, "CNY", true},
		{"5角", 50, "CNY", true},
		{"USD29.95", 2995, "USD", true},
		{"US$29.95", 2995, "USD", true},
		{"$19.95", 1995, "USD", true},
		{"29.95美元", 2995, "USD", true},
		{"29.95 USD", 2995, "USD", true},
		{"HK$168.00", 16800, "HKD", true},
		{"HKD98", 9800, "HKD", true},
		{"98港币", 9800, "HKD", true},
		{"NT$380", 38000, "TWD", true},
		{"NTD380", 38000, "TWD", true},
		{"新台币380元", 38000, "TWD", true},
		{"380新台币", 38000, "TWD", true},
		{"1200日元", 120000, "JPY", true},
		{"JPY1,200", 120000, "JPY", true},
		{"€12,50", 1250, "EUR", true},
		{"£8.99", 899, "GBP", true},
		{"EUR 1,234.50", 123450, "EUR", true},
		{"[50000] lei", 5000000, "RON", true},
		{"39.80", 3980, "", true},
		{"39.805", 3980, "", true},
		{"赠阅", 0, "", false},
		{"非卖品", 0, "", false},
		{"大洋七角", 0, "", false},
		{"", 0, "", false},
	}
	for _, c := range cases {
		p, ok := ParsePrice(c.in)
		if ok != c.ok || p.Amount != c.amount || p.Currency != c.currency || p.Valid != c.ok {
			t.Errorf("ParsePrice(%q) = %+v, %v; want %d %q %v", c.in, p, ok, c.amount, c.currency, c.ok)
		}
		if p.Raw != trimSpace(c.in) {
			t.Errorf("ParsePrice(%q).Raw = %q", c.in, p.Raw)
		}
	}
}
