package demo

import (
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"sync"

	"lantai.dev/lantai/internal/catalog"
	"lantai.dev/lantai/internal/marc"
)

// Generator makes the records of a demonstration catalogue. Record i is the
// same for the same seed whatever else was generated before: each record
// draws from random streams of its own (seeded by the seed and i), and the
// few numbers that depend on earlier records — ISBN title numbers, 种次号 and
// barcodes, which must not repeat — come from a scan of the plans of records
// 0..i that the Generator keeps (about 16 bytes a record).
//
// A Generator is safe for concurrent use.
type Generator struct {
	seed uint64

	mu    sync.Mutex
	metas []meta
	// counters of the scan
	zhTitles, enTitles [][]int  // per publisher, per prefix: titles numbered
	books              []uint32 // per subclass: 种次号 given
	itemCount          int
}

// meta is what the scan fixed for one record.
type meta struct {
	pub      uint16 // publisher (after moving off a full one)
	prefix   uint8  // index of its ISBN prefix
	title    uint32 // ISBN title number under that prefix
	book     uint32 // 种次号 within the class
	itemBase uint32 // items of the records before this one
}

// New returns a generator for a seed.
func New(seed int64) *Generator {
	g := &Generator{seed: uint64(seed)}
	g.zhTitles = make([][]int, len(zhPublishers))
	for i, p := range zhPublishers {
		g.zhTitles[i] = make([]int, len(p.prefixes))
	}
	g.enTitles = make([][]int, len(enPublishers))
	for i, p := range enPublishers {
		g.enTitles[i] = make([]int, len(p.prefixes))
	}
	g.books = make([]uint32, len(allSubs))
	return g
}

// The random streams of record i: its plan, its text, its items.
const (
	streamPlan = iota
	streamText
	streamItems
	streams
)

func (g *Generator) rng(i, stream int) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed, uint64(i)*streams+uint64(stream)))
}

// plan is what is drawn first about a record: enough to number it.
type plan struct {
	western    bool
	processing bool // a new acquisition still in cataloguing (items in processing)
	sub        int  // index into allSubs
	pub        int  // publisher drawn (the scan may move it off a full one)
	copies     int
}

// MaxRecords is the most records a Generator makes: its ISBN prefixes
// number 7.6 million Chinese titles, and its scan keeps 16 bytes a record.
const MaxRecords = 5_000_000

// Shares of the catalogue, by record.
const (
	westernShare    = 0.20  // MARC 21 records of Western books
	processingShare = 0.015 // new acquisitions whose items are still in processing
)

func (g *Generator) plan(i int) plan {
	r := g.rng(i, streamPlan)
	var p plan
	p.western = chance(r, westernShare)
	p.processing = chance(r, processingShare)
	lang := 0
	if p.western {
		lang = 1
	}
	m := mainDist[lang].draw(r)
	subs := subsOf[lang][m]
	p.sub = subs.idx[subs.d.draw(r)]
	p.pub = pubDist[lang][p.sub].draw(r)
	switch {
	case p.processing:
		p.copies = 1 + copiesNew.draw(r)
	case p.western:
		p.copies = 1 + copiesWestern.draw(r)
	default:
		p.copies = 1 + copiesChinese.draw(r)
	}
	return p
}

// Copies per record (index 0 = one copy): most records have one or two,
// few up to five; Western books are seldom bought twice.
var (
	copiesChinese = newDist([]float64{50, 30, 12, 5, 3})
	copiesWestern = newDist([]float64{82, 13, 5})
	copiesNew     = newDist([]float64{60, 30, 10})
)

// meta returns the scan's numbers for record i, scanning up to it first.
func (g *Generator) meta(i int) meta {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.scan(i + 1)
	return g.metas[i]
}

// Prepare scans the plans of records 0..n-1 at once (Record does it lazily;
// Prepare lets a caller do it before timing anything).
func (g *Generator) Prepare(n int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.scan(n)
}

