package catalog_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/db/dbtest"
	"lantai.dev/lantai/internal/marc"
)

const commonHan = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质"

// syntheticFile writes n distinct CNMARC book records (random Chinese
// titles and authors, valid ISBNs, CLC classes, years) as ISO 2709.
func syntheticFile(tb testing.TB, n int) string {
	rng := rand.New(rand.NewPCG(1, 2))
	han := []rune(commonHan)
	word := func(k int) string {
		r := make([]rune, k)
		for i := range r {
			r[i] = han[rng.IntN(len(han))]
		}
		return string(r)
	}
	classes := []string{"I247.5", "TP311.13", "K825.6", "D920.4", "O13", "F832", "G252", "R197.3", "H319.4", "B222.2"}
	path := filepath.Join(tb.TempDir(), "synthetic.mrc")
	f, err := os.Create(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	w := marc.NewWriter(f)
	for i := 0; i < n; i++ {
		isbn12 := fmt.Sprintf("9787%08d", i)
		r := &marc.Record{Leader: marc.Leader([]byte("00000nam0 2200000   450 "))}
		author := word(2 + rng.IntN(2))
		r.Add(
			marc.NewControlField("001", fmt.Sprintf("SYN%08d", i)),
			marc.NewDataField("010", ' ', ' ', "a", isbn13(isbn12), "d", fmt.Sprintf("CNY%d.%02d", 10+rng.IntN(90), rng.IntN(100))),
			marc.NewDataField("100", ' ', ' ', "a", "20230115d2023    em y0chiy50      ea"),
			marc.NewDataField("101", '0', ' ', "a", "chi"),
			marc.NewDataField("200", '1', ' ', "a", word(2+rng.IntN(8)), "e", word(4), "f", author+"著"),
			marc.NewDataField("210", ' ', ' ', "a", "北京", "c", word(2)+"出版社", "d", fmt.Sprint(1980+rng.IntN(45))),
			marc.NewDataField("215", ' ', ' ', "a", fmt.Sprintf("%d页", 100+rng.IntN(500)), "d", "24cm"),
			marc.NewDataField("330", ' ', ' ', "a", word(40)),
			marc.NewDataField("606", '0', ' ', "a", word(3), "x", word(2)),
			marc.NewDataField("690", ' ', ' ', "a", classes[rng.IntN(len(classes))], "v", "5"),
			marc.NewDataField("701", ' ', '0', "a", author, "4", "著"),
		)
		if err := w.Write(r); err != nil {
			tb.Fatal(err)
		}
	}
	return path
}

// BenchmarkImport imports a synthetic 100,000-record CNMARC file into an
// empty catalogue and reports records per second (derived fields included).
// The PostgreSQL variant runs when LANTAI_TEST_POSTGRES is set.
func BenchmarkImport(b *testing.B) {
	n := 100_000
	if testing.Short() {
		n = 10_000
	}
	file := syntheticFile(b, n)
	for _, engine := range []string{"sqlite", "postgres"} {
		b.Run(engine, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				var d *db.DB
				if engine == "sqlite" {
					d = dbtest.SQLite(b, nil)
				} else {
					if os.Getenv(dbtest.EnvPostgres) == "" {
						b.Skip("set " + dbtest.EnvPostgres)
					}
					d = dbtest.Postgres(b, nil)
				}
				s := catalog.NewService(d)
				data, _ := os.ReadFile(file)
				rr, _, _ := catalog.OpenMARC(bytes.NewReader(data), "auto", "auto")
				b.StartTimer()
				start := time.Now()
				sum, err := s.Import(context.Background(), cli, rr, catalog.ImportOptions{}, nil)
				if err != nil || sum.Created != n {
					b.Fatalf("%+v %v", sum.ImportProgress, err)
				}
				b.ReportMetric(float64(n)/time.Since(start).Seconds(), "records/s")
			}
		})
	}
}
