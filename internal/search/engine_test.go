package search_test

import (
	"context"
	"strings"
	"testing"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/db"
	"lantai.dev/lantai/internal/db/dbtest"
	"lantai.dev/lantai/internal/marc"
	"lantai.dev/lantai/internal/search"
)

var cli = auth.CLIActor("test")

func book(title, author, isbn, class, year string, subjects ...string) *marc.Record {
	r := &marc.Record{Leader: marc.Leader([]byte("00000nam0 2200000   450 "))}
	r.Add(marc.NewDataField("010", ' ', ' ', "a", isbn, "d", "CNY39.80"),
		marc.NewDataField("100", ' ', ' ', "a", "20230115d"+year+"    em y0chiy50      ea"),
		marc.NewDataField("101", '0', ' ', "a", "chi"),
		marc.NewDataField("200", '1', ' ', "a", title, "f", author+"著"),
		marc.NewDataField("210", ' ', ' ', "a", "北京", "c", "人民文学出版社", "d", year))
	for _, s := range subjects {
		r.Add(marc.NewDataField("606", '0', ' ', "a", s))
	}
	r.Add(marc.NewDataField("690", ' ', ' ', "a", class, "v", "5"),
		marc.NewDataField("701", ' ', '0', "a", author, "4", "著"))
	return r
}

type fixture struct {
	d   *db.DB
	s   *catalog.Service
	e   *search.Engine
	ids map[string]int64
}

func setup(t *testing.T, fn func(t *testing.T, f fixture)) {
	dbtest.Each(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		s := catalog.NewService(d)
		f := fixture{d: d, s: s, e: search.NewEngine(d), ids: map[string]int64{}}
		add := func(key string, m *marc.Record, barcode, call, location string, available bool) {
			r, err := s.CreateRecord(ctx, cli, m)
			if err != nil {
				t.Fatal(err)
			}
			f.ids[key] = r.ID
			if barcode == "" {
				return
			}
			st := catalog.InProcessing
			if available {
				st = catalog.Available
			}
			if _, err := s.CreateItem(ctx, cli, catalog.NewItem{RecordID: r.ID, Barcode: barcode, CallNumber: call, Location: location,
				Collection: "zw", ItemType: "book", Status: st}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.SaveCode(ctx, cli, catalog.Branches, catalog.Code{Code: "east", NameZH: "东区分馆", NameEN: "East"}); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveCode(ctx, cli, catalog.Locations, catalog.Code{Code: "east-stacks", Branch: "east", NameZH: "东区书库", NameEN: "East stacks"}); err != nil {
			t.Fatal(err)
		}
		add("history", book("中国历史", "钱穆", "9787101002011", "K20", "2019", "中国历史"), "H1", "K20/1", "stacks", true)
		add("geo", book("中国历史地理", "谭其骧", "9787101002028", "K928.6", "2015", "历史地理"), "H2", "K928.6/3", "east-stacks", false)
		add("santi", book("三体", "刘慈欣", "9787536692930", "I247.55", "2008", "科幻小说"), "S1", "I247.55/12", "stacks", true)
		add("history2", book("历史的温度", "张玮", "9787508680000", "K207", "2017", "中国历史"), "", "", "", false)
		add("chongqing", book("重庆森林", "王家卫", "9787020000000", "J905", "2010"), "C1", "J905/7", "east-stacks", true)
		add("java", book("Java编程思想", "埃克尔", "9787111213826", "TP312", "2007", "程序设计"), "J1", "TP312/5", "stacks", true)
		fn(t, f)
	})
}

func ids(res search.Result) []int64 {
	var out []int64
	for _, h := range res.Hits {
		out = append(out, h.ID)
	}
	return out
}

func has(res search.Result, id int64) bool {
	for _, h := range res.Hits {
		if h.ID == id {
			return true
		}
	}
	return false
}

func TestSearchFindsAndRanks(t *testing.T) {
	setup(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		run := func(q string) search.Result {
			t.Helper()
			res, err := f.e.Search(ctx, search.Request{Query: q})
			if err != nil {
				t.Fatalf("%q: %v", q, err)
			}
			return res
		}
		// Two characters find every record containing them, anywhere.
		res := run("历史")
		if res.Total != 3 || !has(res, f.ids["history"]) || !has(res, f.ids["geo"]) || !has(res, f.ids["history2"]) {
			t.Fatalf("历史: %d %v", res.Total, ids(res))
		}
		// The exact title comes first, then the leading title match.
		res = run("中国历史")
		if got := ids(res); len(got) < 2 || got[0] != f.ids["history"] || got[1] != f.ids["geo"] {
			t.Fatalf("中国历史 order: %v (want %d then %d)", got, f.ids["history"], f.ids["geo"])
		}
		cases := map[string][]string{
			"三体":                     {"santi"},
			"体":                      {"santi"},
			"ti:三体":                  {"santi"},
			"au:刘慈欣":                 {"santi"},
			"su:科幻":                  {"santi"},
			"isbn:978-7-5366-9293-0": {"santi"},
			"isbn:7536692935":        {"santi"},
			"cls:I247.55":            {"santi"},
			"cls:K*":                 {"history", "geo", "history2"},
			"callno:K928.6/3":        {"geo"},
			"callno:K9*":             {"geo"},
			"py:chongqing":           {"chongqing"},
			"py:cqsl":                {"chongqing"},
			"java":                   {"java"},
			"JAVA":                   {"java"},
			"year:2015..2017":        {"geo", "history2"},
			"历史 -地理":                 {"history", "history2"},
			"三体 OR 重庆":               {"santi", "chongqing"},
			`"中国历史地理"`:               {"geo"},
			"pub:人民文学 year:2008":     {"santi"},
		}
		for q, want := range cases {
			res := run(q)
			if res.Total != len(want) {
				t.Errorf("%q: %d hits %v, want %v", q, res.Total, ids(res), want)
				continue
			}
			for _, k := range want {
				if !has(res, f.ids[k]) {
					t.Errorf("%q: missing %s", q, k)
				}
			}
		}
		// Holdings on the hit: call number and availability per branch.
		res = run("三体")
		h := res.Hits[0]
		if h.CallNumber != "I247.55/12" || h.Items != 1 || h.Available != 1 || h.Branches[0].Branch != "main" {
			t.Fatalf("hit holdings: %+v", h)
		}
	})
}