func (g *Generator) scan(n int) {
	if n <= len(g.metas) {
		return
	}
	g.metas = slices.Grow(g.metas, n-len(g.metas))
	for i := len(g.metas); i < n; i++ {
		p := g.plan(i)
		pubs, used, lang := zhPublishers, g.zhTitles, 0
		if p.western {
			pubs, used, lang = enPublishers, g.enTitles, 1
		}
		m := meta{itemBase: uint32(g.itemCount)}
		pub, prefix, k := g.numberUnder(pubs, used, p.pub)
		m.pub, m.prefix = uint16(pub), uint8(prefix)
		m.title = uint32(titleNumber(g.seed, lang, pub, prefix, k, capacity(pubs[pub].prefixes[prefix])))
		// One 种次号 sequence per class for both collections: each
		// collection's numbers have gaps (as shelves do after withdrawals),
		// and all the records can go into one collection without clashes.
		g.books[p.sub]++
		m.book = g.books[p.sub]
		g.itemCount += p.copies
		g.metas = append(g.metas, m)
	}
}

// numberUnder takes the next free title number of publisher pub, moving to
// its next prefix when one is full, and to the next publisher when all are:
// ISBNs never repeat.
func (g *Generator) numberUnder(pubs []publisher, used [][]int, pub int) (int, int, int) {
	for range pubs {
		for k, pre := range pubs[pub].prefixes {
			if used[pub][k] < capacity(pre) {
				used[pub][k]++
				return pub, k, used[pub][k] - 1
			}
		}
		pub = (pub + 1) % len(pubs)
	}
	panic("demo: every ISBN prefix is full (more than MaxRecords records?)")
}

// titleNumber spreads the k-th title of a prefix over its range, from a
// starting point of its own, by a stride prime to 10: distinct for every
// k below the capacity.
func titleNumber(seed uint64, lang, pub, prefix, k, capacity int) int {
	start := int(mix(seed^uint64(lang)<<40^uint64(pub)<<20^uint64(prefix)) % uint64(capacity))
	return (start + k*7919) % capacity
}

// mix is SplitMix64's finaliser.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// Kind says which import a record belongs to: its collection (zw Chinese
// books, wx Western books) and whether its items are still in processing.
type Kind struct {
	Western, Processing bool
}

// Collection is the collection code of the record's items.
func (k Kind) Collection() string {
	if k.Western {
		return "wx"
	}
	return "zw"
}

// Kind tells record i's kind without generating it.
func (g *Generator) Kind(i int) Kind {
	p := g.plan(i)
	return Kind{p.western, p.processing}
}

// Record returns record i (from 0): a CNMARC or MARC 21 book record with
// one 905 holdings field per item.
func (g *Generator) Record(i int) *marc.Record {
	p := g.plan(i)
	m := g.meta(i)
	items := g.items(i, p, m)
	if p.western {
		return g.marc21(i, p, m, items)
	}
	return g.cnmarc(i, p, m, items)
}

// Item is one planned item of a record: what its 905 field says, and the
// status Populate gives it (905 carries no status).
type Item struct {
	Barcode  string
	Location string
	ItemType string
	Status   catalog.Status
	Copy     int
}

// Items returns the items planned for record i.
func (g *Generator) Items(i int) []Item {
	p := g.plan(i)
	return g.items(i, p, g.meta(i))
}

// Reader returns a reader of records 0..n-1 in order.
func (g *Generator) Reader(n int) marc.RecordReader {
	return &reader{g: g, next: 0, end: n, want: func(int) bool { return true }}
}

// reader reads the records in [next, end) that want accepts.
type reader struct {
	g         *Generator
	next, end int
	want      func(i int) bool
	track     bool  // keep the index of every record read
	read      []int // the indexes read, when tracked
}

// Next returns the next record, or io.EOF after the last.
func (r *reader) Next() (*marc.Record, error) {
	for ; r.next < r.end; r.next++ {
		if r.want(r.next) {
			rec := r.g.Record(r.next)
			if r.track {
				r.read = append(r.read, r.next)
			}
			r.next++
			return rec, nil
		}
	}
	return nil, io.EOF
}

// controlNumber is record i's 001.
func controlNumber(western bool, i int) string {
	if western {
		return fmt.Sprintf("LTW%09d", i+1)
	}
	return fmt.Sprintf("LTC%09d", i+1)
}
