package app_test

import (
	"bytes"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"lantai.dev/lantai/internal/app/apptest"
	"lantai.dev/lantai/internal/auth"
	"lantai.dev/lantai/internal/readers"
)

var hiddenData = regexp.MustCompile(`name="data" value="([^"]*)"`)

// TestReaderBatchImportWeb registers new students from a CSV file with bad
// rows: the check lists each bad row with its line number and the reason
// and registers nobody; the import then registers the good rows. An XLSX
// workbook with a date cell goes the same way.
func TestReaderBatchImportWeb(t *testing.T) {
	apptest.Each(t, func(t *testing.T, s *apptest.Server) {
		ctx := t.Context()
		shanghai, _ := time.LoadLocation("Asia/Shanghai")
		s.Clock.Set(time.Date(2027, 9, 1, 9, 0, 0, 0, shanghai))
		s.CreateStaff(t, "desk", auth.RoleCirculation)
		c := s.NewClient(t)
		c.Login("desk", "password-desk")
		want(t, "import page", getOK(t, c, "/staff/circ/readers/import"), `enctype="multipart/form-data"`, `name="file"`, "证号、卡号", `id="import-check"`)

		good1, good2 := residentID("32010220050101001"), residentID("32010220050202002")
		badID := good1[:17] + map[bool]string{true: "1", false: "2"}[good1[17] != '1']
		csv := "学号,姓名,类别,身份证号,手机,有效期,宿舍\n" +
			"S2027001,陈一,本科生," + good1 + ",13800000001,2031/7/1,东1-101\n" +
			"S2027002,林二,undergraduate," + badID + ",,2031-07-01,东1-102\n" +
			"S2027001,王三,本科生,,,2031-07-01,东1-103\n" +
			"S2027004,赵四,博士后,,,,东1-104\n" +
			"\n" +
			"S2027006,周六,,,13800000006,20310701,东1-106\n" +
			"S2027007,吴七,研究生," + good2 + ",,,东1-107\n"
		status, body, _ := postMultipart(t, s, c, "/staff/circ/readers/import", map[string]string{"mode": "check", "default_category": "undergraduate"},
			"file", "新生.csv", []byte(csv))
		if status != http.StatusOK {
			t.Fatalf("check: %d %.1000s", status, mainOf(body))
		}
		want(t, "check", body, "检查结果：新生.csv", "共 6 行：3 行可以导入，3 行有问题。尚未登记任何读者。",
			`<tr id="line-3"><td class="num">3</td><td class="mono">S2027002</td><td>证件号码</td><td>证件号码“`+html.EscapeString(readers.MaskIDNumber(badID))+`”无效`,
			`<tr id="line-4"><td class="num">4</td><td class="mono">S2027001</td><td>证号</td><td>证号 S2027001 在文件第 2 行已经出现过。`,
			`<tr id="line-5"><td class="num">5</td><td class="mono">S2027004</td><td>读者类别</td><td>没有读者类别“博士后”。`,
			"以下列无法识别，已忽略：宿舍", `id="import-submit">导入 3 位读者`)
		noKeys(t, "check", body)
		if strings.Contains(body, badID) {
			t.Error("the check shows a whole ID number")
		}
		if p, _ := s.App.Readers.Find(ctx, cli, readers.Query{}); p.Total != 0 {
			t.Fatalf("the check registered %d readers", p.Total)
		}

		// Import the good rows: the file travels back in the page.
		m := hiddenData.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no file in the confirmation form")
		}
		status, body, _ = postMultipart(t, s, c, "/staff/circ/readers/import", map[string]string{"mode": "import", "data": html.UnescapeString(m[1]),
			"filename": "新生.csv", "default_category": "undergraduate"}, "", "", nil)
		if status != http.StatusOK {
			t.Fatalf("import: %d %.1000s", status, mainOf(body))
		}
		want(t, "import", body, "导入结果：新生.csv", "共 6 行：已登记 3 位读者，3 行未导入。", `href="/staff/circ/readers"`)
		p, err := s.App.Readers.Find(ctx, cli, readers.Query{})
		if err != nil || p.Total != 3 {
			t.Fatalf("after the import: %d readers, %v", p.Total, err)
		}
		r, _, err := s.App.Readers.GetByCard(ctx, cli, "S2027006")
		if err != nil || r.Category != "undergraduate" || r.ExpiresOn != "2031-07-01" || r.Phone != "13800000006" {
			t.Fatalf("S2027006: %+v %v", r, err)
		}
		if r, _, _ := s.App.Readers.GetByCard(ctx, cli, "S2027007"); r.Category != "postgraduate" || r.IDNumber != good2 {
			t.Fatalf("S2027007: %+v", r)
		}
		want(t, "readers after the import", getOK(t, c, "/staff/circ/readers"), "共 3 位读者", "陈一", "周六", "吴七")

		// The same file again: every row is taken now.
		status, body, _ = postMultipart(t, s, c, "/staff/circ/readers/import", map[string]string{"mode": "check"}, "file", "新生.csv", []byte(csv))
		if status != http.StatusOK {
			t.Fatalf("check again: %d", status)
		}
		want(t, "check again", body, "0 行可以导入", "证号 S2027007 已被使用", "请选择读者类别")
		if strings.Contains(body, `id="import-submit"`) {
			t.Error("nothing to import, yet the import is offered")
		}

		// No file, an old .xls, a file without a name column.
		status, body, _ = postMultipart(t, s, c, "/staff/circ/readers/import", map[string]string{"mode": "check"}, "", "", nil)
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("no file: %d", status)
		}
		want(t, "no file", body, `id="err-file">请选择一个非空的文件。`)
		status, body, _ = postMultipart(t, s, c, "/staff/circ/readers/import", nil, "file", "old.xls", []byte{0xD0, 0xCF, 0x11, 0xE0})
		if status != http.StatusUnprocessableEntity {
			t.Fatalf(".xls: %d", status)
		}
		want(t, ".xls", body, "另存为 .xlsx 或 CSV")
		status, body, _ = postMultipart(t, s, c, "/staff/circ/readers/import", nil, "file", "x.csv", []byte("证号,类别\nX1,本科生\n"))
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("no name column: %d", status)
		}
		want(t, "no name column", body, "表头中没有姓名列")

		// An XLSX workbook, its expiry a date cell.
		f := excelize.NewFile()
		sh := f.GetSheetName(0)
		f.SetSheetRow(sh, "A1", &[]any{"证号", "姓名", "读者类别", "有效期（年-月-日）"})
		f.SetSheetRow(sh, "A2", &[]any{"T001", "钱老师", "教职工", time.Date(2035, 12, 31, 0, 0, 0, 0, time.UTC)})
		f.SetSheetRow(sh, "A3", &[]any{"T002", "", "教职工", ""})
		f.SetSheetRow(sh, "A4", &[]any{"T003", "孙老师", "staff", ""})
		style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		f.SetCellStyle(sh, "D2", "D2", style)
		var xlsx bytes.Buffer
		if err := f.Write(&xlsx); err != nil {
			t.Fatal(err)
		}
		status, body, _ = postMultipart(t, s, c, "/staff/circ/readers/import", map[string]string{"mode": "check"}, "file", "教工.xlsx", xlsx.Bytes())
		if status != http.StatusOK {
			t.Fatalf("check xlsx: %d %.1000s", status, mainOf(body))
		}
		want(t, "check xlsx", body, "共 3 行：2 行可以导入，1 行有问题", `<tr id="line-3"><td class="num">3</td><td class="mono">T002</td><td>姓名</td><td>请填写读者姓名。`)
		m = hiddenData.FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no file in the confirmation form")
		}
		status, body, _ = postMultipart(t, s, c, "/staff/circ/readers/import", map[string]string{"mode": "import", "data": html.UnescapeString(m[1]), "filename": "教工.xlsx"}, "", "", nil)
		if status != http.StatusOK {
			t.Fatalf("import xlsx: %d", status)
		}
		want(t, "import xlsx", body, "已登记 2 位读者")
		if r, _, err := s.App.Readers.GetByCard(ctx, cli, "T001"); err != nil || r.ExpiresOn != "2035-12-31" || r.Category != "staff" {
			t.Fatalf("T001: %+v %v", r, err)
		}
		es, _ := s.App.Auth.ListAudit(ctx, cli, auth.AuditFilter{Door: auth.DoorWeb, Limit: 100})
		imports := 0
		for _, e := range es {
			if e.Action == "reader.import" {
				imports++
			}
		}
		if imports != 2 {
			t.Errorf("%d imports audited, want 2", imports)
		}
	})
}
