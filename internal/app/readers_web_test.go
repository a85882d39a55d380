package app_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/readers"
)

// residentID completes a 17-digit resident identity number with its check
// character (GB 11643-1999).
func residentID(first17 string) string {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(first17[i]-'0') * w
	}
	return first17 + string("10X98765432"[sum%11])
}

// postMultipart posts a multipart form the way a page of the site does,
// with one file (none when fileField is "").
func postMultipart(t *testing.T, s *apptest.Server, c *apptest.Client, path string, fields map[string]string, fileField, fileName string, data []byte) (int, string, http.Header) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	if fileField != "" {
		fw, _ := mw.CreateFormFile(fileField, fileName)
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", s.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", s.URL)
	resp, err := c.HTTP.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b bytes.Buffer
	b.ReadFrom(resp.Body)
	return resp.StatusCode, b.String(), resp.Header
}

// pngImage is a small PNG picture.
func pngImage() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 3, 4))
	img.Set(1, 1, color.RGBA{200, 30, 30, 255})
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

var readerCreated = regexp.MustCompile(`^/staff/circ/readers/(\d+)\?done=flash\.reader_registered$`)

// readerForm is the form of a new reader as the desk fills it in.
func readerForm(card, name, id string) url.Values {
	return url.Values{"card_number": {card}, "name": {name}, "id_number": {id}, "category": {"undergraduate"},
		"department": {"历史学院"}, "class": {"2027级1班"}, "phone": {"13812345678"}, "email": {""}, "expires_on": {"2031-07-01"}, "notes": {""}}
}

// noKeys fails when a page shows an untranslated key.
func noKeys(t *testing.T, what, body string) {
	t.Helper()
	if m := regexp.MustCompile(`(circ|flash|fee_kind|fee_tx|pay_method|card_status|card_event|reader_status)\.[a-z_]+(\.[a-z_]+)*[<"]`).FindString(mainOf(body)); m != "" {
		t.Errorf("%s shows the key %s", what, m)
	}
}

