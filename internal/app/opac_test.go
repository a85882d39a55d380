package app_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/marc"
)

// opacCatalogue fills a catalogue for the public pages: the 23 hand-written
// CNMARC fixtures with their copies (905), a second branch with one more
// copy of 三体, one copy of 三体 gone missing and 呐喊's only copy in repair. It returns the record ids
// by title proper (the last of two records with one title).
func opacCatalogue(t *testing.T, s *apptest.Server) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	paths, _ := filepath.Glob("../catalog/profile/testdata/cnmarc/*.xml")
	if len(paths) < 20 {
		t.Fatalf("%d fixtures", len(paths))
	}
	opt := catalog.ImportOptions{OnDuplicate: catalog.DuplicateNew, ItemsFrom: catalog.Holdings905,
		Location: "stacks", Collection: "zw", ItemType: "book"}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		rr, _, err := catalog.OpenMARC(f, "auto", "auto")
		if err != nil {
			t.Fatal(err)
		}
		o := opt
		if strings.Contains(p, "dugongbu") || strings.Contains(p, "local_no690") {
			// Their call numbers (集/12 in 四部, 地方/12 of the local
			// collection) are no CLC call numbers: the catalogue refuses
			// them as items.
			o.ItemsFrom = catalog.HoldingsNone
		}
		sum, err := s.App.Catalog.Import(ctx, cli, rr, o, nil)
		f.Close()
		if err != nil || sum.Failed > 0 {
			t.Fatalf("import %s: %+v %v", p, sum, err)
		}
	}
	recs, err := s.App.Catalog.ListRecords(ctx, cli, catalog.RecordFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, r := range recs {
		title := r.Title
		for _, sep := range []string{". ", " = ", " : "} {
			title, _, _ = strings.Cut(title, sep)
		}
		ids[title] = r.ID
	}
	if err := s.App.Catalog.SaveCode(ctx, cli, catalog.Branches, catalog.Code{Code: "east", NameZH: "东区分馆", NameEN: "East branch"}); err != nil {
		t.Fatal(err)
	}
	if err := s.App.Catalog.SaveCode(ctx, cli, catalog.Locations, catalog.Code{Code: "east_stacks", NameZH: "东区书库", NameEN: "East stacks", Branch: "east", Kind: "stacks"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.App.Catalog.CreateItem(ctx, cli, catalog.NewItem{RecordID: ids["三体"], Barcode: "E0001", CallNumber: "I247.55/1022",
		Location: "east_stacks", Collection: "zw", ItemType: "book", Status: catalog.Available, CopyNo: 3}); err != nil {
		t.Fatal(err)
	}
	it, err := s.App.Catalog.GetItemByBarcode(ctx, cli, "00012345")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.App.Catalog.ChangeItemStatus(ctx, cli, it.ID, catalog.Missing, "not on the shelf"); err != nil {
		t.Fatal(err)
	}
	if it, err = s.App.Catalog.GetItemByBarcode(ctx, cli, "00900233"); err != nil { // 呐喊
		t.Fatal(err)
	}
	if _, err := s.App.Catalog.ChangeItemStatus(ctx, cli, it.ID, catalog.InRepair, "loose pages"); err != nil {
		t.Fatal(err)
	}
	return ids
}

// plainBook stores a CNMARC book with a title, a year and a class.
func plainBook(t *testing.T, s *apptest.Server, title string, year int, class string) int64 {
	t.Helper()
	r := &marc.Record{Leader: marc.Leader([]byte("00000nam0 2200000   450 "))}
	r.Add(marc.NewDataField("100", ' ', ' ', "a", fmt.Sprintf("20230115d%d    em y0chiy50      ea", year)),
		marc.NewDataField("101", '0', ' ', "a", "chi"),
		marc.NewDataField("200", '1', ' ', "a", title),
		marc.NewDataField("210", ' ', ' ', "a", "北京", "c", "测试出版社", "d", fmt.Sprint(year)),
		marc.NewDataField("690", ' ', ' ', "a", class, "v", "5"))
	rec, err := s.App.Catalog.CreateRecord(context.Background(), cli, r)
	if err != nil {
		t.Fatal(err)
	}
	return rec.ID
}

// hitTitles are the titles of a results page in order.
var hitTitleRe = regexp.MustCompile(`<h3 class="hit-title"><a href="/record/(\d+)">(.*?)</a></h3>`)

func hitTitles(body string) []string {
	var out []string
	for _, m := range hitTitleRe.FindAllStringSubmatch(body, -1) {
		out = append(out, strings.NewReplacer("<mark>", "", "</mark>", "").Replace(m[2]))
	}
	return out
}

// facetHref finds the link of a facet value on a results page.
func facetHref(t *testing.T, body, facet, label string) string {
	t.Helper()
	sec := body
	if i := strings.Index(sec, `id="facet-`+facet+`"`); i >= 0 {
		sec = sec[i:]
		if j := strings.Index(sec, "</section>"); j >= 0 {
			sec = sec[:j]
		}
	} else {
		t.Fatalf("no %s facet:\n%.3000s", facet, mainOf(body))
	}
	re := regexp.MustCompile(`<a href="([^"]+)"[^>]*><span class="facet-label">` + regexp.QuoteMeta(label))
	m := re.FindStringSubmatch(sec)
	if m == nil {
		t.Fatalf("no %q in the %s facet:\n%s", label, facet, sec)
	}
	return strings.ReplaceAll(m[1], "&amp;", "&")
}

// TestOPACSearch searches the public catalogue without signing in: results
// with highlighting and availability per branch, facets that narrow and
// widen, chips, sorting, paging, a malformed query, zero results with
// suggestions, and the pages in English.
func TestOPACSearch(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		opacCatalogue(t, s)
		c := s.NewClient(t)

		// The home page: the search box, the help, the new books.
		home := getOK(t, c, "/")
		want(t, "home", home, `role="search"`, `name="q"`, `href="/search/help"`, "新书通报", "三体", "推荐书目", "暂无推荐书目")
		want(t, "help", getOK(t, c, "/search/help"), "ti:", "au:", "su:", "isbn:", "cls:", "callno:", "pub:", "py:", "year:2019..2023", "OR", "comput*")
		if st := getOK(t, c, "/search"); !strings.Contains(st, "请输入检索词") {
			t.Errorf("empty search page:\n%.1500s", mainOf(st))
		}

		// 鲁迅: in two titles and as the author of three records.
		body := getOK(t, c, "/search?q="+url.QueryEscape("鲁迅"))
		want(t, "results", body, `value="鲁迅"`, "共 3 条", "<mark>鲁迅</mark>全集", "呐喊", `id="facets"`, "中图分类", "I", "文学", "馆藏地", "总馆")
		if got := hitTitles(body); len(got) != 3 || !strings.HasPrefix(got[0], "鲁迅全集") {
			t.Errorf("ranking of 鲁迅: %v", got)
		}
		// Availability per branch, with the branch's name.
		body = getOK(t, c, "/search?q="+url.QueryEscape("三体"))
		want(t, "三体", body, "总馆：共 1 册，0 册可借", "东区分馆：共 1 册，1 册可借", "I247.55/1022")
		// A facet narrows, its chip widens again.
		body = getOK(t, c, "/search?q="+url.QueryEscape("小说"))
		all := hitTitles(body)
		if len(all) < 5 {
			t.Fatalf("小说: %v", all)
		}
		narrow := facetHref(t, body, "class", "I")
		if !strings.Contains(narrow, "facet.class=I") {
			t.Fatalf("class facet link %q", narrow)
		}
		body = getOK(t, c, narrow)
		want(t, "narrowed", body, `class="chip"`, "中图分类：I", `aria-current="true"`)
		narrow2 := facetHref(t, body, "available", "现在可借")
		body = getOK(t, c, narrow2)
		got := hitTitles(body)
		if len(got) != len(all)-1 || strings.Contains(strings.Join(got, ","), "呐喊") {
			t.Errorf("小说 in class I, available now: %v (all: %v)", got, all)
		}
		want(t, "two filters", body, "现在可借", "清除全部条件")
		// Removing the class keeps availability.
		unclass := facetHref(t, body, "class", "I")
		if strings.Contains(unclass, "facet.class") || !strings.Contains(unclass, "facet.available=true") {
			t.Errorf("removing the class filter: %q", unclass)
		}

		// Sorting: newest and oldest first, by title and call number.
		yearOrder := func(sort string) []string {
			return hitTitles(getOK(t, c, "/search?q="+url.QueryEscape("小说")+"&sort="+sort))
		}
		newest, oldest := yearOrder("year_desc"), yearOrder("year_asc")
		if len(newest) != len(oldest) || newest[0] == oldest[0] || newest[0] != oldest[len(oldest)-1] {
			t.Errorf("newest %v, oldest %v", newest, oldest)
		}
		for _, sort := range []string{"title", "callno", "relevance"} {
			body := getOK(t, c, "/search?q="+url.QueryEscape("小说")+"&sort="+sort)
			want(t, "sort "+sort, body, `<option value="`+sort+`" selected>`)
		}
		if titles := yearOrder("title"); titles[0] != "红楼梦" || titles[1] != "呐喊" { // hong lou meng, na han, ping fan, san ti, wei cheng
			t.Errorf("title order: %v", titles)
		}

		// A malformed query: the engine's message, 422, the box kept.
		status, bad, _ := c.Get("/search?q=" + url.QueryEscape(`"三体`))
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("malformed query: %d", status)
		}
		want(t, "malformed", bad, `id="q-error"`, "引号", `aria-invalid="true"`, `value="&#34;三体"`)
		for _, q := range []string{"a*", "()", "-java", "year:2023..2019", "ti:"} {
			if st, b, _ := c.Get("/search?q=" + url.QueryEscape(q)); st != 422 || !strings.Contains(b, `id="q-error"`) {
				t.Errorf("malformed %q: %d", q, st)
			}
		}
		if st, _, _ := c.Get("/search?q=x&page=9999"); st != 422 {
			t.Errorf("page too far: %d", st)
		}
		// Warnings are shown, the search still runs.
		want(t, "warning", getOK(t, c, "/search?q="+url.QueryEscape("foo:三体")), "“foo”不是可以限定的检索字段", `id="zero"`)

		// Nothing found: the query without filters, each word, tips, new books.
		body = getOK(t, c, "/search?q="+url.QueryEscape("三体 红楼梦 哈利波特"))
		want(t, "zero", body, `id="zero"`, `id="zero-words"`, "三体</a> <small>1 条记录", "红楼梦</a> <small>1 条记录", "哈利波特 <small>无结果", "py:santi", "新书通报")
		body = getOK(t, c, "/search?q="+url.QueryEscape("鲁迅")+"&facet.language=eng")
		want(t, "zero with filters", body, `id="zero-unfiltered"`, "去掉筛选条件再检索（3 条记录）", `href="/search?q=%E9%B2%81%E8%BF%85"`)

		// English.
		en := s.NewClient(t)
		en.Get("/language?to=en&back=/")
		body = getOK(t, en, "/search?q="+url.QueryEscape("鲁迅"))
		want(t, "English results", body, "Results for “鲁迅”", "3 records, showing 1–3", "Refine the results", "Class (CLC)", "Literature", "Main library", "Sort by", "Newest first")
		noRawKeys(t, "/search", body)
		if k := regexp.MustCompile(`\b(opac|clc_main|relator)\.[a-z_]+`).FindString(mainOf(body)); k != "" {
			t.Errorf("English results show the key %s", k)
		}
		body = getOK(t, en, "/search?q="+url.QueryEscape("三体 哈利波特"))
		want(t, "English zero", body, "Each word on its own", "Tips")
		_, bad, _ = en.Get("/search?q=" + url.QueryEscape(`"三体`))
		want(t, "English error", bad, "quote")
		want(t, "English home", getOK(t, en, "/"), "Welcome to", "New books", "How to search")
	})
}

// TestOPACPaging pages through 45 records of one query.
func TestOPACPaging(t *testing.T) {
	s := apptest.Start(t, "")
	for i := 1; i <= 45; i++ {
		plainBook(t, s, fmt.Sprintf("丛书测试之%02d", i), 1980+i, "Z228")
	}
	c := s.NewClient(t)
	body := getOK(t, c, "/search?q="+url.QueryEscape("丛书测试")+"&sort=year_asc")
	want(t, "page 1", body, "共 45 条，显示第 1–20 条", `aria-current="page"`, `rel="next"`, "第 3 页")
	if strings.Contains(body, `rel="prev"`) {
		t.Error("page 1 has a previous page")
	}
	if got := hitTitles(body); len(got) != 20 || got[0] != "丛书测试之01" {
		t.Fatalf("page 1: %v", got)
	}
	body = getOK(t, c, "/search?q="+url.QueryEscape("丛书测试")+"&sort=year_asc&page=3")
	want(t, "page 3", body, "显示第 41–45 条", `rel="prev"`, "sort=year_asc")
	if got := hitTitles(body); len(got) != 5 || got[4] != "丛书测试之45" {
		t.Fatalf("page 3: %v", got)
	}
	if strings.Contains(body, `rel="next"`) {
		t.Error("the last page has a next page")
	}
	body = getOK(t, c, "/search?q="+url.QueryEscape("丛书测试")+"&page=7")
	want(t, "past the end", body, `id="past-end"`)
}

// TestOPACRecordPage opens records by their permanent address: details
// derived from the MARC, subject and class links that search, the holdings
// by branch, the MARC view; a merged record moves (301), a deleted one is
// gone (410), one that never was is not found (404).
func TestOPACRecordPage(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ids := opacCatalogue(t, s)
		c := s.NewClient(t)
		id := ids["三体"]
		path := "/record/" + itoa(id)
		body := getOK(t, c, path)
		want(t, "record", body, "<h1 id=\"record-h\">三体. 第二部, 黑暗森林</h1>", "刘慈欣著", "刘慈欣", "重庆 : 重庆出版社, 2008", "470页", "中国科幻基石丛书",
			"978-7-5366-9293-0", "科学幻想小说", `id="class-link"`, "cls%3AI247.55", "黑暗森林法则",
			"共 2 册，1 册可借", `<table class="holdings">`, "总馆", "书库", "东区分馆", "东区书库", "下落不明", "在架",
			`<details id="marc">`, "<th scope=\"row\">200</th>", `id="permalink"`, "http://", path, "第1版")
		if strings.Contains(body, "应还日期") {
			t.Error("a due-date column without any due date")
		}
		// The subject link finds the record again.
		m := regexp.MustCompile(`<a href="(/search\?q=su[^"]+)">科学幻想小说`).FindStringSubmatch(body)
		if m == nil {
			t.Fatalf("no subject link:\n%.3000s", mainOf(body))
		}
		if got := hitTitles(getOK(t, c, strings.ReplaceAll(m[1], "&amp;", "&"))); len(got) != 1 || !strings.HasPrefix(got[0], "三体") {
			t.Errorf("subject search: %v", got)
		}
		if got := hitTitles(getOK(t, c, "/search?q="+url.QueryEscape("cls:I247.55"))); len(got) != 1 {
			t.Errorf("class search: %v", got)
		}
		// With a classification table, the class is named by the nearest
		// class the table has.
		if _, err := s.App.Catalog.ImportCLC(context.Background(), cli, strings.NewReader("code\tcaption\tlevel\tparent\nI\t文学\t1\t\nI2\t中国文学\t2\tI\nI24\t小说\t3\tI2\nI247\t当代作品（1949年~）\t4\tI24\nI247.5\t新体长篇、中篇小说\t5\tI247\n")); err != nil {
			t.Fatal(err)
		}
		want(t, "class caption", getOK(t, c, path), "I247.55</a> <small>新体长篇、中篇小说</small>")
		// A record without copies, and the English page.
		want(t, "no copies", getOK(t, c, "/record/"+itoa(ids["中国图书馆学报"])), "本馆暂无此书的馆藏")
		en := s.NewClient(t)
		en.Get("/language?to=en&back=/")
		body = getOK(t, en, path)
		want(t, "English record", body, "I247.55</a> <small>Literature</small>", "1 of 2 copies available", "Missing", "Main library", "East branch", "Subjects", "MARC record", "author")
		noRawKeys(t, path, body)

		// Merged: the old address leads to the kept record, for good.
		ctx := context.Background()
		keep, dup := ids["围城"], plainBook(t, s, "围城（重复）", 1991, "I246.57")
		if _, err := s.App.Catalog.MergeRecords(ctx, cli, keep, []int64{dup}); err != nil {
			t.Fatal(err)
		}
		st, _, h := c.Get("/record/" + itoa(dup))
		if st != http.StatusMovedPermanently || h.Get("Location") != "/record/"+itoa(keep) {
			t.Fatalf("merged record: %d %s", st, h.Get("Location"))
		}
		// Deleted: gone, with a way on.
		gone := plainBook(t, s, "将被删除的书", 2000, "Z")
		if err := s.App.Catalog.DeleteRecord(ctx, cli, gone); err != nil {
			t.Fatal(err)
		}
		st, body, _ = c.Get("/record/" + itoa(gone))
		if st != http.StatusGone {
			t.Fatalf("deleted record: %d", st)
		}
		want(t, "gone", body, "该记录已删除", `role="search"`, "新书通报")
		st, body, _ = c.Get("/record/99999999")
		if st != http.StatusNotFound || !strings.Contains(body, "没有找到该记录") {
			t.Fatalf("never a record: %d", st)
		}
		if st, _, _ := c.Get("/record/abc"); st != http.StatusNotFound {
			t.Fatalf("/record/abc: %d", st)
		}
	})
}

// TestOPACPagesArePublic opens every public page of the catalogue with
// no session: none leads to the login page.
func TestOPACPagesArePublic(t *testing.T) {
	s := apptest.Start(t, "")
	ids := opacCatalogue(t, s)
	c := s.NewClient(t)
	for _, p := range []string{"/", "/search", "/search?q=" + url.QueryEscape("鲁迅"), "/search?q=" + url.QueryEscape(`"`),
		"/search/help", "/record/" + itoa(ids["呐喊"]), "/lists", "/new-books"} {
		st, body, h := c.Get(p)
		if st == http.StatusSeeOther || strings.Contains(h.Get("Location"), "login") || st >= 500 || st == http.StatusForbidden {
			t.Errorf("GET %s without a session: %d %s %.300s", p, st, h.Get("Location"), mainOf(body))
		}
	}
	// A signed-in cataloguer sees the same page, with a way to the staff view.
	s.CreateStaff(t, "cat", auth.RoleCataloguer)
	staff := s.NewClient(t)
	staff.Login("cat", "password-cat")
	want(t, "record for staff", getOK(t, staff, "/record/"+itoa(ids["呐喊"])), "/staff/catalog/records/"+itoa(ids["呐喊"]))
}

// TestOPACReadingLists has a reference librarian curate a list in the
// staff client — create, find and add records, note, reorder, publish —
// and a reader see it on the home page and its own page; an unpublished
// list stays hidden, and a circulation clerk may not touch lists.
func TestOPACReadingLists(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ids := opacCatalogue(t, s)
		s.CreateStaff(t, "ref", auth.RoleReference)
		s.CreateStaff(t, "desk", auth.RoleCirculation)
		c := s.NewClient(t)
		c.Login("ref", "password-ref")

		want(t, "modules", getOK(t, c, "/staff/"), `href="/staff/opac/lists"`)
		st, body, _ := c.PostForm("/staff/opac/lists", url.Values{"title_en": {"No Chinese"}})
		if st != 422 || !strings.Contains(body, "请填写书目的中文名称") || !strings.Contains(body, `value="No Chinese"`) {
			t.Fatalf("list without a Chinese title: %d %.1000s", st, mainOf(body))
		}
		st, _, h := c.PostForm("/staff/opac/lists", url.Values{"title_zh": {"中国现当代文学"}, "title_en": {"Modern Chinese literature"}, "description_zh": {"馆员推荐的现当代名著"}})
		m := regexp.MustCompile(`^/staff/opac/lists/(\d+)\?done=flash\.list_created$`).FindStringSubmatch(h.Get("Location"))
		if st != http.StatusSeeOther || m == nil {
			t.Fatalf("create list: %d %s", st, h.Get("Location"))
		}
		list := "/staff/opac/lists/" + m[1]
		// Find records and add them; add one by its public address.
		body = getOK(t, c, list+"?q="+url.QueryEscape("鲁迅"))
		want(t, "find", body, `id="found"`, "呐喊", "找到 3 条")
		add := func(rec, note string) (int, string) {
			st, body, _ := c.PostForm(list+"/entries", url.Values{"record": {rec}, "note": {note}})
			return st, body
		}
		for _, x := range [][2]string{{itoa(ids["呐喊"]), "鲁迅的第一部小说集"}, {"http://example.org/record/" + itoa(ids["围城"]), ""}, {itoa(ids["平凡的世界"]), ""}} {
			if st, body := add(x[0], x[1]); st != http.StatusSeeOther {
				t.Fatalf("add %s: %d %.800s", x[0], st, mainOf(body))
			}
		}
		if st, body := add(itoa(ids["呐喊"]), ""); st != http.StatusConflict || !strings.Contains(body, "已在这份书目中") {
			t.Fatalf("added twice: %d %.800s", st, mainOf(body))
		}
		if st, body := add("abc", ""); st != 422 || !strings.Contains(body, "不是记录号") {
			t.Fatalf("not a number: %d %.800s", st, mainOf(body))
		}
		if st, body := add("99999999", ""); st != 422 || !strings.Contains(body, "99999999") {
			t.Fatalf("no such record: %d %.800s", st, mainOf(body))
		}
		// Reorder: 平凡的世界 up twice; a note for 围城.
		pf := list + "/entries/" + itoa(ids["平凡的世界"])
		for range 2 {
			if st, _, _ := c.PostForm(pf, url.Values{"action": {"up"}}); st != http.StatusSeeOther {
				t.Fatalf("move up: %d", st)
			}
		}
		if st, _, _ := c.PostForm(list+"/entries/"+itoa(ids["围城"]), url.Values{"action": {"save"}, "note": {"钱锺书唯一的长篇小说"}}); st != http.StatusSeeOther {
			t.Fatalf("note: %d", st)
		}
		body = getOK(t, c, list)
		want(t, "staff list", body, "钱锺书唯一的长篇小说", "未发布", `id="publish-list"`)
		if i, j := strings.Index(body, "平凡的世界"), strings.Index(body, "呐喊"); i < 0 || j < 0 || i > j {
			t.Errorf("平凡的世界 was moved to the top: %d %d", i, j)
		}

		// Not published: not on the home page, its page not found.
		anon := s.NewClient(t)
		if st, _, _ := anon.Get("/lists/" + m[1]); st != http.StatusNotFound {
			t.Fatalf("unpublished list in public: %d", st)
		}
		if home := getOK(t, anon, "/"); strings.Contains(home, "中国现当代文学") {
			t.Error("an unpublished list on the home page")
		}
		if st, _, h := c.PostForm(list+"/publish", url.Values{"published": {"1"}}); st != http.StatusSeeOther || !strings.Contains(h.Get("Location"), "flash.list_published") {
			t.Fatalf("publish: %d %s", st, h.Get("Location"))
		}
		home := getOK(t, anon, "/")
		want(t, "home with the list", home, `href="/lists/`+m[1]+`"`, "中国现当代文学", "3 种图书", "馆员推荐的现当代名著")
		pub := getOK(t, anon, "/lists/"+m[1])
		want(t, "public list", pub, "中国现当代文学", "鲁迅的第一部小说集", "钱锺书唯一的长篇小说", `href="/record/`+itoa(ids["呐喊"])+`"`)
		if i, j := strings.Index(pub, "平凡的世界"), strings.Index(pub, "呐喊"); i > j {
			t.Error("the public list is not in the curated order")
		}
		en := s.NewClient(t)
		en.Get("/language?to=en&back=/")
		want(t, "English list", getOK(t, en, "/lists/"+m[1]), "Modern Chinese literature", "馆员推荐的现当代名著")
		want(t, "lists page", getOK(t, anon, "/lists"), "中国现当代文学")

		// Remove, unpublish, delete.
		if st, _, _ := c.PostForm(list+"/entries/"+itoa(ids["呐喊"]), url.Values{"action": {"remove"}}); st != http.StatusSeeOther {
			t.Fatalf("remove: %d", st)
		}
		if strings.Contains(getOK(t, anon, "/lists/"+m[1]), "鲁迅的第一部小说集") {
			t.Error("a removed entry is still shown")
		}
		c.PostForm(list+"/publish", url.Values{"published": {"0"}})
		if st, _, _ := anon.Get("/lists/" + m[1]); st != http.StatusNotFound {
			t.Fatalf("unpublished again: %d", st)
		}
		if st, _, _ := c.PostForm(list+"/delete", url.Values{}); st != 422 {
			t.Fatalf("delete without confirmation: %d", st)
		}
		if st, _, h := c.PostForm(list+"/delete", url.Values{"confirm": {"1"}}); st != http.StatusSeeOther || h.Get("Location") != "/staff/opac/lists?done=flash.list_deleted" {
			t.Fatalf("delete: %d %s", st, h.Get("Location"))
		}
		if st, _, _ := c.Get(list); st != http.StatusNotFound {
			t.Fatalf("deleted list: %d", st)
		}

		// The circulation desk may not curate.
		d := s.NewClient(t)
		d.Login("desk", "password-desk")
		if st, _, _ := d.Get("/staff/opac/lists"); st != http.StatusForbidden {
			t.Fatalf("desk: %d", st)
		}
		if st, _, _ := d.PostForm("/staff/opac/lists", url.Values{"title_zh": {"x"}}); st != http.StatusForbidden {
			t.Fatalf("desk creates: %d", st)
		}
		// In English the staff pages have no raw keys.
		cEN := s.NewClient(t)
		cEN.Login("ref", "password-ref")
		cEN.PostForm("/staff/language", url.Values{"locale": {"en"}, "back": {"/staff/"}})
		st, _, h = cEN.PostForm("/staff/opac/lists", url.Values{"title_zh": {"英文界面"}})
		if st != http.StatusSeeOther {
			t.Fatalf("create in English: %d", st)
		}
		loc, _, _ := strings.Cut(h.Get("Location"), "?")
		cEN.PostForm(loc+"/entries", url.Values{"record": {itoa(ids["三体"])}})
		for _, p := range []string{"/staff/opac/lists", loc, loc + "?q=" + url.QueryEscape("三体")} {
			body := getOK(t, cEN, p)
			if k := regexp.MustCompile(`\b(opac|flash|error)\.[a-z_]+`).FindString(mainOf(body)); k != "" {
				t.Errorf("%s shows the key %s", p, k)
			}
		}
	})
}
