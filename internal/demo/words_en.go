package demo

// English word lists and patterns for Western records. Titles are in
// sentence case, as cataloguers transcribe them (245).

// enPatterns are title patterns by style: {T} is a topic opening the
// title, {t} the same topic inside it, {u} another topic, {P} a place,
// {n}, {m} nouns and {a} an adjective of fiction titles. "|" starts the
// remainder of the title (245 $b).
var enPatterns = map[style]vocab{
	styleAcademic: patternVocab("{T}|a critical introduction;{T} in {P};{T} and {u};A history of {t};Rethinking {t};" +
		"Understanding {t};{T}|new perspectives;{T}|a comparative perspective;Handbook of {t};Essays on {t};" +
		"Advances in {t};{T}|an introduction;The making of {t};{T}|past, present, and future;Beyond {t};" +
		"{T} in the twenty-first century;The politics of {t}"),
	styleTextbook: patternVocab("{T};Introduction to {t};Principles of {t};Fundamentals of {t};{T}|an introduction;" +
		"Essentials of {t};{T}|concepts and applications;Foundations of {t};{T}|a practical guide;Elements of {t};" +
		"Modern {t};Handbook of {t};Applied {t}"),
	styleHistory: patternVocab("A history of {t};{T}|a new history;The rise of {t};{T} and the world;{T}|a social history;" +
		"{T}|state and society;The fall of {t};Remembering {t};{T}|empire, nation, and beyond"),
	styleMedical:   patternVocab("{T};Clinical {t};Textbook of {t};Handbook of {t};{T}|principles and practice;Essentials of {t}"),
	styleLaw:       patternVocab("{T};Principles of {t};{T}|text, cases, and materials;{T}|cases and materials;Comparative {t};{T} in {P}"),
	styleReference: patternVocab("A dictionary of {t};Encyclopedia of {t};Handbook of {t}"),
	stylePopular:   patternVocab("{T} for everyone;The joy of {t};A short guide to {t};{T} made simple;The little book of {t}"),
	styleNovel: patternVocab("The {a} {n};{N} and {m};A {n} by the {m};Before the {n};After the {n};The {n}'s {m};" +
		"Letters from the {n};What the {n} knew;Under the {a} {n};{A} {n};The {n}"),
}

// English words of fiction titles.
var (
	enNouns = rankVocab(`river garden house night winter summer sea light road mountain island city shadow fire stone
bird moon rain snow forest door window letter song dream memory silence bridge station harbor orchard lake field
valley storm wind mirror lantern kingdom daughter son mother father sister stranger widow keeper traveler tide`, 0.8, 3)
	enAdjectives = rankVocab(`silent last long secret hidden distant lost broken golden quiet burning dark bright little
northern empty glass paper salt wild hollow invisible borrowed`, 0.8, 3)
	enPlaces = []string{"China", "China", "East Asia", "Europe", "the United States", "Japan", "the modern world", "the global South"}
)

// enProper are words that keep their capital inside a sentence-case title.
var enProper = map[string]bool{"Chinese": true, "China": true, "English": true, "American": true, "Japanese": true,
	"German": true, "French": true, "Marxism": true, "Marxian": true, "Confucianism": true, "Daoism": true,
	"Neo-Confucianism": true, "Buddhism": true, "Chan": true, "Christianity": true, "Islam": true, "Western": true,
	"Python": true, "Java": true, "Linux": true, "Shakespeare": true, "Tang": true, "Song": true, "Ming": true,
	"Qing": true, "Republican": true, "Beijing": true, "Shanghai": true, "European": true, "Asian": true}

// enGiven and enFamily make the names of Western books' authors, among
// them the Chinese, Japanese and German names of an international
// scholarly press.
var (
	enGiven = rankVocab(`John David Michael James Robert William Richard Thomas Mark Paul Peter Andrew Daniel Stephen
Mary Elizabeth Sarah Susan Jennifer Anna Maria Laura Emma Catherine Helen Jean Hans Klaus Pierre Marco Wei Jing Yan
Hiroshi Yuki Min-jun Lucas Sofia Ahmed Priya Ivan`, 0.6, 4)
	enFamily = rankVocab(`Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Martin
Jackson Thompson White Harris Clark Lewis Robinson Walker Young Allen King Wright Scott Green Baker Adams Nelson Hill
Campbell Mitchell Roberts Carter Wang Li Zhang Liu Chen Yang Zhao Huang Müller Schmidt Schneider Fischer Weber
Dubois Rossi García Fernández Tanaka Suzuki Nakamura Kim Lee Park Singh Kumar Cohen Murphy Kelly O'Brien Evans`, 0.6, 6)
)

// enSeries are series statements (490) by main class.
var enSeries = map[string][]string{
	"T": {"Lecture notes in computer science", "Studies in computational intelligence", "Springer series in advanced manufacturing", "Texts in computer science"},
	"O": {"Graduate texts in mathematics", "Springer series in statistics", "Undergraduate texts in mathematics"},
	"K": {"Harvard East Asian monographs", "Cambridge studies in Chinese history, literature and institutions", "Studies of the Weatherhead East Asian Institute, Columbia University"},
	"D": {"Routledge studies in Asian politics", "Cambridge studies in comparative politics"},
	"F": {"Routledge studies in the modern world economy", "Princeton studies in international economics"},
	"H": {"Cambridge textbooks in linguistics", "Oxford studies in theoretical linguistics"},
	"B": {"Oxford studies in philosophy", "Cambridge studies in philosophy"},
	"I": {"Penguin classics", "Oxford world's classics"},
	"R": {"Oxford medical publications", "Springer series in translational oncology"},
	"Q": {"Methods in molecular biology", "Springer series in biophysics"},
	"C": {"International library of sociology", "SAGE library of methods in social and behavioral sciences"},
}

// enSummaries are the sentences of summaries (520): one from the first
// list, perhaps one from the second.
var enSummaries = [2][]string{{
	"This book provides a comprehensive introduction to {t}.",
	"This book offers a critical examination of {t}.",
	"The author explores {t} and its relation to {u}.",
	"This volume presents recent research on {t}.",
	"This book surveys the theory and practice of {t}.",
}, {
	"Drawing on a wide range of sources, it examines {u} in {P}.",
	"It covers {t}, {u}, and related topics, with numerous examples and exercises.",
	"Intended for graduate students and researchers.",
	"The book will interest scholars and practitioners of {u}.",
}}

// enFictionSummaries summarise novels.
var enFictionSummaries = []string{
	"A novel about a {n} and a {m}.",
	"Set in a small town by the {n}, this novel follows a family across three generations.",
	"A haunting story of memory, loss, and the {n}.",
}
