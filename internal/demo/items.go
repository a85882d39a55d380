package demo

import (
	"math/rand/v2"

	"lantai.dev/lantai/internal/catalog"
)

// The shares of items that are not on the shelf (circulation does not
// exist yet, so nothing is on loan).
const (
	missingShare  = 0.010
	inRepairShare = 0.006
)

// branch is where a copy goes: a branch's stacks, reading room and
// reference room.
type branch struct{ stacks, reading, reference string }

var (
	mainBranch    = branch{"stacks", "main-reading", "main-reference"}
	eastBranch    = branch{"east-stacks", "east-reading", "east-reference"}
	medicalBranch = branch{"med-stacks", "med-reading", "med-reference"}
)

// items plans the copies of record i: where each stands and in what state.
// Chinese books stand at the main library or the east branch (medicine at
// the medical branch), a first copy at the record's home branch and later
// ones at either; Western books in the main library's foreign-language
// stacks; reference works in the reference rooms. New acquisitions are in
// processing.
func (g *Generator) items(i int, p plan, m meta) []Item {
	r := g.rng(i, streamItems)
	s := &allSubs[p.sub]
	out := make([]Item, p.copies)
	home, other := mainBranch, eastBranch
	switch {
	case s.main == "R" && s.style != stylePopular:
		home, other = medicalBranch, mainBranch
		if chance(r, 0.2) {
			home, other = other, home
		}
	case chance(r, 0.35):
		home, other = eastBranch, mainBranch
	}
	reference := s.style == styleReference || s.style == styleBibliography
	for c := range out {
		it := Item{Barcode: barcode(int(m.itemBase) + c), ItemType: "book", Status: catalog.Available, Copy: c + 1}
		b := home
		if c > 0 && chance(r, 0.5) {
			b = other
		}
		switch {
		case p.processing:
			it.Location, it.Status = "processing", catalog.InProcessing
		case reference:
			it.Location, it.ItemType = b.reference, "reference"
		case p.western && b != medicalBranch:
			it.Location = "main-foreign"
		case chance(r, 0.2):
			it.Location = b.reading
		default:
			it.Location = b.stacks
		}
		if !p.processing {
			it.Status = drawStatus(r)
		}
		out[c] = it
	}
	return out
}

func drawStatus(r *rand.Rand) catalog.Status {
	switch x := r.Float64(); {
	case x < missingShare:
		return catalog.Missing
	case x < missingShare+inRepairShare:
		return catalog.InRepair
	}
	return catalog.Available
}

// barcode is the n-th item's barcode (from 0): ten digits, counting up
// from 1000000001 in catalogue order, as a library's labels would.
func barcode(n int) string { return itoaPad(1_000_000_001+n, 10) }
