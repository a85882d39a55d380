package marc

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

var (
	testdataOnce sync.Once
	testdataDir  string
	testdataErr  error
)

// testdata returns the path of the shared test data folder (shared/testdata
// beside the repository root), found by walking up from the package folder.
// It fails the test when the folder is missing.
func testdata(t testing.TB, elem ...string) string {
	t.Helper()
	testdataOnce.Do(func() {
		dir, err := os.Getwd()
		if err != nil {
			testdataErr = err
			return
		}
		for {
			cand := filepath.Join(dir, "shared", "testdata")
			if fi, err := os.Stat(filepath.Join(cand, "README.md")); err == nil && !fi.IsDir() {
				testdataDir = cand
				return
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				testdataErr = errors.New("shared/testdata not found in any parent folder of the package " +
					"(it must sit beside the repository clone, e.g. /work/shared/testdata for /work/main)")
				return
			}
			dir = parent
		}
	})
	if testdataErr != nil {
		t.Fatalf("test data: %v", testdataErr)
	}
	return filepath.Join(append([]string{testdataDir}, elem...)...)
}

// readFile reads a test data file or fails the test.
func readFile(t testing.TB, elem ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(testdata(t, elem...))
	if err != nil {
		t.Fatalf("read test data: %v", err)
	}
	return b
}

// readAll reads every record of rr, failing the test on any error.
func readAll(t testing.TB, rr RecordReader) []*Record {
	t.Helper()
	var out []*Record
	for {
		rec, err := rr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("record %d: %v", len(out)+1, err)
		}
		out = append(out, rec)
	}
}
