package readers

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// Limits of a batch file.
const (
	MaxImportBytes = 32 << 20
	MaxImportRows  = 50000
)

// column is a field of a batch file.
type column string

// The columns a batch file may have.
const (
	colCard       column = "card"
	colName       column = "name"
	colCategory   column = "category"
	colIDNumber   column = "id_number"
	colDepartment column = "department"
	colClass      column = "class"
	colPhone      column = "phone"
	colEmail      column = "email"
	colExpires    column = "expires"
	colNotes      column = "notes"
)

// headerNames are the header texts understood for each column, in Chinese
// and English, as headerKey folds them.
var headerNames = map[column][]string{
	colCard:       {"证号", "卡号", "借书证号", "读者证号", "借阅证号", "读者条码", "证件条码", "学号", "工号", "card", "cardnumber", "cardno", "barcode"},
	colName:       {"姓名", "名字", "读者姓名", "name"},
	colCategory:   {"类别", "读者类别", "读者类型", "类型", "category", "type"},
	colIDNumber:   {"身份证号", "身份证", "身份证号码", "证件号", "证件号码", "idnumber", "id", "idcard"},
	colDepartment: {"院系", "学院", "系", "部门", "单位", "department", "dept", "faculty"},
	colClass:      {"班级", "年级", "class", "grade"},
	colPhone:      {"电话", "手机", "手机号", "手机号码", "联系电话", "phone", "mobile", "tel"},
	colEmail:      {"邮箱", "电子邮箱", "电子邮件", "email", "mail"},
	colExpires:    {"有效期", "有效期至", "到期日", "到期日期", "截止日期", "失效日期", "expires", "expireson", "expiry", "validuntil"},
	colNotes:      {"备注", "notes", "note", "remarks"},
}

var headerIndex = func() map[string]column {
	m := map[string]column{}
	for c, names := range headerNames {
		for _, n := range names {
			m[n] = c
		}
	}
	return m
}()

// headerKey folds a header cell: lower case, no spaces, underscores,
// hyphens or required-field stars, nothing from a bracket on ("有效期（年-月-日）").
func headerKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "(（[【"); i > 0 {
		s = s[:i]
	}
	return strings.NewReplacer(" ", "", "\u3000", "", "_", "", "-", "", "*", "", "＊", "", ":", "", "：", "").Replace(s)
}

// sheet is a batch file read into rows of cells.
type sheet struct {
	header []string
	rows   []sheetRow
	excel  bool // cells are raw spreadsheet values (dates as serial numbers)
}

type sheetRow struct {
	line  int // 1-based line (CSV) or row (XLSX) number
	cells []string
}

func (r sheetRow) blank() bool {
	for _, c := range r.cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func readAll(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxImportBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxImportBytes {
		return nil, invalid("error.import_too_large", "file", "MaxMB", MaxImportBytes>>20)
	}
	return b, nil
}

// decodeText turns the bytes of a text file into UTF-8: UTF-8 (with or
// without a byte-order mark), UTF-16 with a byte-order mark (Excel's
// "Unicode text"), or else GB18030 (Excel's CSV on a Chinese Windows).
func decodeText(b []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return b[3:], nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(b)
	case utf8.Valid(b):
		return b, nil
	}
	return simplifiedchinese.GB18030.NewDecoder().Bytes(b)
}

// readCSV reads a CSV (or tab-separated) file whose first non-blank line
// is the header.
func readCSV(r io.Reader) (sheet, error) {
	raw, err := readAll(r)
	if err != nil {
		return sheet{}, err
	}
	text, err := decodeText(raw)
	if err != nil {
		return sheet{}, invalid("error.import_unreadable", "file")
	}
	cr := csv.NewReader(bytes.NewReader(text))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	first, _, _ := bytes.Cut(text, []byte("\n"))
	if bytes.Count(first, []byte("\t")) > bytes.Count(first, []byte(",")) {
		cr.Comma = '\t'
	}
	var sh sheet
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			line := 0
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			return sheet{}, invalid("error.import_csv_syntax", "file", "Line", line)
		}
		line, _ := cr.FieldPos(0)
		if err := sh.add(line, rec); err != nil {
			return sheet{}, err
		}
	}
	return sh, nil
}

// readXLSX reads the active worksheet of an XLSX workbook whose first
// non-blank row is the header.
func readXLSX(r io.Reader) (sheet, error) {
	raw, err := readAll(r)
	if err != nil {
		return sheet{}, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(raw), excelize.Options{UnzipSizeLimit: 8 * MaxImportBytes})
	if err != nil {
		return sheet{}, invalid("error.import_unreadable", "file")
	}
	defer f.Close()
	name := f.GetSheetName(f.GetActiveSheetIndex())
	if name == "" {
		if list := f.GetSheetList(); len(list) > 0 {
			name = list[0]
		}
	}
	rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		return sheet{}, invalid("error.import_unreadable", "file")
	}
	sh := sheet{excel: true}
	for i, cells := range rows {
		if err := sh.add(i+1, cells); err != nil {
			return sheet{}, err
		}
	}
	return sh, nil
}

// add takes the header (the first non-blank row) or a data row.
func (sh *sheet) add(line int, cells []string) error {
	row := sheetRow{line: line, cells: cells}
	if row.blank() {
		return nil
	}
	if sh.header == nil {
		sh.header = cells
		return nil
	}
	if len(sh.rows) == MaxImportRows {
		return invalid("error.import_too_many_rows", "file", "Max", MaxImportRows)
	}
	sh.rows = append(sh.rows, row)
	return nil
}

// columns maps the header onto the known columns; unknown headers are
// returned to be reported, a column given twice is refused.
func (sh *sheet) columns() (map[column]int, []string, error) {
	cols := map[column]int{}
	var ignored []string
	for i, h := range sh.header {
		if strings.TrimSpace(h) == "" {
			continue
		}
		c, ok := headerIndex[headerKey(h)]
		if !ok {
			ignored = append(ignored, strings.TrimSpace(h))
			continue
		}
		if _, dup := cols[c]; dup {
			return nil, nil, invalid("error.import_duplicate_column", "file", "Column", strings.TrimSpace(h))
		}
		cols[c] = i
	}
	return cols, ignored, nil
}

// cell returns a row's value of a column ("" when absent).
func (r sheetRow) cell(cols map[column]int, c column) string {
	i, ok := cols[c]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[i])
}

// excelDate reads a spreadsheet date cell: a date written as text, or a
// serial day number (what a cell formatted as a date holds).
func excelDate(s string) string {
	if _, ok := ParseDate(s); ok || s == "" {
		return s
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 1 || v > 2958465 {
		return s
	}
	t, err := excelize.ExcelDateToTime(v, false)
	if err != nil {
		return s
	}
	return t.Format(time.DateOnly)
}
