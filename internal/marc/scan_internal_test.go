package marc

import (
	"math/rand"
	"testing"
)

// TestScanBytesFastPath checks the word-at-a-time skip of scanBytes against
// a byte-by-byte scan.
func TestScanBytesFastPath(t *testing.T) {
	slow := func(b []byte) byteStats {
		st := byteStats{utf8: true}
		for _, c := range b {
			if c >= 0x80 {
				st.high = true
			} else if c == 0x1b {
				st.esc = true
			} else if c < 0x1d || c == 0x7f {
				st.ctrl = true
			}
		}
		return st
	}
	rng := rand.New(rand.NewSource(7))
	alphabet := []byte{'a', ' ', '0', 0x1d, 0x1e, 0x1f, 0x1b, 0x01, 0x7f, 0x7e, 0x80, 0xe1, 0xff, 0x1c}
	for n := 0; n < 20000; n++ {
		b := make([]byte, rng.Intn(40))
		for i := range b {
			if rng.Intn(6) == 0 {
				b[i] = alphabet[rng.Intn(len(alphabet))]
			} else {
				b[i] = byte(0x20 + rng.Intn(0x5f))
			}
		}
		got, want := scanBytes(b), slow(b)
		if !want.high && !want.esc {
			want.ctrl = false // not looked for in pure ASCII
		}
		if got.high != want.high || got.esc != want.esc || got.ctrl != want.ctrl {
			t.Fatalf("scanBytes(%q) = %+v, want %+v", b, got, want)
		}
	}
}

// TestFindDelimiters checks the sixteen-bytes-at-a-time search against a
// plain loop.
func TestFindDelimiters(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	for n := 0; n < 5000; n++ {
		b := make([]byte, rng.Intn(70))
		for i := range b {
			switch rng.Intn(5) {
			case 0:
				b[i] = 0x1f
			case 1:
				b[i] = byte(rng.Intn(256))
			default:
				b[i] = 'a'
			}
		}
		var want []int32
		for i, c := range b {
			if c == 0x1f {
				want = append(want, int32(i))
			}
		}
		got := findDelimiters(nil, string(b))
		if len(got) != len(want) {
			t.Fatalf("findDelimiters(%q) = %v, want %v", b, got, want)
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("findDelimiters(%q) = %v, want %v", b, got, want)
			}
		}
	}
}
