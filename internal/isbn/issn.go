package isbn

// ISSN is a valid International Standard Serial Number. The zero value is not
// a valid ISSN (see IsZero).
type ISSN struct {
	d string // 7 digits and the check character
}

// ParseISSN finds the ISSN at the start of a catalogue string ("1001-8867",
// "ISSN 0317-8471 (Print)", "2434561x", full-width forms), validates its check
// character (weights 8 down to 2, modulus 11, X for 10) and returns it.
func ParseISSN(s string) (ISSN, error) {
	groups, err := scan(s, "ISSN")
	if err != nil {
		return ISSN{}, err
	}
	num, ok := prefix(groups, 8)
	if !ok {
		return ISSN{}, &Error{Std: "ISSN", Input: s, Kind: ErrLength, Digits: all(groups)}
	}
	d := num.digits
	for i := 0; i < 7; i++ {
		if d[i] == 'X' {
			return ISSN{}, &Error{Std: "ISSN", Input: s, Kind: ErrChar, Digits: d, Char: 'X', Pos: num.pos[i]}
		}
	}
	sum := 0
	for i := 0; i < 7; i++ {
		sum += int(d[i]-'0') * (8 - i)
	}
	if want := mod11(sum); want != d[7] {
		return ISSN{}, &Error{Std: "ISSN", Input: s, Kind: ErrCheckDigit, Digits: d, Got: d[7], Want: want}
	}
	return ISSN{d: d}, nil
}

// String returns the ISSN in its normal form "NNNN-NNNC".
func (n ISSN) String() string {
	if n.IsZero() {
		return ""
	}
	return n.d[:4] + "-" + n.d[4:]
}

// Compact returns the eight characters without the hyphen, for search keys.
func (n ISSN) Compact() string { return n.d }

// IsZero reports whether n is the zero ISSN, which ParseISSN never returns.
func (n ISSN) IsZero() bool { return n.d == "" }
