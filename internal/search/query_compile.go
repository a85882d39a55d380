package search

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Compilers from the query tree to the two engines' query syntaxes.
//
// Both assume the recommended storage (see the package documentation):
// one indexed text holding [Doc.Text] — an FTS5 table with a single
// column of tokens and tokenize='ascii', or a tsvector made by
// to_tsvector('simple', …) under a GIN index. Field qualifiers are part of
// the tokens (ti图书, kwjava), so neither compiler needs column filters.
//
// Both compilers re-check the tree (a hand-built tree may break the rules
// Parse guarantees) and every token (only lower-case ASCII letters, ASCII
// digits and other Unicode letters may occur), and return an error rather
// than an expression that would mean something else.

// CompileFTS5 returns the FTS5 MATCH expression for q, for example
//
//	ti:图书馆 comp* -java   →   ("ti图书 ti书馆" AND "kwcomp" *) NOT "kwjava"
//
// Each phrase is one double-quoted FTS5 string whose tokens are separated
// by spaces (FTS5 turns it into a phrase); a prefix phrase ends in " *".
// Operators are AND, OR and FTS5's binary NOT; every compound operand is
// parenthesised, so FTS5's precedence rules never matter.
func CompileFTS5(q *Query) (string, error) {
	return compile(q, fts5Syntax)
}

// CompileTSQuery returns the PostgreSQL tsquery text for q, to be used as
// to_tsquery('simple', $1) (or $1::tsquery: the tokens need no further
// normalisation), for example
//
//	ti:图书馆 comp* -java   →   ('ti图书' <-> 'ti书馆') & 'kwcomp':* & !'kwjava'
//
// Phrases use <->, prefixes :*, and operators &, | and !.
func CompileTSQuery(q *Query) (string, error) {
	return compile(q, tsSyntax)
}

// syntax describes the target language.
type syntax struct {
	name         string
	and, or      string
	phrase       func(toks []string, prefix bool) string
	negInsideAnd bool // negations are written among the AND operands (tsquery's unary !)
}

var fts5Syntax = syntax{
	name: "CompileFTS5",
	and:  " AND ",
	or:   " OR ",
	phrase: func(toks []string, prefix bool) string {
		s := `"` + strings.Join(toks, " ") + `"`
		if prefix {
			s += " *"
		}
		return s
	},
}

var tsSyntax = syntax{
	name:         "CompileTSQuery",
	and:          " & ",
	or:           " | ",
	negInsideAnd: true,
	phrase: func(toks []string, prefix bool) string {
		parts := make([]string, len(toks))
		for i, t := range toks {
			parts[i] = "'" + t + "'"
		}
		if prefix {
			parts[len(parts)-1] += ":*"
		}
		if len(parts) == 1 {
			return parts[0]
		}
		return "(" + strings.Join(parts, " <-> ") + ")"
	},
}

func compile(q *Query, sx syntax) (string, error) {
	if q == nil || q.Root == nil {
		return "", fmt.Errorf("search: %s: empty query", sx.name)
	}
	if _, neg := q.Root.(*Not); neg {
		return "", fmt.Errorf("search: %s: the query is only a negation", sx.name)
	}
	return sx.node(q.Root, true, 0)
}

// maxCompileDepth guards against hand-built cyclic or absurdly deep trees.
const maxCompileDepth = 64

