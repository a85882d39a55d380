package demo

import (
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
)

// dist is a discrete distribution over the indexes 0..n-1, sampled by a
// binary search over cumulative weights.
type dist struct{ cum []float64 }

func newDist(weights []float64) dist {
	cum := make([]float64, len(weights))
	total := 0.0
	for i, w := range weights {
		total += w
		cum[i] = total
	}
	return dist{cum}
}

// zipf is the Zipf–Mandelbrot distribution over n ranks: rank k (from 0)
// has weight 1/(k+q)^s. q flattens the head, so that the commonest word is
// frequent without being in every title.
func zipf(n int, s, q float64) dist {
	w := make([]float64, n)
	for k := range w {
		w[k] = 1 / math.Pow(float64(k)+q, s)
	}
	return newDist(w)
}

func (d dist) draw(r *rand.Rand) int {
	x := r.Float64() * d.cum[len(d.cum)-1]
	return sort.Search(len(d.cum), func(i int) bool { return d.cum[i] > x })
}

// share returns the probability of index i.
func (d dist) share(i int) float64 {
	prev := 0.0
	if i > 0 {
		prev = d.cum[i-1]
	}
	return (d.cum[i] - prev) / d.cum[len(d.cum)-1]
}

// vocab is a word list with a distribution over it.
type vocab struct {
	words []string
	d     dist
}

// rankVocab reads whitespace-separated words, commonest first, and draws
// them by Zipf–Mandelbrot with exponent s and offset q.
func rankVocab(list string, s, q float64) vocab {
	w := strings.Fields(list)
	return vocab{w, zipf(len(w), s, q)}
}

// weightedVocab reads whitespace-separated "word:weight" entries.
func weightedVocab(list string) vocab {
	var words []string
	var weights []float64
	for _, f := range strings.Fields(list) {
		word, ws, ok := strings.Cut(f, ":")
		w := 1.0
		if ok {
			var err error
			if w, err = strconv.ParseFloat(ws, 64); err != nil {
				panic("demo: bad weight in " + f)
			}
		}
		words = append(words, word)
		weights = append(weights, w)
	}
	return vocab{words, newDist(weights)}
}

func (v vocab) draw(r *rand.Rand) string { return v.words[v.d.draw(r)] }

// drawOther draws a word different from not (when the list has another).
func (v vocab) drawOther(r *rand.Rand, not string) string {
	for range 8 {
		if w := v.draw(r); w != not {
			return w
		}
	}
	for _, w := range v.words {
		if w != not {
			return w
		}
	}
	return not
}

// pick returns one of the strings, uniformly.
func pick(r *rand.Rand, s []string) string { return s[r.IntN(len(s))] }

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }
