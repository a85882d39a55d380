package readers_test

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"lantai.dev/lantai/internal/apperr"
	"lantai.dev/lantai/internal/readers"
)

// rejected lists a summary's rejections as "line:key".
func rejected(sum readers.ImportSummary) []string {
	var out []string
	for _, r := range sum.Rejected {
		out = append(out, fmt.Sprintf("%d:%s", r.Line, r.Key))
	}
	return out
}

func sameList(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("%s:\n got %v\nwant %v", what, got, want)
	}
}

// cards lists every reader's current card number.
func cards(t *testing.T, e env) []string {
	t.Helper()
	p, err := e.r.Find(ctx, desk, readers.Query{Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range p.Readers {
		out = append(out, r.CardNumber)
	}
	sort.Strings(out)
	return out
}

const mixedCSV = "\ufeff证号,姓名,类别,身份证号,院系,班级,电话,邮箱,有效期,备注,宿舍\n" +
	"2026001,张三,本科生,110101199003070011,计算机学院,计科2601,13800138000,zs@example.edu.cn,2030-06-30,,东1-101\n" +
	"2026002,李四,undergraduate,,计算机学院,计科2601,,,2030/6/30,,\n" +
	"2026001,张三三,本科生,,,,,,2030-06-30,,\n" + // same card as line 2
	"OLD01,王五,本科生,,,,,,2030-06-30,,\n" + // already in the database
	"2026005,赵六,火星人,,,,,,2030-06-30,,\n" + // unknown category
	"2026006,钱七,本科生,,,,,,2030-02-30,,\n" + // no such day
	"2026007,,本科生,,,,,,2030-06-30,,\n" + // no name
	",孙八,本科生,,,,,,2030-06-30,,\n" + // no card
	"2026009,周九,本科生,110101199003070012,,,,,2030-06-30,,\n" + // bad check character
	"\n" + // blank lines are skipped, not counted
	"2026010,\"吴, 十\",研究生,,,,,,,\"多行\n备注\",\n" +
	"2026011,郑十一,postgraduate,,,,,bad@,,,\n"

func TestImportCSVMixed(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		register(t, e, "OLD01", "老读者")
		sum, err := e.r.ImportCSV(ctx, desk, strings.NewReader(mixedCSV), readers.ImportOptions{FileName: "new.csv"})
		if err != nil {
			t.Fatal(err)
		}
		sameList(t, "rejections", rejected(sum), []string{
			"4:error.import_duplicate_card", "5:error.card_taken", "6:error.reader_category_unknown",
			"7:error.expiry_invalid", "8:error.reader_name_required", "9:error.card_number_required",
			"10:error.id_number_invalid", "14:error.email_invalid",
		})
		if sum.Rows != 11 || sum.Imported != 3 || sum.Valid != 3 || len(sum.Ignored) != 1 || sum.Ignored[0] != "宿舍" {
			t.Fatalf("summary: %+v", sum)
		}
		if r := sum.Rejected[0]; r.Card != "2026001" || r.Args["Line"] != 2 || r.Err().Code != apperr.Invalid {
			t.Fatalf("duplicate row: %+v", r)
		}
		sameList(t, "cards", cards(t, e), []string{"2026001", "2026002", "2026010", "OLD01"})
		zs, _, err := e.r.GetByCard(ctx, desk, "2026001")
		if err != nil || zs.Name != "张三" || zs.Category != "undergraduate" || zs.IDMasked != "110***********0011" ||
			zs.Department != "计算机学院" || zs.ExpiresOn != "2030-06-30" || zs.Email != "zs@example.edu.cn" {
			t.Fatalf("imported reader: %+v %v", zs, err)
		}
		wu, _, _ := e.r.GetByCard(ctx, desk, "2026010")
		if wu.Name != "吴, 十" || wu.Notes != "多行\n备注" || wu.Category != "postgraduate" || wu.ExpiresOn != "" {
			t.Fatalf("quoted fields: %+v", wu)
		}
		if n := count(t, e.d, `SELECT COUNT(*) FROM card_events WHERE event = 'issued'`); n != 4 {
			t.Fatalf("issued cards: %d", n)
		}
		if n := count(t, e.d, `SELECT COUNT(*) FROM audit_log WHERE action = 'reader.import'`); n != 1 {
			t.Fatalf("import audit entries: %d", n)
		}
	})
}

func TestImportOnlyBadRowsImportsNothing(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		register(t, e, "OLD01", "老读者")
		csv := "card,name,category,expires\nOLD01,A,undergraduate,\nX1,,undergraduate,\nX2,B,nobody,\nX3,C,staff,31/12/2030\n"
		sum, err := e.r.ImportCSV(ctx, desk, strings.NewReader(csv), readers.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		sameList(t, "rejections", rejected(sum), []string{"2:error.card_taken", "3:error.reader_name_required",
			"4:error.reader_category_unknown", "5:error.expiry_invalid"})
		if sum.Imported != 0 || sum.Rows != 4 {
			t.Fatalf("summary: %+v", sum)
		}
		sameList(t, "cards", cards(t, e), []string{"OLD01"})
		if n := count(t, e.d, `SELECT COUNT(*) FROM cards`); n != 1 {
			t.Fatalf("cards: %d", n)
		}
		if n := count(t, e.d, `SELECT COUNT(*) FROM audit_log WHERE action = 'reader.import'`); n != 0 {
			t.Fatalf("audit entries for an empty import: %d", n)
		}
	})
}

