package marc

import (
	"bytes"
	"sync"
	"testing"
)

// TestConcurrentReads reads the fields of records, parsed on first use, from
// several goroutines at once (run with -race to check).
func TestConcurrentReads(t *testing.T) {
	recs := readAll(t, NewReader(bytes.NewReader(readFile(t, "marc21", "evergreen", "lul_fre_500.mrc"))))
	var wg sync.WaitGroup
	titles := make([][]string, 4)
	for g := range titles {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, r := range recs {
				titles[g] = append(titles[g], r.SubValue("245", 'a'))
				_ = r.Warnings()
			}
		}()
	}
	wg.Wait()
	for g := 1; g < len(titles); g++ {
		for i := range titles[0] {
			if titles[g][i] != titles[0][i] {
				t.Fatalf("goroutine %d saw %q for record %d, goroutine 0 %q", g, titles[g][i], i+1, titles[0][i])
			}
		}
	}
	if titles[0][0] == "" {
		t.Fatal("no title in the first record")
	}
}
