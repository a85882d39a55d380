package isbn

// ISBN is a valid International Standard Book Number, held in its 13-digit
// form. The zero value is not a valid ISBN (see IsZero).
type ISBN struct {
	d string // 13 digits
}

// Parse finds the ISBN at the start of a catalogue string (see the package
// comment for the forms accepted), validates it and returns it in 13-digit
// form. An ISBN-10 is converted to 978-prefixed ISBN-13.
func Parse(s string) (ISBN, error) {
	groups, err := scan(s, "ISBN")
	if err != nil {
		return ISBN{}, err
	}
	var first *Error
	for _, n := range []int{13, 10} {
		num, ok := prefix(groups, n)
		if !ok {
			continue
		}
		d, err := validate(s, num)
		if err == nil {
			return ISBN{d: d}, nil
		}
		if first == nil {
			first = err
		}
	}
	if first != nil {
		return ISBN{}, first
	}
	return ISBN{}, &Error{Std: "ISBN", Input: s, Kind: ErrLength, Digits: all(groups)}
}

// validate checks a 10- or 13-character candidate and returns its ISBN-13.
func validate(s string, num number) (string, *Error) {
	d := num.digits
	for i := 0; i < len(d)-1; i++ {
		if d[i] == 'X' {
			return "", &Error{Std: "ISBN", Input: s, Kind: ErrChar, Digits: d, Char: 'X', Pos: num.pos[i]}
		}
	}
	last := d[len(d)-1]
	switch len(d) {
	case 13:
		if last == 'X' {
			return "", &Error{Std: "ISBN", Input: s, Kind: ErrChar, Digits: d, Char: 'X', Pos: num.pos[12]}
		}
		if d[:3] != "978" && d[:3] != "979" {
			return "", &Error{Std: "ISBN", Input: s, Kind: ErrPrefix, Digits: d}
		}
		if want := check13(d); want != last {
			return "", &Error{Std: "ISBN", Input: s, Kind: ErrCheckDigit, Digits: d, Got: last, Want: want}
		}
		return d, nil
	case 10:
		if want := check10(d); want != last {
			return "", &Error{Std: "ISBN", Input: s, Kind: ErrCheckDigit, Digits: d, Got: last, Want: want}
		}
		return to13(d), nil
	}
	return "", &Error{Std: "ISBN", Input: s, Kind: ErrLength, Digits: d}
}

// check13 computes the ISBN-13 (EAN-13) check digit of the first 12 digits:
// weights 1,3,1,3…, the digit that makes the sum a multiple of 10.
func check13(d string) byte {
	sum := 0
	for i := 0; i < 12; i++ {
		w := 1
		if i%2 == 1 {
			w = 3
		}
		sum += int(d[i]-'0') * w
	}
	return byte('0' + (10-sum%10)%10)
}

// check10 computes the ISBN-10 check character of the first 9 digits:
// weights 10 down to 2, the value that makes the sum a multiple of 11, X for 10.
func check10(d string) byte {
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(d[i]-'0') * (10 - i)
	}
	return mod11(sum)
}

// mod11 returns the check character that makes sum a multiple of 11.
func mod11(sum int) byte {
	c := (11 - sum%11) % 11
	if c == 10 {
		return 'X'
	}
	return byte('0' + c)
}

// to13 converts a valid ISBN-10 to its ISBN-13.
func to13(d10 string) string {
	d := "978" + d10[:9]
	return d + string(check13(d))
}

// String returns the 13 digits, without hyphens.
func (n ISBN) String() string { return n.d }

// ISBN13 returns the 13 digits, without hyphens.
func (n ISBN) ISBN13() string { return n.d }

// ISBN10 returns the ISBN-10 form of a 978 ISBN, and false for a 979 ISBN
// (or the zero ISBN), which has none.
func (n ISBN) ISBN10() (string, bool) {
	if len(n.d) != 13 || n.d[:3] != "978" {
		return "", false
	}
	d := n.d[3:12]
	return d + string(check10(d)), true
}

// IsZero reports whether n is the zero ISBN, which Parse never returns.
func (n ISBN) IsZero() bool { return n.d == "" }

// SearchKeys returns the forms a search index should hold for n: the
// 13-digit form and, for a 978 ISBN, the 10-digit form (with an upper-case
// X), without hyphens.
func (n ISBN) SearchKeys() []string {
	if n.IsZero() {
		return nil
	}
	keys := []string{n.d}
	if d10, ok := n.ISBN10(); ok {
		keys = append(keys, d10)
	}
	return keys
}

// To13 parses s and returns its ISBN-13 digits.
func To13(s string) (string, error) {
	n, err := Parse(s)
	if err != nil {
		return "", err
	}
	return n.d, nil
}

// To10 parses s and returns its ISBN-10 form; a 979 ISBN gives an error of
// kind ErrNo10.
func To10(s string) (string, error) {
	n, err := Parse(s)
	if err != nil {
		return "", err
	}
	d10, ok := n.ISBN10()
	if !ok {
		return "", &Error{Std: "ISBN", Input: s, Kind: ErrNo10, Digits: n.d}
	}
	return d10, nil
}

// SearchKeys parses s and returns the search keys of the ISBN in it (see
// ISBN.SearchKeys).
func SearchKeys(s string) ([]string, error) {
	n, err := Parse(s)
	if err != nil {
		return nil, err
	}
	return n.SearchKeys(), nil
}
