// Package search makes the tokens Lantai's full-text search stores and the
// queries that look them up, for SQLite FTS5 and PostgreSQL alike. It is
// pure: no SQL is run here. The index layer stores [Doc.Text] in the same
// transaction as the record and runs what [CompileFTS5] or
// [CompileTSQuery] produce from a parsed [Query].
//
// # Token encoding
//
// Every token is a two-letter field code followed by a body:
//
//	ti图书  ti书馆  kwjava  au曾国  pyzengguofan  cltp311qd13  cptp3  ib9787111123456  yr2019
//
// Bodies contain only lower-case ASCII letters, ASCII digits and other
// Unicode letters (CJK characters, Cyrillic, …): no punctuation, no marks,
// no spaces. That alphabet is kept as exactly one token by FTS5's ascii
// and unicode61 tokenizers and by PostgreSQL's default text-search parser
// (checked against SQLite 3.40 and PostgreSQL 15 in C and C.UTF-8
// locales, with the test catalogue and with random input), so the same
// token string can be fed to both engines and no engine-side tokenizer
// has to be trusted with Chinese. Underscores, hyphens and other
// punctuation are split or treated specially by one engine or the other,
// hence no "ti_图书". Codes have a fixed length, so code and body never
// run into each other.
//
//	kw  keyword anywhere: every value of every field but pinyin (unqualified words)
//	ti  title            au  personal and corporate names    su  subject
//	pu  publisher        ib  ISBN                            is  ISSN
//	cl  class, exact     cp  class, every prefix
//	cn  call no., exact  np  call number, every prefix
//	py  pinyin of titles and names                          yr  year and its prefixes
//	zz  gap (GapToken), between values and parts of a value; never queried.
//	    Written only where two tokens of one code would otherwise touch:
//	    a phrase is made of tokens of one code, so a token of another
//	    code between two values already keeps a phrase from spanning them
//
// Text (titles, names, subjects, publishers, notes) is folded —
// full-width to ASCII, case, diacritics (é→e, ß→ss, ø→o), compatibility
// forms (ﬁ→fi), 〇→零 — and split into words and CJK runs. Latin (and
// other alphabetic) words are one token each; CJK runs give overlapping
// bigrams in text order, plus every single character after them, so one-
// and two-character queries work and longer CJK queries are phrases of
// bigrams (see tokenize.go). There is no traditional/simplified folding
// (圖書館 does not find 图书馆; both sides are left as written, consistently),
// no stemming and no stop words.
//
// Identifiers:
//   - class and call numbers: lower-cased, punctuation escaped with "q"
//     (. → qd, / → qs, - → qh, : → qc, = → qe, q → qq, …), so TP311.13 is
//     cltp311qd13. Every prefix is stored too (cpt cptp cptp3 … cptp311qd13),
//     so cls:TP3* and callno:I247* are single exact lookups, never an
//     engine-side prefix scan, and cls:T* (a whole main class) is cheap.
//     The escape is a prefix code: the prefix tokens are exactly the
//     encodings of the prefixes.
//   - ISBN/ISSN: digits and x only (the isbn package normalises; hyphens
//     are dropped here anyway). Hyphenated ISBNs typed into ordinary text
//     ("978-7-111-12345-6") are joined into the same digit token.
//   - years: yr + the four-digit year and its 3-, 2- and 1-digit
//     prefixes, so a range is an OR of at most 63 exact tokens.
//
// # Storage
//
// PostgreSQL: one tsvector per record, field encoded in the token, one GIN
// index:
//
//	search_tokens text NOT NULL,   -- Doc.Text(); optional, for rebuilds
//	search tsvector NOT NULL,      -- to_tsvector('simple', Doc.Text())
//	CREATE INDEX … USING gin (search);
//	… WHERE search @@ to_tsquery('simple', $1)   -- $1 = CompileTSQuery(q)
//
// Why one tsvector rather than one per field: a field qualifier is then
// just a different lexeme, unqualified queries hit the kw lexemes of one
// index instead of an OR over per-field indexes, and every query is a
// single GIN scan. The simple configuration only lower-cases (a no-op
// here) and has no stop words, so what Go produced is what is indexed.
// Phrases (bigram chains, quoted text) use <-> and are re-checked on the
// stored tsvector; prefixes use :*, bounded by [Limits]. A tsvector keeps
// positions up to 16383 and 256 positions per lexeme; a large record
// (200-character title, ten fields) has about 1,000 tokens, and values
// are cut at 8 KiB, so phrases stay exact for normal records.
//
// SQLite: an FTS5 table with one column of the same text:
//
//	CREATE VIRTUAL TABLE record_fts USING fts5(tokens, tokenize='ascii');
//	  -- optionally contentless: add content='', contentless_delete=1
//	  -- (SQLite 3.43+); the tokens can always be rebuilt from the record
//	INSERT INTO record_fts(rowid, tokens) VALUES (?, ?);  -- record id, Doc.Text()
//	… WHERE record_fts MATCH ?                            -- CompileFTS5(q)
//
// The same tokens, the same phrase and prefix semantics; no column filters
// are needed because the field is in the token.
//
// # Queries
//
// [Parse] reads the OPAC query language (see query_parse.go) into a tree
// of [And], [Or], [Not], [Term] and [YearRange] nodes. Every term already
// holds its index tokens, made by the same code as the index, so query and
// index cannot drift apart; the compilers only print them. Parse bounds
// the query (length, terms, tokens, nesting, prefix lengths) so that no
// accepted query asks the engine for more than [DefaultLimits].MaxTokens
// posting lists or for an unbounded prefix expansion, and rejects queries
// that only exclude.
// Errors and warnings are [*Error] values with stable codes for
// translation.
package search
