package search

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestParseIDList(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []int64
		bad  bool
	}{
		{"", nil, false},
		{"7", []int64{7}, false},
		{"1,22,333", []int64{1, 22, 333}, false},
		{"1,,2", nil, true},
		{"1,2,", nil, true},
		{"1,x", nil, true},
		{"12345678901234567890", nil, true},
	} {
		got, err := parseIDList(c.in)
		if (err != nil) != c.bad || fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("parseIDList(%q) = %v, %v", c.in, got, err)
		}
	}
}

func TestTopKKeepsTheLargest(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, k := range []int{1, 3, 20, 500} {
		var all []uint64
		top := topK{k: k}
		for i := 0; i < 2000; i++ {
			v := rng.Uint64N(1000) // duplicates included
			all = append(all, v)
			top.push(v)
		}
		slices.SortFunc(all, func(a, b uint64) int { return int(b) - int(a) })
		if got, want := top.sorted(), all[:k]; !slices.Equal(got, want) {
			t.Fatalf("k=%d: %v, want %v", k, got[:min(5, len(got))], want[:min(5, len(want))])
		}
	}
}

func TestSlotRoundTrip(t *testing.T) {
	a := attr{present: true, year: 2019, class: 'K', material: 3, language: 300, branches: 1<<63 | 5, available: 4, loans: 1<<32 - 1}
	b := make([]byte, slotSize)
	a.put(b)
	if got := slotAttr(b); got != a {
		t.Fatalf("slot round trip: %+v, want %+v", got, a)
	}
	(attr{}).put(b)
	if slotAttr(b) != (attr{}) {
		t.Fatal("an empty slot is not empty")
	}
	if chunkOf(300) != 2 || slotOf(300) != (300-256)*slotSize {
		t.Fatal("slot position")
	}
}

func TestWriteJSONString(t *testing.T) {
	for in, want := range map[string]string{
		"kw图书 ti\"x\\": `"kw图书 ti\"x\\"`,
		"a\nb\x01":     `"a\u000ab\u0001"`,
	} {
		var sb strings.Builder
		writeJSONString(&sb, in)
		if sb.String() != want {
			t.Errorf("writeJSONString(%q) = %s, want %s", in, sb.String(), want)
		}
	}
}
