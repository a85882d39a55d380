package search

import (
	"strconv"
	"strings"
)

// Query is a parsed OPAC query. Build it with [Parse]; compile it with
// [CompileFTS5] or [CompileTSQuery].
type Query struct {
	Source   string   // the query as given
	Root     Node     // never nil for a query returned by Parse
	Warnings []*Error // things ignored while parsing (codes Warn…)
}

// Node is a node of the query tree: *And, *Or, *Not, *Term or *YearRange.
//
// The tree Parse returns is normalised: And and Or have at least two
// children and no child of their own kind; Not never has a Not child;
// every And has at least one child that is not a Not; Or children and the
// root are never Not.
type Node interface {
	// Span returns the byte offsets in Query.Source the node was parsed
	// from.
	Span() (start, end int)
	isNode()
}

// And matches records that match every child. Children that are *Not
// exclude records.
type And struct {
	Children   []Node
	Start, End int
}

// Or matches records that match any child.
type Or struct {
	Children   []Node
	Start, End int
}

// Not excludes the records its child matches. It only occurs as a child
// of And.
type Not struct {
	Child      Node
	Start, End int
}

// Match is one way a term can match: Tokens (index tokens, with field
// code) occurring next to each other in this order — a phrase; a single
// token is a phrase of one. If Prefix is set the last token matches every
// index token that starts with it.
type Match struct {
	Tokens []string
	Prefix bool
}

// Term is a word or quoted phrase, possibly qualified. It matches a record
// if any of its alternatives Alts matches. Most terms have one
// alternative; a py: term has up to three (see parse of pinyin terms).
type Term struct {
	Field      Field
	Text       string // the value as typed, without qualifier, quotes or "*"
	Quoted     bool   // written as a "phrase"
	Prefix     bool   // written with a trailing "*" that was kept
	Alts       []Match
	Start, End int
}

// YearRange matches records whose year is within From..To (inclusive).
// Alts holds the yr tokens covering the range, any of which matches.
type YearRange struct {
	From, To   int
	Alts       []Match
	Start, End int
}

// Span implements Node.
func (n *And) Span() (int, int) { return n.Start, n.End }

// Span implements Node.
func (n *Or) Span() (int, int) { return n.Start, n.End }

// Span implements Node.
func (n *Not) Span() (int, int) { return n.Start, n.End }

// Span implements Node.
func (n *Term) Span() (int, int) { return n.Start, n.End }

// Span implements Node.
func (n *YearRange) Span() (int, int) { return n.Start, n.End }

func (*And) isNode()       {}
func (*Or) isNode()        {}
func (*Not) isNode()       {}
func (*Term) isNode()      {}
func (*YearRange) isNode() {}

// String renders the tree compactly, with the index tokens of each term,
// for logs and tests:
//
//	and(ti[ti图书 ti书馆], not(kw[kwjava]), or(py[pytsg], kw[kwabc*]))
//
// Tokens of one alternative are separated by spaces (a phrase), alternatives
// by " | ", and a prefix alternative ends in "*".
func (q *Query) String() string {
	if q == nil || q.Root == nil {
		return ""
	}
	var b strings.Builder
	writeNode(&b, q.Root)
	return b.String()
}

func writeNode(b *strings.Builder, n Node) {
	switch n := n.(type) {
	case *And:
		writeList(b, "and", n.Children)
	case *Or:
		writeList(b, "or", n.Children)
	case *Not:
		b.WriteString("not(")
		writeNode(b, n.Child)
		b.WriteString(")")
	case *Term:
		b.WriteString(n.Field.Code())
		writeAlts(b, n.Alts)
	case *YearRange:
		b.WriteString("year" + strconv.Itoa(n.From) + ".." + strconv.Itoa(n.To))
		writeAlts(b, n.Alts)
	default:
		b.WriteString("?")
	}
}

func writeList(b *strings.Builder, name string, children []Node) {
	b.WriteString(name + "(")
	for i, c := range children {
		if i > 0 {
			b.WriteString(", ")
		}
		writeNode(b, c)
	}
	b.WriteString(")")
}

func writeAlts(b *strings.Builder, alts []Match) {
	b.WriteString("[")
	for i, m := range alts {
		if i > 0 {
			b.WriteString(" | ")
		}
		b.WriteString(strings.Join(m.Tokens, " "))
		if m.Prefix {
			b.WriteString("*")
		}
	}
	b.WriteString("]")
}