func TestImportOptionsAndFileErrors(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		// Defaults fill empty cells; a dry run checks and writes nothing.
		csv := "学号\t姓名\n2026101\t甲\n2026102\t乙\n2026101\t丙\n"
		opts := readers.ImportOptions{DefaultCategory: "本科生", DefaultExpires: "2030-07-01", DryRun: true}
		sum, err := e.r.ImportCSV(ctx, desk, strings.NewReader(csv), opts)
		if err != nil || sum.Valid != 2 || sum.Imported != 0 || !sum.DryRun {
			t.Fatalf("dry run: %+v %v", sum, err)
		}
		sameList(t, "dry-run rejections", rejected(sum), []string{"4:error.import_duplicate_card"})
		if n := count(t, e.d, `SELECT COUNT(*) FROM readers`); n != 0 {
			t.Fatalf("a dry run wrote %d readers", n)
		}
		opts.DryRun = false
		// The same file from Excel on a Chinese Windows: GB18030.
		gbk, err := simplifiedchinese.GB18030.NewEncoder().String(csv)
		if err != nil {
			t.Fatal(err)
		}
		sum, err = e.r.ImportCSV(ctx, desk, strings.NewReader(gbk), opts)
		if err != nil || sum.Imported != 2 {
			t.Fatalf("GB18030 import: %+v %v", sum, err)
		}
		r, _, err := e.r.GetByCard(ctx, desk, "2026102")
		if err != nil || r.Name != "乙" || r.Category != "undergraduate" || r.ExpiresOn != "2030-07-01" {
			t.Fatalf("defaults: %+v %v", r, err)
		}

		files := []struct{ text, key string }{
			{"", "error.import_empty"},
			{"\n\n", "error.import_empty"},
			{"姓名,类别\n甲,staff\n", "error.import_no_card_column"},
			{"证号,类别\n1,staff\n", "error.import_no_name_column"},
			{"证号,姓名\n1,甲\n", "error.import_no_category"},
			{"证号,姓名,卡号,类别\n1,甲,2,staff\n", "error.import_duplicate_column"},
		}
		for _, f := range files {
			_, err := e.r.ImportCSV(ctx, desk, strings.NewReader(f.text), readers.ImportOptions{})
			wantErr(t, fmt.Sprintf("file %q", f.text), err, apperr.Invalid, f.key)
		}
		_, err = e.r.ImportXLSX(ctx, desk, strings.NewReader("not a workbook"), readers.ImportOptions{})
		wantErr(t, "not a workbook", err, apperr.Invalid, "error.import_unreadable")
		_, err = e.r.ImportCSV(ctx, desk, strings.NewReader("证号,姓名\n1,甲\n"), readers.ImportOptions{DefaultCategory: "staff", DefaultExpires: "soon"})
		wantErr(t, "bad default expiry", err, apperr.Invalid, "error.expiry_invalid")
	})
}

// workbook builds an XLSX file: the rows go to the first sheet from A1;
// a time.Time cell is stored as Excel stores a date (a serial number with
// a date format).
func workbook(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	style, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellValue("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
			if _, ok := v.(time.Time); ok {
				if err := f.SetCellStyle("Sheet1", cell, cell, style); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestImportXLSXMixed(t *testing.T) {
	setup(t, func(t *testing.T, e env) {
		expires := time.Date(2030, 6, 30, 0, 0, 0, 0, time.UTC)
		data := workbook(t, [][]any{
			{"Card Number", "Name", "Category", "ID Number", "Department", "Class", "Phone", "E-mail", "Expires"},
			{2026201, "Alice Wang", "Undergraduate", "", "Physics", "PH-26", 13800138000, "", expires},
			{"2026202", "李雷", "研究生", "11010519491231002X", "物理学院", "", "", "", "2030-06-30"},
			{},
			{"2026203", "韩梅梅", "staff", "", "", "", "", "", "not a date"},
			{"2026201", "Alice Again", "staff", "", "", "", "", "", expires},
			{"2026205", "林涛", "", "", "", "", "", "", expires}, // no category, no default
			{"2026206", "Bob", "child", "", "", "", "", "bob@@example.com", ""},
		})
		sum, err := e.r.ImportXLSX(ctx, desk, bytes.NewReader(data), readers.ImportOptions{FileName: "freshmen.xlsx"})
		if err != nil {
			t.Fatal(err)
		}
		sameList(t, "rejections", rejected(sum), []string{"5:error.expiry_invalid", "6:error.import_duplicate_card",
			"7:error.reader_category_required", "8:error.email_invalid"})
		if sum.Imported != 2 || sum.Rows != 6 {
			t.Fatalf("summary: %+v", sum)
		}
		sameList(t, "cards", cards(t, e), []string{"2026201", "2026202"})
		a, _, err := e.r.GetByCard(ctx, desk, "2026201")
		if err != nil || a.Name != "Alice Wang" || a.ExpiresOn != "2030-06-30" || a.Phone != "13800138000" || a.Class != "PH-26" {
			t.Fatalf("reader from numbers and a date cell: %+v %v", a, err)
		}
		l, _, _ := e.r.GetByCard(ctx, desk, "2026202")
		if l.Category != "postgraduate" || l.IDNumber != "11010519491231002X" {
			t.Fatalf("reader from text cells: %+v", l)
		}
	})
}
