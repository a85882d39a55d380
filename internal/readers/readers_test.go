package readers_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"testing"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/readers"
)

func TestRegisterAndValidation(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		r, err := e.r.Register(ctx, desk, " 2026 0001 ", readers.Details{
			Name: "曾国藩", IDNumber: "110101199003070011", Category: " Postgraduate ", Department: "历史学院",
			Class: "2026级硕士1班", Phone: "13800138000", Email: "zgf@example.edu.cn", ExpiresOn: "2029/6/30", Notes: "新生",
		})
		if err != nil {
			t.Fatal(err)
		}
		if r.CardNumber != "20260001" || r.CardStatus != readers.CardActive || r.Status != readers.StatusActive ||
			r.ExpiresOn != "2029-06-30" || r.Version != 1 || r.Category != "postgraduate" || r.LoanStatus() != "active" {
			t.Fatalf("registered: %+v", r)
		}
		if r.IDNumber != "110101199003070011" || r.IDMasked != "110***********0011" {
			t.Fatalf("id number %q masked %q", r.IDNumber, r.IDMasked)
		}
		// The whole identity number never leaves in JSON, nor in the audit log.
		js, _ := json.Marshal(r)
		if bytes.Contains(js, []byte("199003070011")) || !bytes.Contains(js, []byte(r.IDMasked)) {
			t.Fatalf("json: %s", js)
		}
		if n := count(t, e.d, `SELECT COUNT(*) FROM audit_log WHERE action = 'reader.register' AND entity_id = $1 AND summary NOT LIKE '%199003070011%'`, fmt.Sprint(r.ID)); n != 1 {
			t.Fatalf("audit entries: %d", n)
		}
		got, card, err := e.r.GetByCard(ctx, desk, "20260001")
		if err != nil || got.ID != r.ID || card.Status != readers.CardActive {
			t.Fatalf("by card: %+v %+v %v", got, card, err)
		}

		before := count(t, e.d, `SELECT COUNT(*) FROM readers`)
		bad := []struct {
			card string
			d    readers.Details
			code apperr.Code
			key  string
		}{
			{"20260001", readers.Details{Name: "李四", Category: "undergraduate"}, apperr.Conflict, "error.card_taken"},
			{"", readers.Details{Name: "李四", Category: "undergraduate"}, apperr.Invalid, "error.card_number_required"},
			{"2026/0002", readers.Details{Name: "李四", Category: "undergraduate"}, apperr.Invalid, "error.card_number_invalid"},
			{"20260002", readers.Details{Name: " ", Category: "undergraduate"}, apperr.Invalid, "error.reader_name_required"},
			{"20260002", readers.Details{Name: "李四", Category: "alien"}, apperr.InvalidReference, "error.reader_category_unknown"},
			{"20260002", readers.Details{Name: "李四", Category: "staff", IDNumber: "110101199003070012"}, apperr.Invalid, "error.id_number_invalid"},
			{"20260002", readers.Details{Name: "李四", Category: "staff", ExpiresOn: "2026-02-30"}, apperr.Invalid, "error.expiry_invalid"},
		}
		for _, b := range bad {
			_, err := e.r.Register(ctx, desk, b.card, b.d)
			wantErr(t, b.card+" "+b.d.Name, err, b.code, b.key)
		}
		nobody := auth.Actor{Name: "reading room", Perms: auth.PermSet{auth.PermCircCheckin: true}}
		_, err = e.r.Register(ctx, nobody, "20260003", readers.Details{Name: "王五", Category: "staff"})
		wantErr(t, "without circ.readers", err, apperr.Forbidden, "error.forbidden")
		if _, err := e.r.Get(ctx, nobody, r.ID); !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("get without permission: %v", err)
		}
		if n := count(t, e.d, `SELECT COUNT(*) FROM readers`); n != before {
			t.Fatalf("refused registrations wrote readers: %d → %d", before, n)
		}
		if _, err := e.r.Get(ctx, desk, 999); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("unknown reader: %v", err)
		}
	})
}

