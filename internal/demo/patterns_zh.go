package demo

// Chinese title patterns by style, commonest first, ";" between them. In a
// pattern {T} is a topic of the class, {U} another, {X} a topic perhaps
// qualified by a general word or a place, {G} and {H} general words, {P} a
// place, {E} a period, {L} and {M} literary nouns, {N} a person, {A} and
// {B} animals, {C} a classic, {Y} a year. "|" starts the other title
// information (200 $e).
var zhPatterns = map[style]vocab{
	styleAcademic: flatPatterns("{X}研究;{T}与{U};中国{T}史;{X}概论;{X}|{G}的视角;{X}导论;当代中国{T};{X}理论与实践;" +
		"{X}问题研究;{X}研究|以{P}为例;{P}{T}发展报告（{Y}）;{E}{T}研究;基于{U}的{T}研究;{T}新论;{T}十讲;{X}|历史与现实;" +
		"{X}|问题与对策;{G}视野下的{T};{T}论;{T}前沿问题研究;{G}与{T};{T}读本;{X}|理论、方法与实践;走向{G}的{T}"),
	styleTextbook: flatPatterns("{T}教程;{T};{T}基础;大学{T};{T}实用教程;{T}原理;{T}原理与应用;{T}习题集;{T}实验指导;" +
		"{T}简明教程;新编{T};{T}学习指导;{T}从入门到精通;{T}案例教程;{T}基础与实践;{T}导论"),
	styleHistory: patternVocab("{T}研究;{E}{G}史;{E}{P}{G}研究;{T}新探;{E}的{G}与{H};{T}史话;{T}论稿;{P}{G}史;" +
		"{T}|{G}的视角;{T}史料汇编;{T}与{U};{T}十讲;中国{G}通史"),
	styleBiography: patternVocab("{N}传;{N}评传;{N}年谱;{N}画传;{N}年谱长编;{N}与{E}中国;{N}自述"),
	styleNovel: patternVocab("{L};{L}的{M};{L}与{M};最后的{L};{L}往事;{L}之城;{P}{L};{L}记;{L}人家;寻找{L};" +
		"{L}深处;{L}之上;{L}年代;我的{L};{L}里的{M}"),
	styleForeign:      patternVocab("{L}的{M};{L};{L}与{M};最后的{L};{L}之歌;{L}的秘密;寻找{L};{L}之夜;{L}旁的{M}"),
	stylePoetry:       patternVocab("{L}集;{L}与{M};{L}的{M};{L}随笔;{L}散文选;{L}诗选;{L}笔记;{L}札记;听{L};在{L}的{M}里;{N}散文;{N}诗选"),
	styleChildren:     patternVocab("{A}的{L};{A}和{B};会飞的{A};{A}历险记;{A}找{L};{A}的日记;{L}童话;{A}上学记;{A}的{L}之旅"),
	styleClassic:      patternVocab("{C}译注;{C}校注;{C}集释;{C}笺注;{C}全译;{C}研究;{C}导读;{C}今注今译"),
	styleWorks:        patternVocab("{N}文集;{N}全集;{N}选集;{N}作品集"),
	styleReference:    patternVocab("{T}词典;{T}大辞典;{T}手册;{T}百科全书;{T}年鉴（{Y}）;简明{T}词典;新编{T}词典;{T}术语词典"),
	styleBibliography: patternVocab("{T}总目;{T}书目;{T}目录;{T}书目提要"),
	styleLaw: patternVocab("{T}学;{T}总论;{T}案例评析;{T}实务;中华人民共和国{T}释义;{T}原理;{T}疑难问题研究;{T}专题研究;" +
		"比较{T}研究;{T}|理论与实务;{T}教程;{T}的理论与实践"),
	styleMedical: patternVocab("{T};临床{T};实用{T};{T}诊疗指南;{T}学习指导;{T}新进展;{T}手册;{T}规范化诊治;{T}的诊断与治疗;{T}护理"),
	stylePopular: patternVocab("{T}一本通;图解{T};{T}百问百答;{T}的力量;学会{T};{T}的艺术;{T}入门;{T}十讲;你不可不知的{T};{T}指南"),
}

