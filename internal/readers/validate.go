package readers

import (
	"net/mail"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Details are what staff enter about a reader; the card number is given
// at registration and changes only through Replace.
type Details struct {
	Name       string
	IDNumber   string // 身份证号 or another identity document's number
	Category   string // a reader category code
	Department string // 院系/单位
	Class      string // 班级/年级
	Phone      string
	Email      string
	ExpiresOn  string // the last day the card is valid, YYYY-MM-DD; "" for no expiry
	Notes      string
}

// Length limits of the free-text fields, in characters.
const (
	maxName  = 64
	maxShort = 100
	maxNotes = 2000
)

var (
	cardRe  = regexp.MustCompile(`^[A-Z0-9][A-Z0-9-]{0,31}$`)
	otherID = regexp.MustCompile(`^[A-Z0-9()-]{4,32}$`)
	phoneRe = regexp.MustCompile(`^\+?[0-9][0-9 ()-]{4,24}$`)
	spaces  = strings.NewReplacer(" ", "", "\t", "", "\u3000", "")
)

// NormalizeCard folds a card number as it is stored: without spaces and in
// upper case (a scanner and a typist give the same number).
func NormalizeCard(s string) string { return strings.ToUpper(spaces.Replace(strings.TrimSpace(s))) }

// checkCard normalizes and validates a card number.
func checkCard(s, field string) (string, error) {
	c := NormalizeCard(s)
	if c == "" {
		return "", invalid("error.card_number_required", field)
	}
	if !cardRe.MatchString(c) {
		return "", invalid("error.card_number_invalid", field, "Card", s)
	}
	return c, nil
}

// NormalizeIDNumber folds an identity document number as it is stored
// (upper case, no spaces) and checks it: an 18-character resident identity
// number 身份证号 must have the right check character; other documents
// (15-digit old cards, passports, Hong Kong and Macao permits) need 4–32
// letters, digits, hyphens or brackets. "" is allowed (no document given).
func NormalizeIDNumber(s string) (string, error) {
	v := strings.ToUpper(spaces.Replace(strings.TrimSpace(s)))
	v = strings.NewReplacer("（", "(", "）", ")").Replace(v)
	if v == "" {
		return "", nil
	}
	if len(v) == 18 && allDigits(v[:17]) {
		if !residentIDValid(v) {
			return "", invalid("error.id_number_invalid", "id_number", "Value", s)
		}
		return v, nil
	}
	if !otherID.MatchString(v) {
		return "", invalid("error.id_number_invalid", "id_number", "Value", s)
	}
	return v, nil
}

// residentIDValid checks the check character of an 18-character resident
// identity number (GB 11643-1999, ISO 7064 MOD 11-2).
func residentIDValid(v string) bool {
	weights := [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, w := range weights {
		sum += int(v[i]-'0') * w
	}
	return v[17] == "10X98765432"[sum%11]
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// MaskIDNumber hides the middle of an identity document number for
// display: the first three and last four characters of a long number stay
// (110***********123X), less of a short one, nothing of one or two
// characters.
func MaskIDNumber(s string) string {
	r := []rune(s)
	n := len(r)
	keep := func(head, tail int) string {
		return string(r[:head]) + strings.Repeat("*", n-head-tail) + string(r[n-tail:])
	}
	switch {
	case n == 0:
		return ""
	case n <= 2:
		return strings.Repeat("*", n)
	case n <= 6:
		return keep(1, 1)
	case n < 10:
		return keep(2, 2)
	default:
		return keep(3, 4)
	}
}

// ParseDate reads a date as people write it in forms and spreadsheets —
// 2026-09-01, 2026/9/1, 2026.9.1, 20260901, 2026年9月1日 — and returns it as
// YYYY-MM-DD; ok is false when it is not a real date.
func ParseDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if len(s) == 8 && allDigits(s) {
		s = s[:4] + "-" + s[4:6] + "-" + s[6:]
	}
	s = strings.NewReplacer("/", "-", ".", "-", "年", "-", "月", "-", "日", "").Replace(s)
	parts := strings.Split(s, "-")
	if len(parts) != 3 || len(parts[0]) != 4 {
		return "", false
	}
	var n [3]int
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || len(p) > 4 || len(p) == 0 {
			return "", false
		}
		n[i] = v
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], 0, 0, 0, 0, time.UTC)
	if n[0] < 1900 || t.Year() != n[0] || int(t.Month()) != n[1] || t.Day() != n[2] {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

// checkText trims a free-text field and bounds its length.
func checkText(s, field string, max int) (string, error) {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > max {
		return "", invalid("error.text_too_long", field, "Max", max)
	}
	for _, r := range s {
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			return "", invalid("error.text_control", field)
		}
	}
	return s, nil
}

// normalize trims and checks the details on their own (whether the
// category exists is the database's to say). The first problem is
// returned.
func (d Details) normalize() (Details, error) {
	var err error
	field := func(p *string, name string, max int) {
		if err == nil {
			*p, err = checkText(*p, name, max)
		}
	}
	field(&d.Name, "name", maxName)
	if err == nil && d.Name == "" {
		err = invalid("error.reader_name_required", "name")
	}
	field(&d.Department, "department", maxShort)
	field(&d.Class, "class", maxShort)
	field(&d.Notes, "notes", maxNotes)
	if err != nil {
		return d, err
	}
	if strings.ContainsAny(d.Name, "\r\n\t") {
		return d, invalid("error.text_control", "name")
	}
	d.Category = strings.ToLower(strings.TrimSpace(d.Category))
	if d.Category == "" {
		return d, invalid("error.reader_category_required", "category")
	}
	if d.IDNumber, err = NormalizeIDNumber(d.IDNumber); err != nil {
		return d, err
	}
	if d.Phone = strings.TrimSpace(d.Phone); d.Phone != "" && !phoneRe.MatchString(d.Phone) {
		return d, invalid("error.phone_invalid", "phone", "Value", d.Phone)
	}
	if d.Email = strings.TrimSpace(d.Email); d.Email != "" {
		a, perr := mail.ParseAddress(d.Email)
		if perr != nil || a.Address != d.Email || len(d.Email) > 254 {
			return d, invalid("error.email_invalid", "email", "Value", d.Email)
		}
	}
	if v := strings.TrimSpace(d.ExpiresOn); v != "" {
		date, ok := ParseDate(v)
		if !ok {
			return d, invalid("error.expiry_invalid", "expires_on", "Value", v)
		}
		d.ExpiresOn = date
	} else {
		d.ExpiresOn = ""
	}
	return d, nil
}
