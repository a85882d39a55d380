package search

import "strings"

// InField returns a copy of q in which every unqualified term looks in field
// f instead of everywhere: "历史 java" → ti:历史 ti:java. The engine ranks a
// record higher when the words match in its title (then names, subjects)
// by running these variants. Negations are dropped (they do not rank);
// it returns nil when nothing unqualified is left.
func (q *Query) InField(f Field) *Query {
	root := retarget(q.Root, f)
	if root == nil {
		return nil
	}
	return &Query{Source: q.Source, Root: root}
}

func retarget(n Node, f Field) Node {
	switch n := n.(type) {
	case *Term:
		if n.Field != FieldAny {
			return nil
		}
		t := *n
		t.Field = f
		t.Alts = make([]Match, len(n.Alts))
		for i, m := range n.Alts {
			toks := make([]string, len(m.Tokens))
			for j, tok := range m.Tokens {
				toks[j] = f.Code() + strings.TrimPrefix(tok, FieldAny.Code())
			}
			t.Alts[i] = Match{Tokens: toks, Prefix: m.Prefix}
		}
		return &t
	case *And:
		var kids []Node
		for _, c := range n.Children {
			if _, neg := c.(*Not); neg {
				continue
			}
			if k := retarget(c, f); k != nil {
				kids = append(kids, k)
			}
		}
		return group(kids, func(k []Node) Node { return &And{Children: k, Start: n.Start, End: n.End} })
	case *Or:
		var kids []Node
		for _, c := range n.Children {
			k := retarget(c, f)
			if k == nil {
				return nil // an OR half of which cannot be in f
			}
			kids = append(kids, k)
		}
		return group(kids, func(k []Node) Node { return &Or{Children: k, Start: n.Start, End: n.End} })
	}
	return nil
}

func group(kids []Node, make func([]Node) Node) Node {
	switch len(kids) {
	case 0:
		return nil
	case 1:
		return kids[0]
	}
	return make(kids)
}

// PlainText returns the words of a query that is nothing but unqualified,
// unquoted words (the usual search box query) joined by spaces, and
// whether it is one. The engine compares it with titles to put exact and
// leading title matches first.
func (q *Query) PlainText() (string, bool) {
	var words []string
	var walk func(Node) bool
	walk = func(n Node) bool {
		switch n := n.(type) {
		case *Term:
			if n.Field != FieldAny || n.Quoted || n.Prefix {
				return false
			}
			words = append(words, n.Text)
			return true
		case *And:
			for _, c := range n.Children {
				if !walk(c) {
					return false
				}
			}
			return true
		}
		return false
	}
	if !walk(q.Root) {
		return "", false
	}
	return strings.Join(words, " "), true
}

// Words returns the text of every positive term of q, for highlighting
// matched words in results.
func (q *Query) Words() []string {
	var out []string
	var walk func(Node, bool)
	walk = func(n Node, neg bool) {
		switch n := n.(type) {
		case *Term:
			if !neg && n.Field != FieldISBN && n.Field != FieldISSN && n.Field != FieldPinyin {
				out = append(out, n.Text)
			}
		case *And:
			for _, c := range n.Children {
				walk(c, neg)
			}
		case *Or:
			for _, c := range n.Children {
				walk(c, neg)
			}
		case *Not:
			walk(n.Child, true)
		}
	}
	walk(q.Root, false)
	return out
}
