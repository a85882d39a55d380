package web

import (
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"lantai.dev/lantai/internal/marc"
)

// The MARC editor works without JavaScript: the record is a form with one
// row per field — tag, two indicators and the data, written "$a value $b
// value" (a control field's data is just its value; "$$" is a dollar sign).
// The rows are read back here and checked row by row, so that every mistake
// names its row.

// marcRow is one row of the MARC editor.
type marcRow struct {
	Tag, Ind1, Ind2, Data string
	// I is the row's index in the form, N its number as people count.
	I, N int
	// Errs are the row's problems, already translated.
	Errs []string
}

// Invalid reports whether the row has a problem (for aria-invalid).
func (r marcRow) Invalid() bool { return len(r.Errs) > 0 }

// marcProblem is a mistake in the editor's form: a translation key and its
// arguments; Row is 1-based, 0 for the leader.
type marcProblem struct {
	Row  int
	Key  string
	Args []any
}

// maxMARCRows bounds the rows one form may post.
const maxMARCRows = 2000

// rowsFromRecord turns a record into editor rows.
func rowsFromRecord(m *marc.Record) []marcRow {
	var rows []marcRow
	for _, f := range m.All() {
		if f.Control {
			rows = append(rows, marcRow{Tag: f.Tag, Data: f.Value})
			continue
		}
		row := marcRow{Tag: f.Tag, Ind1: indicatorText(f.Ind(1)), Ind2: indicatorText(f.Ind(2))}
		parts := make([]string, 0, len(f.Subfields))
		for _, sf := range f.Subfields {
			parts = append(parts, "$"+sf.Code+" "+strings.ReplaceAll(sf.Value, "$", "$$"))
		}
		row.Data = strings.Join(parts, " ")
		rows = append(rows, row)
	}
	return rows
}

// indicatorText shows a blank indicator as an empty input.
func indicatorText(s string) string {
	if s == " " {
		return ""
	}
	return s
}

// rowsFromForm reads the editor's rows from a posted form.
func rowsFromForm(form url.Values) []marcRow {
	n, _ := strconv.Atoi(form.Get("rows"))
	n = max(0, min(n, maxMARCRows))
	rows := make([]marcRow, 0, n)
	for i := range n {
		k := strconv.Itoa(i)
		rows = append(rows, marcRow{
			Tag:  strings.TrimSpace(form.Get("tag_" + k)),
			Ind1: form.Get("ind1_" + k),
			Ind2: form.Get("ind2_" + k),
			Data: strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(form.Get("data_" + k)),
		})
	}
	return rows
}

// emptyRows appends n empty rows.
func emptyRows(rows []marcRow, n int) []marcRow {
	for range n {
		rows = append(rows, marcRow{})
	}
	return rows
}

