package profile

import (
	"testing"

	"lantai.dev/lantai/internal/isbn"
)

// TestQuickISBNAgrees checks the fast path of newISBN against isbn.Parse:
// whatever quickISBN accepts, isbn.Parse accepts with the same ISBN-13, and
// every ISBN in the shared records gives the same result both ways.
func TestQuickISBNAgrees(t *testing.T) {
	inputs := []string{
		"978-7-5366-9293-0", "9787536692930", "7536692935", "7-5366-9293-5", "7-02-000220-X", "702000220x",
		"0-201-89683-4", "979-10-90636-07-1", "9791090636071", "9780756407117 (hc.)", "7-02-000220-X (平装)",
		"7-02-000220-X(平装)", "978 7 111 54493 7", "9787536692930 : CNY23.00", "7536692935 23.00",
		"7536692935 123", "9787536692930 1", "7536692935  (pbk.)", "7-02-000220-X 平装",
		// refused by the fast path (left to isbn.Parse)
		"978-7-5366-9293-1", "7-02-000221-X", "97875366929301", "978--7536692930", "-9787536692930",
		"9787536692930-", "ISBN 9787536692930", "9787536692930 (pbk.)", "９７８７５３６６９２９３０",
		"X702000220", "70200X2201", "1234567890123", "", "12345", "75366929 35", "7536692935-", "702000220X1",
		"978-7-5366-9293-0 (v. 1) 9787536692947",
	}
	recs, _ := readShared(t)
	for _, s := range recs {
		for _, f := range s.r.Fields("020", "010") {
			inputs = append(inputs, f.Subs('a')...)
		}
	}
	_, fx := loadFixtures(t)
	for _, r := range fx {
		for _, f := range r.Fields("010") {
			inputs = append(inputs, f.Subs('a')...)
			inputs = append(inputs, f.Subs('z')...)
		}
	}
	fast := 0
	for _, in := range inputs {
		raw := trimISBD(in)
		n, err := isbn.Parse(raw)
		if d, ok := quickISBN(raw); ok {
			fast++
			if err != nil || n.ISBN13() != d {
				t.Errorf("quickISBN(%q) = %s, isbn.Parse = %v, %v", raw, d, n, err)
			}
		}
		x := newISBN(in, false)
		if x.Valid != (err == nil) || (err == nil && x.ISBN13 != n.ISBN13()) {
			t.Errorf("newISBN(%q) = %+v, isbn.Parse = %v, %v", in, x, n, err)
		}
	}
	if fast < 10 {
		t.Errorf("the fast path took only %d of %d inputs", fast, len(inputs))
	}
}

func TestParenthesised(t *testing.T) {
	cases := map[string]string{
		"7-02-000220-X (平装)":  "平装",
		"7-02-000220-X（精装）":   "精装",
		"0395673461 (pbk.) :": "pbk.",
		"9787536692930":       "",
		"9787536692930 (v. 1": "v. 1",
	}
	for in, want := range cases {
		if got := parenthesised(in); got != want {
			t.Errorf("parenthesised(%q) = %q, want %q", in, got, want)
		}
	}
}
