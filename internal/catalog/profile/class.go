package profile

import (
	"strings"

	"lantai.dev/lantai/internal/catalog/clc"
)

// addCLC records a Chinese Library Classification number: normalised if
// its syntax is valid, as recorded in CLCInvalid if not. A 四部 class put
// in the CLC field of an ancient book ("集部.别集类") goes to Classes
// under "sibu" instead.
func addCLC(b *Bib, raw, edition string) {
	raw = trimSpace(raw)
	if raw == "" {
		return
	}
	n := clc.Normalize(raw)
	if clc.ValidClassSyntax(n) == nil {
		for _, x := range b.CLCNumbers {
			if x == n {
				return
			}
		}
		if len(b.CLCNumbers) == 0 {
			b.CLC, b.CLCEdition = n, edition
		}
		b.CLCNumbers = append(b.CLCNumbers, n)
		return
	}
	if isSibuClass(raw) {
		addClass(b, "sibu", raw, edition)
		return
	}
	b.CLCInvalid = addUnique(b.CLCInvalid, raw)
}

// addClass records a class number of another scheme.
func addClass(b *Bib, scheme, number, edition string) {
	number = trimISBD(number)
	if number == "" {
		return
	}
	for _, c := range b.Classes {
		if c.Scheme == scheme && c.Number == number {
			return
		}
	}
	b.Classes = append(b.Classes, Class{Scheme: scheme, Number: number, Edition: trimSpace(edition)})
}

// isSibuClass reports whether a class number is one of the four-part
// classification (四部分类法) of ancient books: it starts with one of the
// four parts 经, 史, 子, 集 (and 丛, the 丛部 that many libraries add),
// followed by 部 or a separator: "集部.别集类", "史部-地理类", "子/医家".
func isSibuClass(s string) bool {
	for _, p := range []string{"经", "經", "史", "子", "集", "丛", "叢"} {
		if !strings.HasPrefix(s, p) {
			continue
		}
		rest := s[len(p):]
		if rest == "" || strings.HasPrefix(rest, "部") || strings.ContainsAny(rest[:1], ".-/·:") {
			return true
		}
	}
	return false
}

// sibuSource reports whether a $2 names the four-part classification.
func sibuSource(s string) bool {
	s = strings.ToLower(s)
	return strings.Contains(s, "四部") || strings.HasPrefix(s, "sibu") || s == "sbfl"
}

// isCLCSource reports whether an 084 $2 names the CLC ("clc", "clc5",
// "CLC"), and returns the edition that follows "clc".
func isCLCSource(s string) (bool, string) {
	s = trimSpace(s)
	if len(s) < 3 || !strings.EqualFold(s[:3], "clc") {
		return false, ""
	}
	return true, strings.TrimLeft(s[3:], " -_.")
}