// TestReadersWeb is the readers' desk at work: a reader registered through
// the form with the mistakes shown next to their fields, found by name,
// pinyin, phone and card a page at a time, edited (a stale edit refused,
// the identity number kept though never written into a page), the card
// reported lost, unblocked, lost again and replaced with a fee, extended,
// the reader blocked and the block lifted, a photo uploaded — and the
// identity number masked wherever it is shown.
func TestReadersWeb(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := t.Context()
		shanghai, _ := time.LoadLocation("Asia/Shanghai")
		s.Clock.Set(time.Date(2027, 9, 14, 10, 0, 0, 0, shanghai))
		s.CreateStaff(t, "desk", auth.RoleCirculation)
		s.CreateStaff(t, "cat", auth.RoleCataloguer)
		c := s.NewClient(t)
		c.Login("desk", "password-desk")

		// The circulation module leads to the readers' screens.
		body := getOK(t, c, "/staff/modules/circulation")
		want(t, "circulation module", body, `href="/staff/circ/readers"`, `href="/staff/circ/readers/new"`, `href="/staff/circ/readers/import"`,
			`href="/staff/circ/cash-report"`, `href="/staff/circ/categories"`, "批量办证", "收费日结")
		want(t, "empty search", getOK(t, c, "/staff/circ/readers"), "没有找到读者", `id="reader-search"`)
		want(t, "new reader form", getOK(t, c, "/staff/circ/readers/new"), `name="card_number"`, `<option value="undergraduate">本科生 (undergraduate)</option>`)

		// Mistakes are shown next to their field, and nothing is saved.
		id := residentID("11010519491231002")
		bad := readerForm("R0001", "", id)
		status, body, _ := c.PostForm("/staff/circ/readers/new", bad)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("no name: %d %.800s", status, mainOf(body))
		}
		want(t, "no name", body, `aria-invalid="true" aria-describedby="err-name"`, `<span class="row-error" id="err-name">请填写读者姓名。</span>`,
			`name="card_number" value="R0001"`, `name="department" value="历史学院"`, `<p class="error" role="alert" id="form-error">`)
		wrongID := id[:17] + map[bool]string{true: "1", false: "2"}[id[17] != '1']
		bad = readerForm("R0001", "张三", wrongID)
		status, body, _ = c.PostForm("/staff/circ/readers/new", bad)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("wrong ID number: %d", status)
		}
		want(t, "wrong ID number", body, `id="err-id_number">证件号码“`+readers.MaskIDNumber(wrongID)+`”无效`)
		bad = readerForm("R0001", "张三", id)
		bad.Set("email", "not-an-email")
		status, body, _ = c.PostForm("/staff/circ/readers/new", bad)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("bad email: %d", status)
		}
		want(t, "bad email", body, `id="err-email">邮箱“not-an-email”无效`)
		if p, _ := s.App.Readers.Find(ctx, cli, readers.Query{}); p.Total != 0 {
			t.Fatalf("a refused form registered %d readers", p.Total)
		}

		// Registered: the page shows the reader, the ID number masked.
		status, _, h := c.PostForm("/staff/circ/readers/new", readerForm("r0001", "张三", id))
		m := readerCreated.FindStringSubmatch(h.Get("Location"))
		if status != http.StatusSeeOther || m == nil {
			t.Fatalf("register: %d %s", status, h.Get("Location"))
		}
		rid := m[1]
		body = getOK(t, c, h.Get("Location"))
		want(t, "reader page", body, "读者已登记，借书证已发放。", "张三", `<span class="mono">R0001</span>`, `id="id-masked">110***********`+id[14:],
			"本科生", "历史学院", "2031-07-01", `id="act-lost"`, `id="act-replace"`, `id="act-block"`, `id="owed">¥0.00`, "可以办理离校手续", "发证")
		noKeys(t, "reader page", body)
		if strings.Contains(body, id) {
			t.Fatal("the reader page shows the whole ID number")
		}
		status, body, _ = c.PostForm("/staff/circ/readers/new", readerForm("R0001", "李四", ""))
		if status != http.StatusConflict {
			t.Fatalf("card taken: %d", status)
		}
		want(t, "card taken", body, `id="err-card_number">证号 R0001 已被使用`)

		// More readers, found by name, pinyin, phone and card, a page at a
		// time.
		for i := 2; i <= 33; i++ {
			card := "R" + strconv.Itoa(1000+i)
			if _, err := s.App.Readers.Register(ctx, cli, card, readers.Details{Name: "王" + strconv.Itoa(i), Category: "postgraduate",
				Phone: "1390000" + strconv.Itoa(1000+i)}); err != nil {
				t.Fatal(err)
			}
		}
		body = getOK(t, c, "/staff/circ/readers")
		want(t, "first page", body, "第 1–30 位，共 33 位读者", `id="page-next"`, "第 1/2 页")
		body = getOK(t, c, "/staff/circ/readers?page=2")
		want(t, "second page", body, "第 31–33 位，共 33 位读者", `id="page-prev"`)
		for q, who := range map[string]string{"张三": "R0001", "zhangsan": "R0001", "zs": "R0001", "138123": "R0001", "r0001": "R0001", id: "R0001", "13900001005": "R1005"} {
			body = getOK(t, c, "/staff/circ/readers?q="+url.QueryEscape(q))
			want(t, "search "+q, body, "共 1 位读者", `class="mono">`+who+"</a>")
		}
		want(t, "search by category", getOK(t, c, "/staff/circ/readers?category=undergraduate"), "共 1 位读者")

		// Edit: the form never holds the ID number; left blank it stays.
		body = getOK(t, c, "/staff/circ/readers/"+rid+"/edit")
		want(t, "edit form", body, `name="id_number" value=""`, `placeholder="110***********`, `name="version" value="1"`, `name="phone" value="13812345678"`)
		if strings.Contains(body, id) {
			t.Fatal("the edit form holds the whole ID number")
		}
		edit := readerForm("", "张三", "")
		edit.Set("phone", "13912345678")
		edit.Set("version", "1")
		status, _, h = c.PostForm("/staff/circ/readers/"+rid+"/edit", edit)
		if status != http.StatusSeeOther || h.Get("Location") != "/staff/circ/readers/"+rid+"?done=flash.reader_saved" {
			t.Fatalf("edit: %d %s", status, h.Get("Location"))
		}
		r, err := s.App.Readers.Get(ctx, cli, mustID(t, rid))
		if err != nil || r.IDNumber != id || r.Phone != "13912345678" || r.Version != 2 {
			t.Fatalf("after the edit: %+v %v", r, err)
		}
		edit.Set("phone", "13700000000") // opened at version 1, now 2
		status, body, _ = c.PostForm("/staff/circ/readers/"+rid+"/edit", edit)
		if status != http.StatusConflict {
			t.Fatalf("stale edit: %d", status)
		}
		want(t, "stale edit", body, "已被他人修改", `name="phone" value="13700000000"`)
		edit.Set("version", "2")
		edit.Set("phone", "12")
		status, body, _ = c.PostForm("/staff/circ/readers/"+rid+"/edit", edit)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("bad phone: %d", status)
		}
		want(t, "bad phone", body, `id="err-phone">电话号码“12”无效`)

		// Lost, unblocked, lost again and replaced with a fee.
		post := func(action string, form url.Values, wantStatus int) string {
			t.Helper()
			status, body, h := c.PostForm("/staff/circ/readers/"+rid+"/"+action, form)
			if status != wantStatus {
				t.Fatalf("%s: %d, want %d (%s) %.1000s", action, status, wantStatus, h.Get("Location"), mainOf(body))
			}
			if status == http.StatusSeeOther {
				return getOK(t, c, h.Get("Location"))
			}
			return body
		}
		body = post("lost", url.Values{"lost_note": {"读者电话挂失"}}, http.StatusSeeOther)
		want(t, "lost", body, "借书证已挂失。", "已挂失", `id="act-unblock"`, "读者电话挂失")
		if strings.Contains(body, `id="act-lost"`) {
			t.Error("a lost card is offered the lost report again")
		}
		body = post("lost", url.Values{}, http.StatusConflict)
		want(t, "lost twice", body, "已经挂失")
		body = post("unblock", url.Values{"unblock_note": {"找到了"}}, http.StatusSeeOther)
		want(t, "unblocked", body, "借书证已解挂。", `id="act-lost"`)
		post("lost", url.Values{}, http.StatusSeeOther)
		body = post("replace", url.Values{"new_number": {"R1005"}, "replace_fee": {"5"}}, http.StatusConflict)
		want(t, "replace with a taken number", body, `id="err-new_number">证号 R1005 已被使用`, `name="replace_fee" value="5"`)
		body = post("replace", url.Values{"new_number": {"R0001B"}, "replace_fee": {"五元"}}, http.StatusUnprocessableEntity)
		want(t, "replace with a bad fee", body, `id="err-replace_fee">“五元”不是金额`)
		body = post("replace", url.Values{"new_number": {"r0001b"}, "replace_fee": {"5.00"}, "replace_note": {"补证"}}, http.StatusSeeOther)
		want(t, "replaced", body, "新证已发放，旧证已作废。", `<span class="mono">R0001B</span>`, "已补办", `id="owed">¥5.00`, "补证费", "R0001 → R0001B")
		if _, card, err := s.App.Readers.GetByCard(ctx, cli, "R0001"); err != nil || card.Status != readers.CardReplaced {
			t.Fatalf("the old card: %+v %v", card, err)
		}
		want(t, "search by the old card", getOK(t, c, "/staff/circ/readers?q=R0001"), `class="mono">R0001B</a>`)

		// Extend: not into the past.
		body = post("extend", url.Values{"expires_on": {"2027-09-01"}}, http.StatusUnprocessableEntity)
		want(t, "extend into the past", body, `id="err-expires_on">新的有效期 2027-09-01 已经过去`)
		body = post("extend", url.Values{"expires_on": {"2032/7/1"}}, http.StatusSeeOther)
		want(t, "extended", body, "有效期已延长。", "2032-07-01")

		// Block and lift.
		body = post("block", url.Values{"block_reason": {""}}, http.StatusUnprocessableEntity)
		want(t, "block without a reason", body, `id="err-block_reason">请填写停借原因。`)
		body = post("block", url.Values{"block_reason": {"图书逾期半年未还"}}, http.StatusSeeOther)
		want(t, "blocked", body, "读者已停借。", "已停借：图书逾期半年未还", `id="act-lift_block"`)
		body = post("lift-block", url.Values{}, http.StatusSeeOther)
		want(t, "block lifted", body, "读者已恢复借阅。", `id="reader-status">正常`)

		// A photo: PNG accepted, text refused.
		status, body, _ = postMultipart(t, s, c, "/staff/circ/readers/"+rid+"/photo", nil, "photo", "notes.txt", []byte("not an image"))
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("text as a photo: %d", status)
		}
		want(t, "text as a photo", body, `id="err-photo">照片必须是 JPEG 或 PNG 图片。`)
		status, _, h = postMultipart(t, s, c, "/staff/circ/readers/"+rid+"/photo", nil, "photo", "face.png", pngImage())
		if status != http.StatusSeeOther {
			t.Fatalf("upload a photo: %d", status)
		}
		body = getOK(t, c, h.Get("Location"))
		want(t, "reader with a photo", body, "照片已保存。", `<img src="/staff/circ/readers/`+rid+`/photo?v=`, `id="act-photo-remove"`)
		status, img, ph := c.Get("/staff/circ/readers/" + rid + "/photo")
		if status != 200 || ph.Get("Content-Type") != "image/png" || img != string(pngImage()) {
			t.Fatalf("photo: %d %s", status, ph.Get("Content-Type"))
		}
		status, _, _ = c.PostForm("/staff/circ/readers/"+rid+"/photo/delete", url.Values{})
		if status != http.StatusSeeOther {
			t.Fatalf("remove the photo: %d", status)
		}

		// The history tells it all; the ID number never shows.
		body = getOK(t, c, "/staff/circ/readers/"+rid)
		want(t, "history", body, "挂失", "解挂", "补办", "延期", "找到了", "名desk")
		if strings.Contains(body, id) {
			t.Fatal("the reader page shows the whole ID number")
		}
		noKeys(t, "reader page", body)

		// English.
		c.PostForm("/staff/language", url.Values{"locale": {"en"}, "back": {"/staff/"}})
		body = getOK(t, c, "/staff/circ/readers/"+rid)
		want(t, "English reader page", body, "Report the card lost", "Card history", "Replacement fee")
		noKeys(t, "English reader page", body)

		// A cataloguer may not look readers up.
		k := s.NewClient(t)
		k.Login("cat", "password-cat")
		for _, p := range []string{"/staff/circ/readers", "/staff/circ/readers/" + rid, "/staff/circ/readers/" + rid + "/photo"} {
			if status, _, _ := k.Get(p); status != http.StatusForbidden {
				t.Errorf("cataloguer GET %s: %d", p, status)
			}
		}

		// Every change is audited, done through the web.
		es, err := s.App.Auth.ListAudit(ctx, cli, auth.AuditFilter{Door: auth.DoorWeb, Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, e := range es {
			got[e.Action] = true
		}
		for _, a := range []string{"reader.register", "reader.update", "card.lost", "card.unblock", "card.replace", "card.extend", "reader.block", "reader.lift_block", "reader.photo", "fee.charge"} {
			if !got[a] {
				t.Errorf("audit lacks %s", a)
			}
		}
	})
}