func TestUpdateIsOptimistic(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		r := register(t, e, "S001", "王芳")
		d := r.Details()
		d.Phone, d.Name = "021-12345678", "王芳芳"
		up, err := e.r.Update(ctx, desk, r.ID, d, r.Version)
		if err != nil || up.Version != 2 || up.Phone != "021-12345678" || up.Name != "王芳芳" {
			t.Fatalf("update: %+v %v", up, err)
		}
		d.Phone = "13900000000"
		_, err = e.r.Update(ctx, desk, r.ID, d, r.Version) // edited version 1, now 2
		wantErr(t, "stale update", err, apperr.Conflict, "error.reader_changed")
		if got, _ := e.r.Get(ctx, desk, r.ID); got.Phone != "021-12345678" {
			t.Fatalf("stale update changed the reader: %+v", got)
		}

		// A reader keeps an inactive category but is not moved into one.
		if _, err := e.r.UpdateCategory(ctx, cli, readers.Category{Code: "external", NameZH: "校外读者", NameEN: "External reader", Active: false}); err != nil {
			t.Fatal(err)
		}
		d = up.Details()
		d.Category = "external"
		_, err = e.r.Update(ctx, desk, r.ID, d, 0)
		wantErr(t, "into inactive category", err, apperr.Invalid, "error.reader_category_inactive")
		if _, err := e.r.UpdateCategory(ctx, cli, readers.Category{Code: "undergraduate", NameZH: "本科生", NameEN: "Undergraduate", Active: false}); err != nil {
			t.Fatal(err)
		}
		d.Category, d.Notes = "undergraduate", "still here"
		if _, err := e.r.Update(ctx, desk, r.ID, d, 0); err != nil {
			t.Fatalf("keep inactive category: %v", err)
		}
	})
}

func TestFind(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		zhang := register(t, e, "A100", "张三")
		li := register(t, e, "A101", "李四")
		zeng := register(t, e, "A102", "曾国藩")
		if _, err := e.r.Update(ctx, desk, li.ID, readers.Details{Name: "李四", Category: "staff", Phone: "13911112222", IDNumber: "11010519491231002X"}, 0); err != nil {
			t.Fatal(err)
		}
		if _, err := e.r.Replace(ctx, desk, zhang.ID, readers.Replacement{NewNumber: "A200"}); err != nil {
			t.Fatal(err)
		}
		cases := []struct {
			q    readers.Query
			want []int64
		}{
			{readers.Query{}, []int64{li.ID, zeng.ID, zhang.ID}}, // by pinyin: li, zeng, zhang
			{readers.Query{Text: "a101"}, []int64{li.ID}},
			{readers.Query{Text: "A100"}, []int64{zhang.ID}}, // an old card finds its holder
			{readers.Query{Text: "张"}, []int64{zhang.ID}},
			{readers.Query{Text: "zhangs"}, []int64{zhang.ID}},
			{readers.Query{Text: "zgf"}, []int64{zeng.ID}},
			{readers.Query{Text: "zeng"}, []int64{zeng.ID}},
			{readers.Query{Text: "11010519491231002x"}, []int64{li.ID}},
			{readers.Query{Text: "139111"}, []int64{li.ID}},
			{readers.Query{Category: "staff"}, []int64{li.ID}},
			{readers.Query{Text: "%"}, nil},
			{readers.Query{Text: "王"}, nil},
		}
		for _, c := range cases {
			p, err := e.r.Find(ctx, desk, c.q)
			if err != nil {
				t.Fatal(err)
			}
			var got []int64
			for _, r := range p.Readers {
				got = append(got, r.ID)
			}
			if p.Total != len(c.want) || len(got) != len(c.want) {
				t.Errorf("%+v: got %v (total %d), want %v", c.q, got, p.Total, c.want)
				continue
			}
			for i := range got {
				if got[i] != c.want[i] {
					t.Errorf("%+v: got %v, want %v", c.q, got, c.want)
					break
				}
			}
		}
		p, err := e.r.Find(ctx, desk, readers.Query{Limit: 2, Offset: 2})
		if err != nil || p.Total != 3 || len(p.Readers) != 1 || p.Readers[0].ID != zhang.ID {
			t.Fatalf("second page: %+v %v", p, err)
		}
	})
}

func TestCategories(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		cs, err := e.r.Categories(ctx, false)
		if err != nil || len(cs) != 5 || cs[0].Code != "undergraduate" || cs[0].Name("zh-CN") != "本科生" {
			t.Fatalf("seeded categories: %+v %v", cs, err)
		}
		_, err = e.r.CreateCategory(ctx, desk, readers.Category{Code: "alumni", NameZH: "校友", NameEN: "Alumni", Active: true})
		wantErr(t, "create without circ.rules", err, apperr.Forbidden, "error.forbidden")
		c, err := e.r.CreateCategory(ctx, cli, readers.Category{Code: " Alumni ", NameZH: "校友", NameEN: "Alumni", Active: true, Sort: 60})
		if err != nil || c.Code != "alumni" {
			t.Fatalf("create: %+v %v", c, err)
		}
		_, err = e.r.CreateCategory(ctx, cli, readers.Category{Code: "alumni", NameZH: "校友", NameEN: "Alumni"})
		wantErr(t, "duplicate", err, apperr.Conflict, "error.reader_category_exists")
		_, err = e.r.CreateCategory(ctx, cli, readers.Category{Code: "bad code", NameZH: "x", NameEN: "x"})
		wantErr(t, "bad code", err, apperr.Invalid, "error.code_invalid")

		if _, err := e.r.Register(ctx, desk, "AL01", readers.Details{Name: "校友甲", Category: "alumni"}); err != nil {
			t.Fatal(err)
		}
		err = e.r.DeleteCategory(ctx, cli, "alumni")
		wantErr(t, "delete in use", err, apperr.Conflict, "error.reader_category_in_use")
		if _, err := e.r.UpdateCategory(ctx, cli, readers.Category{Code: "alumni", NameZH: "校友", NameEN: "Alumni", Active: false}); err != nil {
			t.Fatal(err)
		}
		if cs, _ := e.r.Categories(ctx, false); len(cs) != 5 {
			t.Fatalf("active categories: %+v", cs)
		}
		if cs, _ := e.r.Categories(ctx, true); len(cs) != 6 {
			t.Fatalf("all categories: %+v", cs)
		}
		_, err = e.r.Register(ctx, desk, "AL02", readers.Details{Name: "校友乙", Category: "alumni"})
		wantErr(t, "register into inactive", err, apperr.Invalid, "error.reader_category_inactive")
		if err := e.r.DeleteCategory(ctx, cli, "child"); err != nil {
			t.Fatalf("delete unused: %v", err)
		}
		wantErr(t, "delete again", e.r.DeleteCategory(ctx, cli, "child"), apperr.NotFound, "error.reader_category_unknown")
	})
}

func TestPhoto(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		r := register(t, e, "P001", "赵六")
		_, err := e.r.Photo(ctx, desk, r.ID)
		wantErr(t, "no photo", err, apperr.NotFound, "error.photo_not_found")
		var buf bytes.Buffer
		if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
			t.Fatal(err)
		}
		if err := e.r.SetPhoto(ctx, desk, r.ID, buf.Bytes()); err != nil {
			t.Fatal(err)
		}
		p, err := e.r.Photo(ctx, desk, r.ID)
		if err != nil || p.ContentType != "image/png" || !bytes.Equal(p.Data, buf.Bytes()) {
			t.Fatalf("photo: %v %v", p.ContentType, err)
		}
		if got, _ := e.r.Get(ctx, desk, r.ID); !got.HasPhoto || got.Version != 2 {
			t.Fatalf("reader after photo: %+v", got)
		}
		wantErr(t, "not an image", e.r.SetPhoto(ctx, desk, r.ID, []byte("GIF89a not really")), apperr.Invalid, "error.photo_invalid")
		wantErr(t, "too large", e.r.SetPhoto(ctx, desk, r.ID, append(buf.Bytes(), make([]byte, readers.MaxPhotoBytes)...)), apperr.Invalid, "error.photo_too_large")
		if err := e.r.RemovePhoto(ctx, desk, r.ID); err != nil {
			t.Fatal(err)
		}
		if got, _ := e.r.Get(ctx, desk, r.ID); got.HasPhoto {
			t.Fatal("photo still there")
		}
	})
}