// zhSummaries are the sentences of summaries (330), by style: one drawn
// from the first list, and perhaps one from the second.
var zhSummaries = map[style][2][]string{
	styleAcademic: {{
		"本书{V}了{T}的{K}。", "本书以{T}为研究对象，{V}了其{K}。", "本书从{G}的视角{V}了{T}问题。",
		"本书是作者多年来研究{T}的成果，{V}了{T}与{U}的关系。", "本书围绕{T}这一主题，{V}了{K}。",
	}, {
		"内容包括{T}、{U}和{G}{H}等方面。", "全书共分{D}章，结构清晰，论证充分。", "书中结合大量案例，提出了若干政策建议。",
		"可供高等院校相关专业师生及研究人员参考。", "对{G}领域的研究具有参考价值。",
	}},
	styleTextbook: {{
		"本书是{T}课程的教材，{V}了{T}的基本概念、基本原理和基本方法。", "本书{V}了{T}的基础知识和{U}的应用。",
		"本书根据教育部相关课程教学基本要求编写，内容包括{T}、{U}等。",
	}, {
		"每章附有习题和参考答案。", "可作为高等院校相关专业的教材，也可供工程技术人员参考。", "本版在上一版的基础上作了全面修订。",
		"书中配有大量例题和实验。",
	}},
	styleHistory: {{
		"本书{V}了{E}{G}的{K}。", "本书利用大量档案和地方文献，考察了{E}{P}的{G}与{H}。", "本书以{T}为中心，{V}了{E}中国社会的变迁。",
	}, {
		"史料翔实，见解独到。", "对深入理解中国历史具有重要意义。", "全书共分{D}章，附有大事年表和参考文献。",
	}},
	styleBiography: {{
		"本书记述了{N}的生平事迹和主要成就。", "本书以翔实的史料，再现了{N}波澜壮阔的一生。",
	}, {
		"书中引用了大量第一手资料。", "附有年表和珍贵图片。",
	}},
	styleNovel: {{
		"本书是一部长篇小说，讲述了{P}一个普通家庭几代人的命运变迁。", "小说以{E}为背景，描写了{L}与{M}的故事。",
		"这是一部关于{L}和{M}的小说。", "作品以细腻的笔触描绘了{P}的风土人情。",
	}, {
		"语言朴素，情感真挚。", "作品曾获多项文学奖。", "本书收入作者的代表作品。",
	}},
	styleForeign: {{
		"本书是一部外国长篇小说，讲述了一个关于{L}与{M}的故事。", "小说通过一个家族的兴衰，展现了时代的变迁。",
		"本书是作者的代表作，描写了主人公寻找{L}的心路历程。",
	}, {
		"作品被译成多种文字出版。", "译文忠实流畅。",
	}},
	stylePoetry: {{
		"本书收录了作者多年来创作的作品{D}十余篇。", "作品以{L}、{M}为主题，抒发了对人生和自然的感悟。",
	}, {
		"文字清新隽永。", "分为{D}辑。",
	}},
	styleChildren: {{
		"本书是一部儿童文学作品，讲述了{A}和{B}的成长故事。", "{A}和朋友们一起踏上了寻找{L}的旅程。",
	}, {
		"图文并茂，适合小学生阅读。", "故事生动有趣，富有想象力。",
	}},
	styleClassic: {{
		"本书对《{C}》进行了校勘、注释和翻译。", "本书以通行本为底本，对《{C}》作了详细的注释。",
	}, {
		"注释简明，译文流畅，适合普通读者阅读。", "书后附有索引。",
	}},
	styleWorks: {{
		"本书收录了{N}的论著、文章和书信。", "本卷收入作者各个时期的代表性著述。",
	}, {
		"按写作时间先后编排。", "附有注释和人名索引。",
	}},
	styleReference: {{
		"本书收录{T}相关词条{D}万余条。", "本书是一部综合性的{T}工具书。",
	}, {
		"释义准确，查检方便。", "书后附有多种索引。",
	}},
	styleBibliography: {{
		"本书著录{T}{D}千余种。",
	}, {
		"每种著录书名、卷数、著者、版本和收藏单位。",
	}},
	styleLaw: {{
		"本书结合最新法律法规和司法解释，{V}了{T}的基本理论和实务问题。", "本书以典型案例为线索，{V}了{T}的适用问题。",
	}, {
		"适合法律从业人员和法学院学生阅读。", "可供法官、检察官、律师参考。",
	}},
	styleMedical: {{
		"本书{V}了{T}的基础理论和临床诊疗进展。", "本书根据最新临床指南编写，内容涵盖{T}的诊断、治疗和预防。",
	}, {
		"可供临床医师、医学生参考。", "内容新颖，实用性强。",
	}},
	stylePopular: {{
		"本书以通俗易懂的语言介绍了{T}的知识和方法。", "本书从日常生活出发，讲解了{T}的要点。",
	}, {
		"内容实用，图文并茂。", "适合广大读者阅读。",
	}},
}

// Verbs and aspects of summaries ({V}, {K}).
var (
	zhVerbs   = []string{"系统阐述", "深入探讨", "全面介绍", "重点分析", "系统梳理", "比较研究"}
	zhAspects = []string{"基本理论和方法", "发展历程与现状", "主要问题与对策", "历史演变与发展趋势", "理论基础与实践路径", "内在逻辑与运行机制"}
)

// classicRoles are the roles of the scholar who edits a classic, by the
// end of the title; other titles are the scholar's own work (著).
var classicRoles = []string{"今注今译", "译注", "校注", "集释", "笺注", "全译", "导读"}

// countries names the countries of foreign authors in subjects.
var countries = map[string]string{"美": "美国", "英": "英国", "日": "日本", "德": "德国", "法": "法国", "俄": "俄罗斯"}
