package demo

import (
	"strings"
)

// subInfo is a subclass with its distributions, ready to draw from.
type subInfo struct {
	*subclass
	main     string // main class letter
	topics   vocab  // Chinese topics
	en       []enTopic
	enDist   dist
	classics vocab
	patterns vocab // Chinese title patterns
	eras     vocab // periods ({E})
	places   vocab // places ({P})
}

// enTopic is an English topic: as a title says it, and as a subject
// heading (650) says it.
type enTopic struct{ title, heading string }

type subChoice struct {
	idx []int // into allSubs
	d   dist
}

// The tables every generator shares, built once from the lists.
var (
	allSubs  []subInfo
	mainDist [2]dist        // [0] Chinese, [1] Western: over mainClasses
	subsOf   [2][]subChoice // per language and main class
	pubDist  [2][]dist      // per language and subclass
	zhVocab  = struct {
		general, qualifiers, history, places, eras, literary, animals, surnames, given vocab
	}{
		general:    rankVocab(zhGeneral, 1.0, 2.7),
		qualifiers: rankVocab(zhQualifiers, 1.0, 2),
		history:    rankVocab(zhHistoryFields, 0.9, 2),
		places:     weightedVocab(zhPlaces),
		eras:       rankVocab(zhEras, 0.8, 2),
		literary:   rankVocab(zhLiterary, 0.8, 3),
		animals:    rankVocab(zhAnimals, 0.8, 2),
		surnames:   weightedVocab(zhSurnames),
		given:      rankVocab(zhGivenChars, 0.7, 5),
	}
	foreignDist dist
)

func init() {
	for mi := range mainClasses {
		mc := &mainClasses[mi]
		for si := range mc.subs {
			s := &mc.subs[si]
			info := subInfo{subclass: s, main: mc.letter, topics: rankVocab(s.zh, 1.0, 1.5)}
			if s.en != "" {
				for _, t := range strings.Split(s.en, "|") {
					title, heading, ok := strings.Cut(t, "=")
					if !ok {
						heading = title
					}
					info.en = append(info.en, enTopic{title, heading})
				}
				info.enDist = zipf(len(info.en), 1.0, 1.5)
			}
			if s.classics != "" {
				info.classics = rankVocab(s.classics, 0.8, 2)
			}
			info.eras, info.places = zhVocab.eras, zhVocab.places
			if s.eras != "" {
				info.eras = rankVocab(s.eras, 0.8, 2)
			}
			if s.places != "" {
				info.places = weightedVocab(s.places)
			}
			if s.patterns != "" {
				info.patterns = patternVocab(s.patterns)
			} else {
				info.patterns = zhPatterns[s.style]
			}
			allSubs = append(allSubs, info)
		}
	}
	for lang := range 2 {
		weights := make([]float64, len(mainClasses))
		subsOf[lang] = make([]subChoice, len(mainClasses))
		k := 0
		for mi, mc := range mainClasses {
			var idx []int
			var w []float64
			for range mc.subs {
				if lang == 0 || allSubs[k].en != nil {
					idx = append(idx, k)
					w = append(w, allSubs[k].weight)
				}
				k++
			}
			if len(idx) > 0 {
				weights[mi] = mc.zh
				if lang == 1 {
					weights[mi] = mc.en
				}
				subsOf[lang][mi] = subChoice{idx, newDist(w)}
			}
		}
		mainDist[lang] = newDist(weights)
		pubs := zhPublishers
		if lang == 1 {
			pubs = enPublishers
		}
		pubDist[lang] = make([]dist, len(allSubs))
		for i, s := range allSubs {
			pubDist[lang][i] = publisherDist(pubs, s.code)
		}
	}
	w := make([]float64, len(foreignAuthors))
	for i, f := range foreignAuthors {
		w[i] = f.weight
	}
	foreignDist = newDist(w)
}

// flatPatterns reads patterns of which none dominates.
func flatPatterns(s string) vocab {
	p := strings.Split(s, ";")
	return vocab{p, zipf(len(p), 1.0, 5)}
}

// patternVocab reads ";"-separated title patterns, commonest first.
func patternVocab(s string) vocab {
	p := strings.Split(s, ";")
	return vocab{p, zipf(len(p), 1.0, 2)}
}
