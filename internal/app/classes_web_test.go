package app_test

import (
	"net/url"
	"strings"
	"testing"

	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/marc"
)

// TestClassCheckAndBookNumberRule loads a small classification table, shows
// a record whose class is not in it with the nearest class, and switches
// the book-number rule from the classification page.
func TestClassCheckAndBookNumberRule(t *testing.T) {
	s := apptest.Start(t, "")
	ctx := t.Context()
	s.CreateStaff(t, "cat", auth.RoleCataloguer)
	s.CreateStaff(t, "desk", auth.RoleCirculation)
	table := "code\tcaption\tlevel\tparent\nI\t文学\t1\t\nI2\t中国文学\t2\tI\nI24\t小说\t3\tI2\nI247\t新体长篇、中篇小说\t4\tI24\n"
	if _, err := s.App.Catalog.ImportCLC(ctx, auth.CLIActor("t"), strings.NewReader(table)); err != nil {
		t.Fatal(err)
	}
	rec := &marc.Record{Leader: marc.Leader([]byte("00000nam0 2200000   450 "))}
	rec.Add(marc.NewDataField("100", ' ', ' ', "a", "20230115d2023    em y0chiy50      ea"),
		marc.NewDataField("200", '1', ' ', "a", "人生"), marc.NewDataField("690", ' ', ' ', "a", "I247.57", "v", "5"))
	r, err := s.App.Catalog.CreateRecord(ctx, auth.CLIActor("t"), rec)
	if err != nil {
		t.Fatal(err)
	}
	c := s.NewClient(t)
	c.Login("cat", "password-cat")
	_, page, _ := c.Get("/staff/catalog/records/" + itoa(r.ID))
	if !strings.Contains(page, `id="class-warning"`) || !strings.Contains(page, "I247.57 不在已载入的分类表中") || !strings.Contains(page, "I247（新体长篇、中篇小说）") {
		t.Fatalf("class warning missing: %.2000s", page)
	}
	if status, _, h := c.PostForm("/staff/catalog/book-number-rule", url.Values{"rule": {"author"}}); status != 303 || !strings.Contains(h.Get("Location"), "book_rule_saved") {
		t.Fatalf("save rule: %d %v", status, h)
	}
	rule, _ := s.App.Catalog.BookNumberRule(ctx, auth.CLIActor("t"))
	if rule.String() != "author" {
		t.Fatalf("rule: %s", rule)
	}
	_, page, _ = c.Get("/staff/catalog/classes")
	if !strings.Contains(page, `value="author" checked`) {
		t.Fatal("the saved rule is not shown")
	}
	if status, _, _ := c.PostForm("/staff/catalog/book-number-rule", url.Values{"rule": {"alphabetical"}}); status != 422 {
		t.Fatalf("bad rule: %d", status)
	}
	d := s.NewClient(t)
	d.Login("desk", "password-desk")
	if status, _, _ := d.PostForm("/staff/catalog/book-number-rule", url.Values{"rule": {"sequence"}}); status != 403 {
		t.Fatalf("circulation desk changed the rule: %d", status)
	}
}
