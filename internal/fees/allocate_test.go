package fees

import (
	"fmt"
	"testing"
)

func TestAllocate(t *testing.T) {
	owed := func(id, fen int64) EntryState {
		return EntryState{Entry: Entry{ID: id, AmountFen: fen}, OutstandingFen: fen}
	}
	entries := []EntryState{owed(1, 150), owed(2, 0), owed(3, 4500), owed(4, 500)}
	cases := []struct {
		amount   int64
		want     string
		leftover int64
	}{
		{100, "[{1 100}]", 0},
		{150, "[{1 150}]", 0},
		{1000, "[{1 150} {3 850}]", 0},
		{5150, "[{1 150} {3 4500} {4 500}]", 0},
		{6000, "[{1 150} {3 4500} {4 500}]", 850},
		{0, "[]", 0},
	}
	for _, c := range cases {
		got, left := allocate(entries, c.amount)
		if s := fmt.Sprint(got); s != c.want || left != c.leftover {
			t.Errorf("allocate %d: %s left %d, want %s left %d", c.amount, s, left, c.want, c.leftover)
		}
	}
}

func TestChoose(t *testing.T) {
	all := []EntryState{
		{Entry: Entry{ID: 1}, OutstandingFen: 0},
		{Entry: Entry{ID: 2}, OutstandingFen: 10},
		{Entry: Entry{ID: 3}, OutstandingFen: 20},
	}
	ids := func(es []EntryState) string {
		var out []int64
		for _, e := range es {
			out = append(out, e.ID)
		}
		return fmt.Sprint(out)
	}
	if got, err := choose(all, nil); err != nil || ids(got) != "[2 3]" {
		t.Errorf("all outstanding: %s %v", ids(got), err)
	}
	if got, err := choose(all, []int64{3, 2, 3}); err != nil || ids(got) != "[2 3]" {
		t.Errorf("chosen, oldest first, once: %s %v", ids(got), err)
	}
	if _, err := choose(all, []int64{1}); err == nil {
		t.Error("a settled charge was chosen")
	}
	if _, err := choose(all, []int64{9}); err == nil {
		t.Error("another reader's charge was chosen")
	}
}

func TestFormatYuan(t *testing.T) {
	cases := map[int64]string{0: "0.00", 5: "0.05", 150: "1.50", 123456: "1234.56", -250: "-2.50", 100_000_000: "1000000.00"}
	for fen, want := range cases {
		if got := FormatYuan(fen); got != want {
			t.Errorf("FormatYuan(%d) = %q, want %q", fen, got, want)
		}
	}
}