func (sx syntax) node(n Node, root bool, depth int) (string, error) {
	if depth > maxCompileDepth {
		return "", fmt.Errorf("search: %s: tree deeper than %d", sx.name, maxCompileDepth)
	}
	wrap := func(s string) string {
		if root {
			return s
		}
		return "(" + s + ")"
	}
	switch n := n.(type) {
	case *Term:
		return sx.alts(n.Alts)
	case *YearRange:
		return sx.alts(n.Alts)
	case *Or:
		if len(n.Children) == 0 {
			return "", fmt.Errorf("search: %s: OR without operands", sx.name)
		}
		parts := make([]string, 0, len(n.Children))
		for _, c := range n.Children {
			if _, neg := c.(*Not); neg {
				s, e := c.Span()
				return "", fmt.Errorf("search: %s: negation at %d..%d is an OR operand", sx.name, s, e)
			}
			s, err := sx.node(c, false, depth+1)
			if err != nil {
				return "", err
			}
			parts = append(parts, s)
		}
		if len(parts) == 1 {
			return parts[0], nil
		}
		return wrap(strings.Join(parts, sx.or)), nil
	case *And:
		var pos, neg []string
		for _, c := range n.Children {
			if x, ok := c.(*Not); ok {
				if _, dbl := x.Child.(*Not); dbl {
					return "", fmt.Errorf("search: %s: double negation", sx.name)
				}
				s, err := sx.node(x.Child, false, depth+1)
				if err != nil {
					return "", err
				}
				neg = append(neg, s)
				continue
			}
			s, err := sx.node(c, false, depth+1)
			if err != nil {
				return "", err
			}
			pos = append(pos, s)
		}
		if len(pos) == 0 {
			s, e := n.Span()
			return "", fmt.Errorf("search: %s: AND at %d..%d has only negations", sx.name, s, e)
		}
		if sx.negInsideAnd {
			for _, s := range neg {
				pos = append(pos, "!"+s)
			}
			if len(pos) == 1 {
				return pos[0], nil
			}
			return wrap(strings.Join(pos, sx.and)), nil
		}
		p := strings.Join(pos, sx.and)
		if len(neg) == 0 {
			if len(pos) == 1 {
				return p, nil
			}
			return wrap(p), nil
		}
		if len(pos) > 1 {
			p = "(" + p + ")"
		}
		ns := strings.Join(neg, sx.or)
		if len(neg) > 1 {
			ns = "(" + ns + ")"
		}
		return wrap(p + " NOT " + ns), nil
	case *Not:
		return "", fmt.Errorf("search: %s: negation outside AND", sx.name)
	case nil:
		return "", fmt.Errorf("search: %s: nil node", sx.name)
	}
	return "", fmt.Errorf("search: %s: unknown node type %T", sx.name, n)
}

func (sx syntax) alts(alts []Match) (string, error) {
	if len(alts) == 0 {
		return "", fmt.Errorf("search: %s: term without tokens", sx.name)
	}
	parts := make([]string, 0, len(alts))
	for _, m := range alts {
		if len(m.Tokens) == 0 {
			return "", fmt.Errorf("search: %s: empty phrase", sx.name)
		}
		for _, t := range m.Tokens {
			if err := checkToken(t); err != nil {
				return "", fmt.Errorf("search: %s: %w", sx.name, err)
			}
		}
		parts = append(parts, sx.phrase(m.Tokens, m.Prefix))
	}
	if len(parts) == 1 {
		return parts[0], nil
	}
	return "(" + strings.Join(parts, sx.or) + ")", nil
}

// errBadToken is wrapped by the compilers' errors for tokens outside the
// token alphabet.
var errBadToken = errors.New("token outside the index alphabet")

// checkToken reports whether t is a well-formed index token: a two-letter
// code and a body of lower-case ASCII letters, ASCII digits and other
// Unicode letters. Such a token is a single token for FTS5's ascii and
// unicode61 tokenizers and for PostgreSQL's default parser, and needs no
// escaping inside "…" or '…'.
func checkToken(t string) error {
	if len(t) < 3 {
		return fmt.Errorf("%w: %q is too short", errBadToken, t)
	}
	for i, r := range t {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9' && i >= 2:
		case r >= utf8.RuneSelf && i >= 2 && unicode.IsLetter(r):
		default:
			return fmt.Errorf("%w: %q has %q at byte %d", errBadToken, t, r, i)
		}
	}
	return nil
}