func TestSearchNeverLagsTheCatalogue(t *testing.T) {
	setup(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		id := f.ids["santi"]
		rec, _ := f.s.GetRecord(ctx, cli, id)
		m, _ := rec.Parse()
		m.Field("200").Subfields[0].Value = "球状闪电"
		if _, err := f.s.UpdateRecord(ctx, cli, id, m, rec.Version); err != nil {
			t.Fatal(err)
		}
		res, _ := f.e.Search(ctx, search.Request{Query: "球状闪电"})
		if res.Total != 1 || res.Hits[0].ID != id {
			t.Fatalf("new title not found at once: %v", ids(res))
		}
		if res, _ := f.e.Search(ctx, search.Request{Query: "三体"}); res.Total != 0 {
			t.Fatalf("old title still found: %v", ids(res))
		}
		// A new call number is searchable at once; a deleted record is gone.
		items, _ := f.s.RecordItems(ctx, cli, id)
		cn := "I247.55/99"
		if _, err := f.s.UpdateItem(ctx, cli, items[0].ID, catalog.ItemUpdate{CallNumber: &cn}); err != nil {
			t.Fatal(err)
		}
		if res, _ := f.e.Search(ctx, search.Request{Query: "callno:I247.55/99"}); res.Total != 1 {
			t.Fatal("new call number not found")
		}
		if err := f.s.DeleteRecord(ctx, cli, f.ids["history2"]); err != nil {
			t.Fatal(err)
		}
		if res, _ := f.e.Search(ctx, search.Request{Query: "温度"}); res.Total != 0 {
			t.Fatalf("deleted record still found: %v", ids(res))
		}
	})
}

func TestFacetsAndFilters(t *testing.T) {
	setup(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		res, err := f.e.Search(ctx, search.Request{Query: "历史", Facets: true})
		if err != nil {
			t.Fatal(err)
		}
		fc := res.Facets
		count := func(vals []search.FacetValue, v string) int {
			for _, x := range vals {
				if x.Value == v {
					return x.Count
				}
			}
			return 0
		}
		if count(fc.Class, "K") != 3 || count(fc.Language, "chi") != 3 || count(fc.Year, "2019") != 1 ||
			count(fc.Branch, "main") != 1 || count(fc.Branch, "east") != 1 || fc.Available != 1 {
			t.Fatalf("facets: %+v", fc)
		}
		res, _ = f.e.Search(ctx, search.Request{Query: "历史", Facets: true, Filters: search.Filters{Branch: []string{"east"}}})
		if res.Total != 1 || res.Hits[0].ID != f.ids["geo"] {
			t.Fatalf("branch filter: %v", ids(res))
		}
		// The branch facet still offers the other branch to add.
		if count(res.Facets.Branch, "main") != 1 {
			t.Fatalf("branch facet under its own filter: %+v", res.Facets.Branch)
		}
		res, _ = f.e.Search(ctx, search.Request{Query: "历史", Filters: search.Filters{Available: true}})
		if res.Total != 1 || res.Hits[0].ID != f.ids["history"] {
			t.Fatalf("available now: %v", ids(res))
		}
		res, _ = f.e.Search(ctx, search.Request{Filters: search.Filters{Class: []string{"K"}, YearFrom: 2016}, Sort: "year_asc"})
		if got := ids(res); len(got) != 2 || got[0] != f.ids["history2"] || got[1] != f.ids["history"] {
			t.Fatalf("browse K from 2016 by year: %v", got)
		}
		res, _ = f.e.Search(ctx, search.Request{Sort: "title", PerPage: 100})
		var titles []string
		for _, h := range res.Hits {
			titles = append(titles, h.Title)
		}
		if strings.Join(titles, "|") != "重庆森林|Java编程思想|历史的温度|三体|中国历史|中国历史地理" {
			t.Fatalf("pinyin order: %v", titles)
		}
		res, _ = f.e.Search(ctx, search.Request{Sort: "callno", PerPage: 3})
		if res.Hits[0].ID != f.ids["santi"] || res.Total != 6 {
			t.Fatalf("call-number order: %v", ids(res))
		}
	})
}

func TestBadQueriesAreExplained(t *testing.T) {
	setup(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		for q, key := range map[string]string{
			`"三体`:       "search.error.unclosed_quote",
			`(历史`:       "search.error.unclosed_paren",
			`-java`:     "search.error.only_negative",
			`a*`:        "search.error.prefix_too_short",
			`year:20x9`: "search.error.invalid_year",
			`ti:`:       "search.error.missing_value",
		} {
			_, err := f.e.Search(ctx, search.Request{Query: q})
			e, ok := apperr.As(err)
			if !ok || e.Code != apperr.Invalid || e.Key != key {
				t.Errorf("%q: %v, want %s", q, err, key)
			}
		}
		if _, err := f.e.Search(ctx, search.Request{Query: "历史", Sort: "price"}); apperr.CodeOf(err) != apperr.Invalid {
			t.Errorf("bad sort: %v", err)
		}
	})
}

func TestYearRangesInTheQuery(t *testing.T) {
	setup(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		for q, want := range map[string][]string{
			"year:2015..2019":                 {"history", "geo", "history2"},
			"历史 year:2016..2020":              {"history", "history2"},
			"year:2000..2010 -java":           {"santi", "chongqing"},
			"year:2008 OR ti:java":            {"santi", "java"},
			"year:1900..2100":                 {"history", "geo", "santi", "history2", "chongqing", "java"},
			"year:1..1000":                    {},
			"year:2010..2019 year:2017..2030": {"history", "history2"},
		} {
			res, err := f.e.Search(ctx, search.Request{Query: q, Facets: true, PerPage: 100})
			if err != nil {
				t.Fatalf("%q: %v", q, err)
			}
			if res.Total != len(want) {
				t.Errorf("%q: %d hits %v, want %v", q, res.Total, ids(res), want)
			}
			for _, k := range want {
				if !has(res, f.ids[k]) {
					t.Errorf("%q: %s missing from %v", q, k, ids(res))
				}
			}
			// The query's range holds for every facet, the year facet too.
			for _, y := range res.Facets.Year {
				if q == "year:2015..2019" && (y.Value < "2015" || y.Value > "2019") {
					t.Errorf("%q: year facet counts %s", q, y.Value)
				}
			}
		}
	})
}
