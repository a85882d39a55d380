package sip2

import (
	"fmt"
	"strings"
)

// Error detection. A machine that uses it ends every message with
//
//	AY<sequence number, one digit>AZ<checksum, four hex digits>
//
// The checksum is the two's complement of the 16-bit sum of all bytes of the
// message up to and including "AZ", as sent (after character set encoding).
// The sequence number lets the machine match a response to its request; the
// response carries the request's number.

// Checksum returns the SIP2 checksum of b: the two's complement of the
// 16-bit sum of its bytes. For a message, b runs from the message
// identifier up to and including "AZ".
func Checksum(b []byte) uint16 {
	var sum uint16
	for _, c := range b {
		sum += uint16(c)
	}
	return -sum
}

const hexDigits = "0123456789ABCDEF"

// appendTrailer appends "AY" and seq (if seq is not NoSeq) and "AZ" and the
// checksum of all of b. A seq outside 0 to 9 is taken modulo 10.
func appendTrailer(b []byte, seq int) []byte {
	if seq >= 0 {
		b = append(b, 'A', 'Y', byte('0'+seq%10))
	}
	b = append(b, 'A', 'Z')
	sum := Checksum(b)
	return append(b, hexDigits[sum>>12], hexDigits[sum>>8&15], hexDigits[sum>>4&15], hexDigits[sum&15])
}

func hexValue(b []byte) (uint16, bool) {
	var v uint16
	for _, c := range b {
		var d byte
		switch {
		case c >= '0' && c <= '9':
			d = c - '0'
		case c >= 'A' && c <= 'F':
			d = c - 'A' + 10
		case c >= 'a' && c <= 'f':
			d = c - 'a' + 10
		default:
			return 0, false
		}
		v = v<<4 | uint16(d)
	}
	return v, true
}

// hasChecksum reports whether line (without terminator) ends with "AZ" and
// four hex digits after at least a message identifier.
func hasChecksum(line []byte) bool {
	n := len(line)
	if n < 8 || line[n-6] != 'A' || line[n-5] != 'Z' {
		return false
	}
	_, ok := hexValue(line[n-4:])
	return ok
}

// HasChecksum reports whether line ends with a checksum field (AZ and four
// hex digits), ignoring a trailing CR or LF.
func HasChecksum(line []byte) bool { return hasChecksum(trimTerminator(line)) }

// Verify checks the checksum at the end of line (a trailing CR or LF is
// ignored) against the bytes before it. It returns nil if it matches,
// an error matching ErrNoChecksum if line has none, and a *ChecksumError
// (matching ErrChecksum) if it does not match.
func Verify(line []byte) error {
	line = trimTerminator(line)
	if !hasChecksum(line) {
		return ErrNoChecksum
	}
	if _, _, _, err := splitTrailer(line); err != nil {
		err.Code = string(line[:2])
		if l := registry[err.Code]; l != nil {
			err.Name = l.name
		}
		return err
	}
	return nil
}

// splitTrailer takes the sequence number and checksum off the end of line
// (without terminator) and verifies the checksum. seq is NoSeq if there is
// no sequence number.
func splitTrailer(line []byte) (body []byte, seq int, hasSum bool, err *ChecksumError) {
	if !hasChecksum(line) {
		return line, NoSeq, false, nil
	}
	n := len(line)
	got, _ := hexValue(line[n-4:])
	if want := Checksum(line[:n-4]); got != want {
		return nil, NoSeq, true, &ChecksumError{
			Got:  strings.ToUpper(string(line[n-4:])),
			Want: fmt.Sprintf("%04X", want),
		}
	}
	body, seq = line[:n-6], NoSeq
	if m := len(body); m >= 5 && body[m-3] == 'A' && body[m-2] == 'Y' && body[m-1] >= '0' && body[m-1] <= '9' {
		seq = int(body[m-1] - '0')
		body = body[:m-3]
	}
	return body, seq, true, nil
}
