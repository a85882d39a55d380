// Package demo generates a realistic catalogue for demonstrations and
// benchmarks: the records a Chinese academic or public library holds, with
// their items, fed to the catalogue's batched import.
//
// About four records in five are Chinese books in CNMARC, the others
// Western books in MARC 21. Titles are built from word lists drawn with
// Zipf–Mandelbrot distributions, so that a few words (中国, 研究, 发展,
// 历史 …) are frequent and most are rare, as in a real catalogue — a search
// benchmark over uniformly drawn characters would measure nothing useful.
// Classes follow the proportions of a Chinese library's collection (much I,
// K, D, F, G, TP, O, R; little A, Z); subjects, titles and summaries follow
// the class; publishers come with their real ISBN prefixes and publish what
// they publish; years grow denser towards the present.
//
// Everything is deterministic for a seed: a Generator gives the same record
// for the same index every time, in any order of access (see
// Generator.Record). Populate loads a catalogue through catalog.Service
// (code lists first with Setup, then Import with items from 905).
package demo