// buildRecord checks the leader and the rows and builds the record. Rows with
// no tag and no data are skipped, and so are subfields left empty and fields
// with nothing left in them (an untouched row of a template). Fields are
// stored in tag order.
func buildRecord(leader string, rows []marcRow) (*marc.Record, []marcProblem) {
	var probs []marcProblem
	m := &marc.Record{}
	leader = strings.TrimRight(leader, "\r\n")
	switch {
	case strings.TrimSpace(leader) == "":
		probs = append(probs, marcProblem{Key: "error.marc_leader_missing"})
	case len(leader) > 24 || !isASCII(leader):
		probs = append(probs, marcProblem{Key: "error.marc_leader", Args: []any{"Length", utf8.RuneCountInString(leader)}})
	default:
		// Trailing blanks are invisible in a form: put them back.
		l, err := marc.ParseLeader(leader + strings.Repeat(" ", 24-len(leader)))
		if err != nil {
			probs = append(probs, marcProblem{Key: "error.marc_leader", Args: []any{"Length", len(leader)}})
		}
		m.Leader = l
	}
	// UNIMARC and CNMARC (entry map "450 ") have coded data in the
	// subfields of 1XX, where blanks are data: those are kept exactly.
	unimarc := strings.HasSuffix(leader, "450") || strings.HasSuffix(leader, "450 ")
	var fields []marc.Field
	for i, row := range rows {
		f, keep, p := buildField(i+1, row, unimarc && strings.HasPrefix(row.Tag, "1"))
		probs = append(probs, p...)
		if keep && len(p) == 0 {
			fields = append(fields, f)
		}
	}
	sort.SliceStable(fields, func(i, j int) bool { return fields[i].Tag < fields[j].Tag })
	m.SetFields(fields)
	if len(probs) == 0 && len(fields) == 0 {
		probs = append(probs, marcProblem{Key: "error.marc_no_fields"})
	}
	return m, probs
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// buildField checks one row. keep is false for a row that is empty (or that
// only holds empty subfields). A control field's value is kept as typed
// (blanks are data in 008); so are subfield values when exact is set,
// but for the one blank on each side of a value that the "$a value $b"
// notation puts there.
func buildField(n int, row marcRow, exact bool) (f marc.Field, keep bool, probs []marcProblem) {
	data := strings.TrimLeft(row.Data, " \t")
	if strings.TrimSpace(data) == "" {
		data = ""
	}
	ind1, ind2 := strings.TrimSpace(row.Ind1), strings.TrimSpace(row.Ind2)
	if row.Tag == "" {
		if data != "" || ind1 != "" || ind2 != "" {
			probs = append(probs, marcProblem{Row: n, Key: "error.marc_row_no_tag", Args: []any{"Row", n}})
		}
		return f, false, probs
	}
	if utf8.RuneCountInString(row.Tag) != 3 || !isAlnum(row.Tag) {
		probs = append(probs, marcProblem{Row: n, Key: "error.marc_row_tag", Args: []any{"Row", n, "Tag", row.Tag}})
		return f, false, probs
	}
	if strings.HasPrefix(row.Tag, "00") {
		if ind1 != "" || ind2 != "" {
			probs = append(probs, marcProblem{Row: n, Key: "error.marc_row_control_indicators", Args: []any{"Row", n, "Tag", row.Tag}})
		}
		return marc.NewControlField(row.Tag, strings.TrimRight(row.Data, "\r\n")), data != "", probs
	}
	inds := [2]rune{' ', ' '}
	for k, v := range []string{ind1, ind2} {
		switch {
		case v == "" || v == "#":
		case utf8.RuneCountInString(v) == 1:
			inds[k], _ = utf8.DecodeRuneInString(v)
		default:
			probs = append(probs, marcProblem{Row: n, Key: "error.marc_row_indicator", Args: []any{"Row", n, "Tag", row.Tag, "N", k + 1, "Value", v}})
		}
	}
	subs, p := parseSubfields(data, exact)
	if p != "" {
		probs = append(probs, marcProblem{Row: n, Key: p, Args: []any{"Row", n, "Tag", row.Tag}})
	}
	if p == "" && len(subs) > 1 && subs[0].Value == "" {
		for _, sf := range subs[1:] {
			if sf.Value != "" {
				probs = append(probs, marcProblem{Row: n, Key: "error.marc_row_first_empty", Args: []any{"Row", n, "Tag", row.Tag, "Code", subs[0].Code}})
				break
			}
		}
	}
	if len(probs) > 0 {
		return f, false, probs
	}
	f = marc.NewDataField(row.Tag, inds[0], inds[1])
	for _, sf := range subs {
		if sf.Value != "" {
			f.AddSub(sf.Code, sf.Value)
		}
	}
	return f, len(f.Subfields) > 0, nil
}

func isAlnum(s string) bool {
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

// parseSubfields reads "$a value $b value" ("$$" is a dollar sign). Values
// are trimmed, or when exact only lose the blank after the code and the one
// before the next "$". It returns the key of the first mistake, or "".
func parseSubfields(data string, exact bool) ([]marc.Subfield, string) {
	if data == "" {
		return nil, ""
	}
	if data[0] != '$' || strings.HasPrefix(data, "$$") {
		return nil, "error.marc_row_no_subfield"
	}
	var subs []marc.Subfield
	var val strings.Builder
	flush := func(last bool) {
		if len(subs) > 0 {
			v := val.String()
			if exact {
				v = strings.TrimPrefix(v, " ")
				if !last {
					v = strings.TrimSuffix(v, " ")
				}
			} else {
				v = strings.TrimSpace(v)
			}
			subs[len(subs)-1].Value = v
		}
		val.Reset()
	}
	for i := 0; i < len(data); {
		if data[i] != '$' {
			c, size := utf8.DecodeRuneInString(data[i:])
			val.WriteRune(c)
			i += size
			continue
		}
		if i+1 < len(data) && data[i+1] == '$' {
			val.WriteByte('$')
			i += 2
			continue
		}
		if i+1 >= len(data) {
			return nil, "error.marc_row_subfield_code"
		}
		c := data[i+1]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
			return nil, "error.marc_row_subfield_code"
		}
		flush(false)
		subs = append(subs, marc.Subfield{Code: string(c)})
		i += 2
	}
	flush(true)
	return subs, ""
}
