package demo

// style is the kind of book a class mostly holds: it decides the title
// patterns, the authors, the summary and the series a record gets.
type style uint8

const (
	styleAcademic     style = iota // monographs: 《X研究》, 《X与Y》, 《X：Y的视角》
	styleTextbook                  // 《X教程》, editions
	styleHistory                   // 《明清江南经济研究》, histories in volumes
	styleBiography                 // 《X传》, 《X年谱》 (a 600 subject)
	styleNovel                     // Chinese fiction
	styleForeign                   // translated fiction
	stylePoetry                    // poetry and essays
	styleChildren                  // children's books
	styleClassic                   // editions of classics: 《论语译注》
	styleWorks                     // collected works in volumes
	styleReference                 // dictionaries, handbooks, yearbooks (item type reference)
	styleBibliography              // catalogues of books
	styleLaw                       // law books
	styleMedical                   // medicine
	stylePopular                   // popular and self-help books
)

// subclass is a class number books are classed in, with what its books are
// about. Topics are commonest first; en holds English topics ("|" between
// them) for Western books, and a subclass without them gets none.
type subclass struct {
	code       string
	weight     float64
	style      style
	zh         string
	en         string
	patterns   string  // title patterns replacing the style's, ";" between them
	eras       string  // the periods its books cover ("" = any period of Chinese history)
	places     string  // the places its books cover ("" = Chinese places, as "word:weight")
	classics   string  // the classics that styleClassic edits
	translated float64 // share of Chinese books that are translations (default by style)
}

// mainClass is one of the 22 main classes of the CLC with its share of a
// Chinese library's Chinese (zh) and Western (en) books, in percent.
type mainClass struct {
	letter string
	zh, en float64
	subs   []subclass
}

// The shares follow the holdings of Chinese university and public
// libraries: literature, history, economics, politics and law, culture and
// education, and industrial technology (computing above all) lead; Marxism
// (A) and general works (Z) are few. Western collections lean to science,
// technology and languages.
var mainClasses = []mainClass{
	{"A", 0.5, 0.2, []subclass{
		{code: "A81", weight: 5, zh: "马克思主义 唯物史观 马克思主义中国化 历史唯物主义 辩证唯物主义 政治经济学批判 剩余价值学说", en: "Marxism|Historical materialism|Marxian economics"},
		{code: "A84", weight: 2, zh: "毛泽东思想 实事求是 群众路线 独立自主"},
		{code: "A12", weight: 1, style: styleWorks, zh: "马克思恩格斯文集 马克思恩格斯选集 列宁选集 列宁专题文集", patterns: "{T}"},
		{code: "A41", weight: 1, style: styleWorks, zh: "毛泽东选集 毛泽东文集 毛泽东年谱", patterns: "{T}"},
	}},
	{"B", 4, 5, []subclass{
		{code: "B2", weight: 3, zh: "中国哲学 儒家思想 道家思想 宋明理学 心学 先秦哲学 魏晋玄学 中国哲学史", en: "Chinese philosophy|Confucianism|Daoism|Neo-Confucianism"},
		{code: "B22", weight: 2, style: styleClassic, zh: "先秦诸子 儒家 道家", classics: "论语 孟子 庄子 老子 周易 荀子 韩非子 墨子 大学 中庸 管子"},
		{code: "B5", weight: 2, zh: "西方哲学 现象学 存在主义 分析哲学 德国古典哲学 古希腊哲学 启蒙思想 政治哲学", en: "Western philosophy|Phenomenology|Existentialism|Analytic philosophy|Political philosophy|Ancient Greek philosophy", translated: 0.45},
		{code: "B81", weight: 1, style: styleTextbook, zh: "逻辑学 形式逻辑 批判性思维 数理逻辑", en: "Logic|Critical thinking"},
		{code: "B82", weight: 2, zh: "伦理学 道德 人生观 应用伦理 职业道德 科技伦理", en: "Ethics|Moral philosophy|Bioethics"},
		{code: "B83", weight: 1, zh: "美学 审美 艺术哲学 审美教育", en: "Aesthetics"},
		{code: "B84", weight: 3, zh: "心理学 认知心理学 社会心理学 发展心理学 心理健康 人格心理学 积极心理学", en: "Psychology|Cognitive psychology|Social psychology|Developmental psychology", translated: 0.3},
		{code: "B848", weight: 3, style: stylePopular, zh: "情绪管理 自我成长 人际关系 心理调适 幸福 压力管理 沟通 时间管理", translated: 0.3},
		{code: "B9", weight: 1, zh: "宗教学 宗教文化 民间信仰 基督教 伊斯兰教", en: "Religion|Christianity|Islam"},
		{code: "B94", weight: 1, zh: "佛教 禅宗 佛教史 汉传佛教 藏传佛教 佛教艺术", en: "Buddhism|Chan Buddhism"},
	}},
	{"C", 2, 3, []subclass{
		{code: "C91", weight: 3, zh: "社会学 社会结构 社会分层 社会网络 社区 社会治理 社会调查 社会变迁", en: "Sociology|Social networks|Social change|Urban sociology"},
		{code: "C93", weight: 3, style: styleTextbook, zh: "管理学 组织行为 领导力 决策分析 管理思想 项目管理", en: "Management|Organizational behavior|Leadership|Project management"},
		{code: "C8", weight: 2, style: styleTextbook, zh: "统计学 社会统计 调查方法 统计分析 抽样调查 数据分析", en: "Statistics|Survey methodology|Data analysis"},
		{code: "C913", weight: 1, zh: "社会工作 社会保障 社会政策 社会福利 养老服务", en: "Social work|Social policy|Social welfare"},
		{code: "C95", weight: 1, zh: "民族学 人类学 田野调查 民族文化 族群", en: "Anthropology|Ethnology|Ethnicity"},
		{code: "C92", weight: 1, zh: "人口学 人口老龄化 人口迁移 人口政策 生育", en: "Demography|Population aging|Migration"},
	}},
	{"D", 8, 6, []subclass{
		{code: "D6", weight: 3, zh: "中国政治 政府治理 基层治理 国家治理 政治制度 党的建设 公共政策", en: "Chinese politics|Governance|Public policy"},
		{code: "D63", weight: 2, zh: "行政管理 公共管理 公务员制度 电子政务 行政改革 政府绩效", en: "Public administration|E-government"},
		{code: "D64", weight: 2, style: styleTextbook, zh: "思想政治教育 大学生思想政治教育 理想信念 社会主义核心价值观"},
		{code: "D81", weight: 1, zh: "国际关系 国际政治 地缘政治 国际秩序 全球治理 大国关系", en: "International relations|Geopolitics|Global governance|World order", places: "中国:3 美国:2 欧洲:1 亚太:1 东亚:1 中东:0.5 非洲:0.5"},
		{code: "D822", weight: 1, zh: "中国外交 对外关系 周边外交 外交政策 中美关系", en: "Chinese foreign policy=China--Foreign relations|Chinese diplomacy=China--Foreign relations"},
		{code: "D0", weight: 1, zh: "政治学 比较政治 政党政治 民主 国家理论", en: "Political science|Comparative politics|Democracy"},
		{code: "D90", weight: 1, style: styleLaw, zh: "法理学 法哲学 法律方法 法律文化 法律社会学", en: "Jurisprudence|Philosophy of law|Rule of law"},
		{code: "D920.4", weight: 1.5, style: stylePopular, zh: "法律常识 劳动法律 消费者权益 物业纠纷 交通事故处理 婚姻家庭法律"},
		{code: "D922", weight: 1, style: styleLaw, zh: "行政法 经济法 劳动法 环境法 税法 社会保障法 行政诉讼法", en: "Administrative law|Economic law|Labor law"},
		{code: "D923", weight: 2, style: styleLaw, zh: "民法 物权法 合同法 侵权责任法 婚姻家庭法 继承法 知识产权法 公司法", en: "Civil law|Contract law=Contracts|Property law|Intellectual property"},
		{code: "D924", weight: 1, style: styleLaw, zh: "刑法 刑法总论 刑法分则 犯罪学 刑事政策", en: "Criminal law|Criminology"},
		{code: "D925", weight: 1, style: styleLaw, zh: "诉讼法 民事诉讼法 刑事诉讼法 证据法 仲裁法", en: "Civil procedure|Criminal procedure|Evidence"},
		{code: "D99", weight: 1, style: styleLaw, zh: "国际法 国际私法 国际经济法 海洋法 国际人权法", en: "International law|Private international law=Conflict of laws|Law of the sea"},
		{code: "D91", weight: 0.5, style: styleLaw, zh: "比较法 外国法 罗马法 英美法", en: "Comparative law|Roman law|Common law"},
	}},
	{"E", 0.6, 0.5, []subclass{
		{code: "E2", weight: 3, zh: "中国军事 国防建设 军队建设 军事思想 国防教育", en: "Military history|National security"},
		{code: "E8", weight: 2, zh: "军事战略 战争史 战役 军事理论 战略学", en: "Military strategy|Military history|Strategy"},
		{code: "E892", weight: 1, style: styleClassic, zh: "兵法 军事思想", classics: "孙子兵法 吴子 六韬 三略 司马法 孙膑兵法"},
		{code: "E9", weight: 1, zh: "军事技术 武器装备 信息化战争", en: "Military technology|Weapons systems"},
	}},
	{"F", 11, 9, []subclass{
		{code: "F0", weight: 3, style: styleTextbook, zh: "经济学 微观经济学 宏观经济学 政治经济学 发展经济学 制度经济学 行为经济学", en: "Economics|Microeconomics|Macroeconomics|Behavioral economics|Development economics", translated: 0.15},
		{code: "F12", weight: 4, zh: "中国经济 经济发展 经济改革 经济增长 高质量发展 区域经济 经济政策 共同富裕", en: "Economic development|Economic growth|The Chinese economy=China--Economic conditions"},
		{code: "F272", weight: 4, zh: "企业管理 企业文化 人力资源管理 战略管理 公司治理 企业创新 绩效管理 供应链管理", en: "Business management|Human resource management|Corporate governance|Supply chain management"},
		{code: "F23", weight: 2, style: styleTextbook, zh: "会计学 财务会计 管理会计 成本会计 审计学 财务管理", en: "Accounting|Financial accounting|Auditing"},
		{code: "F32", weight: 1, zh: "农业经济 乡村振兴 农村发展 粮食安全 农民收入 农村土地制度", en: "Agricultural economics|Rural development"},
		{code: "F42", weight: 1, zh: "工业经济 产业结构 制造业 产业政策 产业升级", en: "Industrial policy|Manufacturing industries"},
		{code: "F49", weight: 1, zh: "数字经济 信息产业 平台经济 互联网经济 数字化转型", en: "Digital economy|Platform economy|Digital transformation"},
		{code: "F59", weight: 1, zh: "旅游经济 旅游管理 旅游开发 乡村旅游 文化旅游", en: "Tourism|Tourism management"},
		{code: "F713.36", weight: 1, zh: "电子商务 网络营销 跨境电商 直播电商", en: "Electronic commerce"},
		{code: "F713.5", weight: 1, style: styleTextbook, zh: "市场营销 品牌管理 消费者行为 营销策略 广告学", en: "Marketing|Consumer behavior|Brand management=Branding (Marketing)"},
		{code: "F74", weight: 2, zh: "国际贸易 对外贸易 贸易政策 国际经济 全球价值链 一带一路", en: "International trade|Global value chains|Trade policy=Commercial policy"},
		{code: "F81", weight: 1, zh: "财政学 税收 公共财政 财政政策 地方财政 税制改革", en: "Public finance|Taxation|Fiscal policy"},
		{code: "F830", weight: 2, style: styleTextbook, zh: "金融学 货币银行学 国际金融 金融市场 公司金融 投资学", en: "Finance|Financial markets|Corporate finance|Investments"},
		{code: "F832", weight: 3, zh: "中国金融 银行 货币政策 金融风险 金融监管 金融改革 普惠金融 证券市场 资本市场", en: "Banking=Banks and banking|Monetary policy|Financial risk management"},
		{code: "F84", weight: 0.5, zh: "保险学 社会保险 保险市场 风险管理", en: "Insurance|Risk management"},
		{code: "F299", weight: 1, zh: "城市经济 城市化 房地产 城市发展 土地经济", en: "Urban economics|Real estate=Real estate business|Urbanization"},
	}},
	{"G", 7, 5, []subclass{
		{code: "G0", weight: 1, zh: "文化学 文化理论 文化研究 文化产业", en: "Cultural studies|Cultural industries"},
		{code: "G12", weight: 2, zh: "中国文化 传统文化 中华文化 文化传承 文化自信 地域文化 文化软实力", en: "Chinese culture|Chinese civilization=China--Civilization"},
		{code: "G206", weight: 1, zh: "传播学 大众传播 新媒体 媒介融合 舆论 网络传播 国际传播", en: "Communication|Mass media|Social media"},
		{code: "G21", weight: 1, zh: "新闻学 新闻报道 新闻采访 新闻写作 新闻史", en: "Journalism"},
		{code: "G23", weight: 0.5, zh: "出版 编辑学 数字出版 出版史 图书出版", en: "Publishing|Book history=Books--History"},
		{code: "G250", weight: 1, zh: "图书馆学 图书馆管理 信息资源 数字图书馆 阅读推广 信息素养", en: "Library science|Digital libraries|Information literacy"},
		{code: "G252", weight: 0.5, zh: "文献检索 读者服务 阅读推广 参考咨询", en: "Information retrieval|Reference services=Reference services (Libraries)"},
		{code: "G26", weight: 0.5, zh: "博物馆 博物馆学 文物保护 展览", en: "Museums|Museum studies"},
		{code: "G27", weight: 0.4, zh: "档案学 档案管理 电子档案 文书工作", en: "Archives|Records management"},
		{code: "G40", weight: 2, zh: "教育学 教育理论 教育哲学 教育改革 教育公平 教育现代化", en: "Education|Philosophy of education=Education--Philosophy|Educational change"},
		{code: "G42", weight: 1, zh: "教学论 课程论 课堂教学 教学设计 教学方法", en: "Curriculum planning|Teaching|Instructional design=Instructional systems--Design"},
		{code: "G44", weight: 0.5, zh: "教育心理学 学习心理 学习动机", en: "Educational psychology"},
		{code: "G451", weight: 1, zh: "教师 教师专业发展 班主任工作 教师教育", en: "Teacher education=Teachers--Training of"},
		{code: "G52", weight: 1, zh: "中国教育 教育政策 教育史 义务教育 教育管理", en: "Education in China=Education--China"},
		{code: "G61", weight: 0.5, zh: "学前教育 幼儿园 幼儿教育 早期教育", en: "Early childhood education"},
		{code: "G633", weight: 1.5, style: styleTextbook, zh: "高考语文 高考数学 高考英语 中学物理 中学化学 中学语文"},
		{code: "G64", weight: 2, zh: "高等教育 大学 一流大学 研究生教育 高校管理 大学生 创新创业教育", en: "Higher education|Universities and colleges"},
		{code: "G71", weight: 0.5, zh: "职业教育 职业技术教育 职业院校 产教融合", en: "Vocational education"},
		{code: "G8", weight: 1.5, style: styleTextbook, zh: "体育 体育教学 运动训练 足球 篮球 田径 健身 武术 太极拳", en: "Sports|Physical education and training"},
	}},
	{"H", 4, 8, []subclass{
		{code: "H1", weight: 1, zh: "汉语 现代汉语 古代汉语 汉语史 语言学", en: "Chinese language|Chinese grammar=Chinese language--Grammar"},
		{code: "H0", weight: 0.5, zh: "语言学 语言学理论 语用学 认知语言学 社会语言学 语义学", en: "Linguistics|Pragmatics|Cognitive grammar|Sociolinguistics|Semantics"},
		{code: "H12", weight: 0.3, zh: "汉字 文字学 古文字 甲骨文 说文解字", en: "Chinese characters"},
		{code: "H152", weight: 0.5, style: styleTextbook, zh: "写作 应用写作 公文写作 论文写作 大学写作"},
		{code: "H16", weight: 0.5, style: styleReference, zh: "成语 古汉语 现代汉语 汉语 同义词 反义词 多音字 汉字", patterns: "{T}词典;{T}大词典;{T}辞典;学生{T}词典;{T}规范词典;新编{T}词典"},
		{code: "H195", weight: 0.5, style: styleTextbook, zh: "对外汉语 汉语教学 国际中文教育 汉语水平考试", en: "Teaching Chinese as a foreign language=Chinese language--Study and teaching--Foreign speakers"},
		{code: "H31", weight: 4, style: styleTextbook, zh: "英语 大学英语 英语语法 英语写作 英语阅读 英语听力 英语口语 学术英语 商务英语 英语词汇", en: "English language|English grammar=English language--Grammar|Academic writing|English rhetoric=English language--Rhetoric"},
		{code: "H315.9", weight: 1, style: styleTextbook, zh: "英汉翻译 汉英翻译 翻译技巧 翻译实践", en: "Translating and interpreting"},
		{code: "H059", weight: 0.5, zh: "翻译学 翻译理论 翻译研究 口译 笔译", en: "Translation studies=Translating and interpreting"},
		{code: "H36", weight: 0.7, style: styleTextbook, zh: "日语 日语语法 日语能力考试 基础日语", en: "Japanese language"},
		{code: "H33", weight: 0.3, style: styleTextbook, zh: "德语 基础德语 德语语法", en: "German language"},
		{code: "H32", weight: 0.3, style: styleTextbook, zh: "法语 基础法语 法语语法", en: "French language"},
	}},
	{"I", 15, 8, []subclass{
		{code: "I0", weight: 1, zh: "文学理论 文艺学 叙事学 文学批评 比较文学 文学概论", en: "Literary criticism=Literature--History and criticism|Narrative=Narration (Rhetoric)|Comparative literature|Literary theory"},
		{code: "I106", weight: 0.5, zh: "外国文学 世界文学 西方文学 文学经典", en: "World literature|Literature, Modern"},
		{code: "I206", weight: 2, zh: "中国文学史 现代文学 当代文学 古代文学 文学思潮", en: "Chinese literature=Chinese literature--History and criticism|Modern Chinese literature=Chinese literature--20th century--History and criticism"},
		{code: "I207.22", weight: 1, zh: "古典诗词 唐诗 宋词 诗学 诗歌研究", en: "Tang poetry=Chinese poetry--Tang dynasty, 618-907--History and criticism|Chinese poetry=Chinese poetry--History and criticism"},
		{code: "I207.41", weight: 1, zh: "古典小说 红楼梦 明清小说 小说研究", en: "Chinese fiction=Chinese fiction--History and criticism"},
		{code: "I207.42", weight: 1, zh: "现代小说 当代小说 小说艺术 作家研究"},
		{code: "I217", weight: 1, style: styleWorks, zh: "作家 文学家"},
		{code: "I222", weight: 0.8, style: stylePoetry, zh: "诗歌 新诗 诗集"},
		{code: "I227", weight: 1, style: stylePoetry, zh: "当代诗歌 新诗 现代诗"},
		{code: "I242", weight: 1, style: styleClassic, zh: "古典小说 章回小说", classics: "红楼梦 水浒传 三国演义 西游记 聊斋志异 儒林外史 封神演义 镜花缘 老残游记 世说新语"},
		{code: "I246.5", weight: 1, style: styleNovel, zh: "长篇小说 现代小说"},
		{code: "I247.5", weight: 8, style: styleNovel, zh: "长篇小说 当代小说", en: "Chinese fiction--21st century"},
		{code: "I247.7", weight: 3, style: styleNovel, zh: "中篇小说 短篇小说 小说集"},
		{code: "I25", weight: 1, style: styleNovel, zh: "报告文学 纪实文学"},
		{code: "I266", weight: 3, style: stylePoetry, zh: "散文 随笔 当代散文"},
		{code: "I287", weight: 1.5, style: styleChildren, zh: "儿童文学 童话 儿童故事"},
		{code: "I287.5", weight: 1, style: styleChildren, zh: "儿童小说 童话"},
		{code: "I313.45", weight: 1.5, style: styleForeign, zh: "长篇小说 日本文学", places: "日本:1"},
		{code: "I512.45", weight: 0.7, style: styleForeign, zh: "长篇小说 俄罗斯文学", places: "俄罗斯:1"},
		{code: "I516.45", weight: 0.5, style: styleForeign, zh: "长篇小说 德国文学", places: "德国:1"},
		{code: "I561.45", weight: 2, style: styleForeign, zh: "长篇小说 英国文学", en: "English fiction|English fiction--20th century", places: "英国:1"},
		{code: "I565.45", weight: 1, style: styleForeign, zh: "长篇小说 法国文学", places: "法国:1"},
		{code: "I712.45", weight: 2.5, style: styleForeign, zh: "长篇小说 美国文学", en: "American fiction|American fiction--21st century", places: "美国:1"},
		{code: "I561.06", weight: 0.3, zh: "英国文学 莎士比亚 英国小说", en: "English literature=English literature--History and criticism|Shakespeare=Shakespeare, William, 1564-1616--Criticism and interpretation"},
	}},
	{"J", 3, 3, []subclass{
		{code: "J0", weight: 0.5, zh: "艺术学 艺术理论 艺术史 视觉文化", en: "Art|Art history=Art--History|Visual culture"},
		{code: "J21", weight: 1, style: styleTextbook, zh: "绘画 素描 色彩 油画 水彩 速写", en: "Painting|Drawing=Drawing--Technique"},
		{code: "J212", weight: 0.5, zh: "中国画 山水画 花鸟画 人物画 画论", en: "Chinese painting=Painting, Chinese"},
		{code: "J292", weight: 1, style: styleTextbook, zh: "书法 楷书 行书 隶书 篆刻 碑帖 书法史", en: "Chinese calligraphy=Calligraphy, Chinese"},
		{code: "J5", weight: 1, style: styleTextbook, zh: "设计 平面设计 视觉传达 室内设计 服装设计 标志设计", en: "Graphic arts|Design"},
		{code: "J6", weight: 1, zh: "音乐 音乐史 音乐教育 民族音乐 声乐 钢琴", en: "Music|Music history=Music--History and criticism|Piano music"},
		{code: "J8", weight: 0.5, zh: "戏剧 戏曲 京剧 昆曲 话剧", en: "Theater|Chinese drama"},
		{code: "J90", weight: 1, zh: "电影 电影史 电影艺术 纪录片 电视剧 动画", en: "Film=Motion pictures|Film criticism|Animated films"},
		{code: "J41", weight: 0.3, style: styleTextbook, zh: "摄影 数码摄影 摄影艺术", en: "Photography"},
	}},
	{"K", 9, 6, []subclass{
		{code: "K0", weight: 0.5, zh: "史学理论 史学史 历史学 史学方法 历史哲学", en: "Historiography|Philosophy of history=History--Philosophy"},
		{code: "K1", weight: 1, style: styleHistory, zh: "世界史 全球史 世界文明 世界近代史 西方文明", en: "World history|Western civilization=Civilization, Western", eras: "古代 中世纪 近代 现代 二十世纪", places: "世界:5 欧洲:2 西方:2 亚洲:1 大西洋:0.5 地中海:0.5"},
		{code: "K20", weight: 2, style: styleHistory, zh: "中国通史 中国史 中华文明 中国历史", en: "Chinese history=China--History"},
		{code: "K22", weight: 1, style: styleHistory, zh: "先秦史 商周 春秋战国 夏商周", en: "Early China=China--History--To 221 B.C.", eras: "先秦 商周 春秋 战国 西周"},
		{code: "K23", weight: 0.7, style: styleHistory, zh: "秦汉史 汉代社会 秦汉帝国", eras: "秦汉 西汉 东汉 秦代"},
		{code: "K24", weight: 1, style: styleHistory, zh: "隋唐史 唐代社会 宋史 宋代社会 元史 辽金史", en: "Tang China=China--History--Tang dynasty, 618-907|Song China=China--History--Song dynasty, 960-1279", eras: "唐代 宋代 隋唐 宋元 元代 五代 辽金"},
		{code: "K248", weight: 1, style: styleHistory, zh: "明史 明代社会 明代政治", en: "Ming China=China--History--Ming dynasty, 1368-1644", eras: "明代 晚明 明清"},
		{code: "K249", weight: 1.3, style: styleHistory, zh: "清史 清代社会 晚清政治 清代政治", en: "Qing China=China--History--Qing dynasty, 1644-1912", eras: "清代 晚清 清前期 明清"},
		{code: "K25", weight: 1.2, style: styleHistory, zh: "近代史 鸦片战争 洋务运动 辛亥革命 近代中国", en: "Nineteenth-century China=China--History--19th century", eras: "晚清 近代 十九世纪"},
		{code: "K26", weight: 1, style: styleHistory, zh: "民国史 五四运动 抗日战争 民国政治", en: "Republican China=China--History--Republic, 1912-1949|The Sino-Japanese War=Sino-Japanese War, 1937-1945", eras: "民国 抗战时期 北洋时期"},
		{code: "K27", weight: 1, style: styleHistory, zh: "中华人民共和国史 新中国 改革开放 当代中国", en: "Contemporary China=China--History--1949-", eras: "当代 新中国 改革开放以来"},
		{code: "K29", weight: 1.5, style: styleHistory, zh: "地方史 北京史 上海史 江南史 城市史 地方志", en: "Shanghai=Shanghai (China)--History|Beijing=Beijing (China)--History"},
		{code: "K204", weight: 0.5, style: styleClassic, zh: "史书 史学", classics: "史记 汉书 后汉书 三国志 资治通鉴 左传 战国策 国语 贞观政要"},
		{code: "K31", weight: 0.5, style: styleHistory, zh: "亚洲史 日本史 朝鲜史 东南亚史 印度史", en: "Japanese history=Japan--History|Asian history=Asia--History", eras: "古代 近代 现代 二十世纪", places: "日本:4 朝鲜半岛:1.5 东南亚:1.5 印度:1 东亚:2"},
		{code: "K5", weight: 0.7, style: styleHistory, zh: "欧洲史 英国史 法国史 德国史 俄国史 古希腊 古罗马", en: "European history=Europe--History|Ancient Greece=Greece--History|Ancient Rome=Rome--History", eras: "古代 中世纪 近代 现代", places: "英国:3 法国:2 德国:2 俄国:1.5 欧洲:3 古希腊:1 古罗马:1"},
		{code: "K712", weight: 0.5, style: styleHistory, zh: "美国史 美国社会 美国政治", en: "American history=United States--History", eras: "殖民地时期 十九世纪 二十世纪 当代", places: "美国:5 北美:1"},
		{code: "K81", weight: 0.5, style: styleBiography, zh: "传记 人物"},
		{code: "K82", weight: 0.8, style: styleBiography, zh: "传记 人物 名人"},
		{code: "K825.6", weight: 0.7, style: styleBiography, zh: "作家 文学家 传记"},
		{code: "K826", weight: 0.5, style: styleBiography, zh: "科学家 学者 传记"},
		{code: "K827", weight: 0.8, style: styleBiography, zh: "政治家 革命家 传记"},
		{code: "K85", weight: 0.5, zh: "考古学 文物 考古发现 文物鉴赏", en: "Archaeology|Antiquities"},
		{code: "K87", weight: 1, zh: "中国考古 考古报告 青铜器 陶瓷 玉器 古代墓葬 石窟寺", en: "Chinese archaeology=China--Antiquities|Chinese bronzes=Bronzes, Chinese|Chinese porcelain=Porcelain, Chinese"},
		{code: "K892", weight: 0.5, zh: "民俗 风俗习惯 民俗学 节日 饮食文化", en: "Chinese folklore=Folklore--China|Everyday life in China=China--Social life and customs"},
		{code: "K92", weight: 1, zh: "中国地理 人文地理 历史地理 地名", en: "Historical geography of China=China--Historical geography"},
		{code: "K928.9", weight: 1, style: stylePopular, zh: "旅游 自助游 旅行 城市漫步 古镇"},
	}},
	{"N", 0.6, 1, []subclass{
		{code: "N09", weight: 1, zh: "科学史 科学哲学 科技史 科学技术", en: "History of science=Science--History|Philosophy of science=Science--Philosophy"},
		{code: "N49", weight: 2, style: stylePopular, zh: "科普 科学知识 自然科学 趣味科学 科学探索", en: "Popular science=Science--Popular works"},
		{code: "N3", weight: 0.5, zh: "科研方法 科研管理 科学技术政策 科学评价", en: "Research methods=Research--Methodology|Science policy=Science and state"},
	}},
	{"O", 4.5, 10, []subclass{
		{code: "O1", weight: 1, style: styleTextbook, zh: "数学 数学分析 数学建模 数学方法 数学史", en: "Mathematics|Mathematical modeling=Mathematical models|Mathematical analysis"},
		{code: "O13", weight: 2, style: styleTextbook, zh: "高等数学 微积分 高等数学习题", en: "Calculus"},
		{code: "O151.2", weight: 1, style: styleTextbook, zh: "线性代数 矩阵论 矩阵分析", en: "Linear algebra=Algebras, Linear|Matrices"},
		{code: "O17", weight: 0.7, style: styleTextbook, zh: "实变函数 复变函数 泛函分析", en: "Functional analysis|Complex analysis=Functions of complex variables"},
		{code: "O175", weight: 0.5, style: styleTextbook, zh: "微分方程 偏微分方程 常微分方程", en: "Differential equations|Partial differential equations=Differential equations, Partial"},
		{code: "O21", weight: 1.5, style: styleTextbook, zh: "概率论 数理统计 概率论与数理统计 随机过程 统计推断", en: "Probability=Probabilities|Mathematical statistics|Stochastic processes"},
		{code: "O22", weight: 0.5, style: styleTextbook, zh: "运筹学 最优化方法 图论", en: "Operations research|Optimization=Mathematical optimization|Graph theory"},
		{code: "O241", weight: 0.5, style: styleTextbook, zh: "数值分析 计算方法 科学计算", en: "Numerical analysis"},
		{code: "O3", weight: 0.7, style: styleTextbook, zh: "力学 理论力学 材料力学 流体力学 弹性力学", en: "Mechanics|Fluid mechanics"},
		{code: "O4", weight: 1.5, style: styleTextbook, zh: "大学物理 物理学 普通物理 电磁学 热学 光学 量子力学 固体物理", en: "Physics|Quantum mechanics=Quantum theory|Solid state physics|Optics"},
		{code: "O6", weight: 1.5, style: styleTextbook, zh: "化学 无机化学 有机化学 分析化学 物理化学 高分子化学 大学化学", en: "Chemistry|Organic chemistry=Chemistry, Organic|Physical chemistry=Chemistry, Physical and theoretical"},
	}},
	{"P", 1.2, 2, []subclass{
		{code: "P1", weight: 0.4, zh: "天文学 宇宙 天体物理", en: "Astronomy|Astrophysics|Cosmology"},
		{code: "P2", weight: 0.6, style: styleTextbook, zh: "测量学 遥感 地理信息系统 摄影测量", en: "Remote sensing|Geographic information systems"},
		{code: "P4", weight: 0.5, zh: "气象学 气候变化 大气科学", en: "Meteorology|Climate change=Climatic changes"},
		{code: "P5", weight: 0.6, zh: "地质学 矿物学 地球化学 构造地质 岩石学", en: "Geology|Geochemistry"},
		{code: "P7", weight: 0.3, zh: "海洋学 海洋科学 海洋环境", en: "Oceanography"},
		{code: "P9", weight: 0.4, zh: "自然地理 地貌学 水文", en: "Physical geography|Geomorphology"},
	}},
	{"Q", 1.5, 5, []subclass{
		{code: "Q1", weight: 1, style: styleTextbook, zh: "生物学 普通生物学 生命科学", en: "Biology|Life sciences"},
		{code: "Q14", weight: 0.8, zh: "生态学 生物多样性 生态系统 保护生物学", en: "Ecology|Biodiversity|Conservation biology"},
		{code: "Q3", weight: 0.6, style: styleTextbook, zh: "遗传学 基因组学 分子遗传学", en: "Genetics|Genomics"},
		{code: "Q5", weight: 0.6, style: styleTextbook, zh: "生物化学 蛋白质 酶学", en: "Biochemistry|Proteins"},
		{code: "Q7", weight: 0.5, style: styleTextbook, zh: "分子生物学 细胞生物学 生物信息学", en: "Molecular biology|Cell biology=Cytology|Bioinformatics"},
		{code: "Q93", weight: 0.4, style: styleTextbook, zh: "微生物学 病毒学", en: "Microbiology|Virology"},
		{code: "Q94", weight: 0.5, zh: "植物学 植物生理学 植物图鉴", en: "Botany|Plant physiology"},
		{code: "Q95", weight: 0.5, zh: "动物学 鸟类 昆虫", en: "Zoology|Birds|Insects"},
	}},
	{"R", 5, 6, []subclass{
		{code: "R1", weight: 0.5, zh: "预防医学 公共卫生 流行病学 卫生管理 健康教育", en: "Public health|Epidemiology"},
		{code: "R161", weight: 0.5, style: stylePopular, zh: "养生 保健 健康生活 饮食健康"},
		{code: "R2", weight: 1.5, style: styleMedical, zh: "中医学 中医基础理论 中医诊断学 方剂学 针灸学 中药学 推拿学", en: "Chinese medicine=Medicine, Chinese|Acupuncture"},
		{code: "R22", weight: 0.5, style: styleClassic, zh: "中医古籍", classics: "黄帝内经 伤寒论 金匮要略 本草纲目 温病条辨 神农本草经"},
		{code: "R3", weight: 1, style: styleMedical, zh: "人体解剖学 生理学 病理学 免疫学 医学微生物学 组织胚胎学 病理生理学", en: "Human anatomy|Physiology|Pathology|Immunology"},
		{code: "R4", weight: 1, style: styleMedical, zh: "诊断学 急诊医学 临床医学 医学影像学 康复医学 全科医学", en: "Diagnosis|Emergency medicine|Diagnostic imaging"},
		{code: "R47", weight: 1, style: styleMedical, zh: "护理学 基础护理学 内科护理学 外科护理学 护理管理学 社区护理学", en: "Nursing"},
		{code: "R5", weight: 1.5, style: styleMedical, zh: "内科学 心血管疾病 高血压 糖尿病 呼吸系统疾病 消化系统疾病 肾脏病 内分泌疾病", en: "Internal medicine|Cardiology|Diabetes"},
		{code: "R6", weight: 1, style: styleMedical, zh: "外科学 骨科学 普通外科学 神经外科学 创伤", en: "Surgery|Orthopedics"},
		{code: "R71", weight: 0.5, style: styleMedical, zh: "妇产科学 妇科疾病 产科 妇女保健", en: "Obstetrics|Gynecology"},
		{code: "R72", weight: 0.5, style: styleMedical, zh: "儿科学 儿童保健 新生儿疾病 儿科疾病", en: "Pediatrics"},
		{code: "R73", weight: 0.8, style: styleMedical, zh: "肿瘤学 恶性肿瘤 肺癌 乳腺癌 放射治疗", en: "Oncology|Cancer"},
		{code: "R74", weight: 0.5, style: styleMedical, zh: "神经病学 精神病学 抑郁症 精神卫生", en: "Neurology|Psychiatry"},
		{code: "R9", weight: 1, style: styleMedical, zh: "药理学 药物化学 临床药学 药剂学 药物分析", en: "Pharmacology|Pharmacy"},
	}},
	{"S", 1.2, 1, []subclass{
		{code: "S1", weight: 0.3, style: styleTextbook, zh: "土壤学 农业生态 肥料学 农业气象", en: "Soil science|Agricultural ecology"},
		{code: "S3", weight: 0.4, style: styleTextbook, zh: "作物栽培 作物育种 植物保护 病虫害防治", en: "Agronomy|Plant breeding"},
		{code: "S6", weight: 0.4, style: stylePopular, zh: "园艺 果树栽培 蔬菜栽培 花卉 盆景", en: "Horticulture"},
		{code: "S7", weight: 0.3, zh: "林业 森林培育 林学 森林生态", en: "Forestry=Forests and forestry"},
		{code: "S8", weight: 0.3, style: stylePopular, zh: "畜牧 养殖 兽医 家禽养殖", en: "Animal husbandry=Animal industry|Veterinary medicine"},
		{code: "S9", weight: 0.2, style: stylePopular, zh: "水产养殖 渔业", en: "Aquaculture|Fisheries"},
	}},
	{"T", 18, 22, []subclass{
		{code: "TB", weight: 1, style: styleTextbook, zh: "工程材料 工程制图 材料科学 纳米材料 复合材料", en: "Materials science|Engineering graphics|Nanomaterials=Nanostructured materials"},
		{code: "TD", weight: 0.3, style: styleTextbook, zh: "采矿 矿山安全 煤矿开采", en: "Mining engineering"},
		{code: "TE", weight: 0.3, style: styleTextbook, zh: "石油工程 油气田开发 石油地质", en: "Petroleum engineering"},
		{code: "TF", weight: 0.3, style: styleTextbook, zh: "冶金 钢铁冶金 有色金属冶金", en: "Metallurgy"},
		{code: "TG", weight: 0.6, style: styleTextbook, zh: "金属工艺 焊接 机械加工 数控加工 热处理", en: "Welding|Machining|CNC machining=Machine-tools--Numerical control"},
		{code: "TH", weight: 1, style: styleTextbook, zh: "机械设计 机械制造 机械原理 机械工程 液压传动 精密仪器", en: "Machine design|Mechanical engineering|Hydraulics=Hydraulic machinery"},
		{code: "TK", weight: 0.7, style: styleTextbook, zh: "能源动力 新能源 热能工程 太阳能 风能 内燃机", en: "Renewable energy=Renewable energy sources|Power engineering=Power (Mechanics)"},
		{code: "TL", weight: 0.2, style: styleTextbook, zh: "核能 核工程 原子能", en: "Nuclear engineering"},
		{code: "TM", weight: 1.2, style: styleTextbook, zh: "电工技术 电机学 电力系统 电气工程 电力电子技术 智能电网", en: "Electrical engineering|Power systems=Electric power systems|Power electronics|Smart grids=Smart power grids"},
		{code: "TN", weight: 1.5, style: styleTextbook, zh: "电子技术 模拟电子技术 数字电路 信号处理 集成电路 半导体", en: "Electronics|Digital electronics|Signal processing|Integrated circuits"},
		{code: "TN91", weight: 1, style: styleTextbook, zh: "通信原理 移动通信 无线通信 光纤通信 5G 通信网络", en: "Telecommunications=Telecommunication systems|Wireless communications=Wireless communication systems|5G networks=5G mobile communication systems"},
		{code: "TP18", weight: 1.5, style: styleTextbook, zh: "人工智能 机器学习 深度学习 神经网络 知识图谱 强化学习 大模型", en: "Artificial intelligence|Machine learning|Deep learning=Deep learning (Machine learning)|Neural networks=Neural networks (Computer science)|Reinforcement learning"},
		{code: "TP2", weight: 0.8, style: styleTextbook, zh: "自动控制 自动化 控制理论 机器人 传感器 PLC", en: "Automatic control|Robotics|Sensors=Detectors"},
		{code: "TP3", weight: 1.5, style: styleTextbook, zh: "计算机 计算机基础 计算机应用 计算机科学 计算机导论", en: "Computer science|Computing=Electronic data processing"},
		{code: "TP301.6", weight: 0.7, style: styleTextbook, zh: "算法 数据结构 算法设计 计算理论", en: "Algorithms|Data structures=Data structures (Computer science)|Computational complexity"},
		{code: "TP311.5", weight: 2.5, style: styleTextbook, zh: "软件工程 程序设计 软件开发 软件测试 软件架构", en: "Software engineering|Software architecture|Software testing=Computer software--Testing"},
		{code: "TP311.13", weight: 1, style: styleTextbook, zh: "数据库 数据库系统 MySQL SQL 大数据 数据仓库 数据挖掘", en: "Database systems=Database management|Big data|Data mining"},
		{code: "TP312", weight: 2, style: styleTextbook, zh: "Python Java C语言 C++ JavaScript Go语言 程序设计语言 Rust", en: "Python programming=Python (Computer program language)|Java programming=Java (Computer program language)|C++ programming=C++ (Computer program language)|Programming languages=Programming languages (Electronic computers)"},
		{code: "TP316", weight: 0.7, style: styleTextbook, zh: "操作系统 Linux 嵌入式系统 Android", en: "Operating systems=Operating systems (Computers)|Linux|Embedded systems=Embedded computer systems"},
		{code: "TP317", weight: 0.5, style: styleTextbook, zh: "办公自动化 Office 多媒体技术 Photoshop"},
		{code: "TP391", weight: 1.5, style: styleTextbook, zh: "图像处理 自然语言处理 计算机视觉 模式识别 计算机辅助设计 信息检索", en: "Image processing|Natural language processing=Natural language processing (Computer science)|Computer vision|Pattern recognition=Pattern recognition systems"},
		{code: "TP393", weight: 1.5, style: styleTextbook, zh: "计算机网络 网络安全 物联网 云计算 网络工程 区块链", en: "Computer networks|Computer security|Cloud computing|Internet of things|Blockchain=Blockchains (Databases)"},
		{code: "TQ", weight: 0.7, style: styleTextbook, zh: "化学工程 化工原理 化工工艺 精细化工 高分子材料", en: "Chemical engineering|Polymers"},
		{code: "TS2", weight: 0.5, style: styleTextbook, zh: "食品科学 食品安全 食品工艺 食品营养", en: "Food science|Food safety=Food--Safety measures"},
		{code: "TS97", weight: 0.4, style: stylePopular, zh: "烹饪 家常菜 烘焙 茶艺 美食"},
		{code: "TU", weight: 1.5, style: styleTextbook, zh: "建筑设计 建筑学 建筑结构 土木工程 建筑施工 建筑史 工程管理", en: "Architecture|Civil engineering|Structural engineering"},
		{code: "TU98", weight: 0.7, zh: "城市规划 城乡规划 城市设计 景观设计 风景园林", en: "Urban planning=City planning|Landscape architecture"},
		{code: "TV", weight: 0.4, style: styleTextbook, zh: "水利工程 水资源 水文学 水利水电", en: "Hydraulic engineering|Water resources=Water resources development"},
	}},
	{"U", 1.2, 1, []subclass{
		{code: "U2", weight: 0.3, style: styleTextbook, zh: "铁路 高速铁路 铁道工程 城市轨道交通", en: "Railway engineering=Railroad engineering|High-speed rail=High speed trains"},
		{code: "U4", weight: 0.4, style: styleTextbook, zh: "道路工程 桥梁工程 隧道工程", en: "Highway engineering|Bridge engineering=Bridges--Design and construction"},
		{code: "U46", weight: 0.4, style: styleTextbook, zh: "汽车构造 新能源汽车 汽车维修 智能汽车", en: "Automotive engineering=Automobiles--Design and construction|Electric vehicles"},
		{code: "U491", weight: 0.3, zh: "交通工程 交通规划 智能交通 交通管理", en: "Traffic engineering|Transportation planning=Transportation--Planning"},
		{code: "U6", weight: 0.2, style: styleTextbook, zh: "船舶 航运 港口 水运", en: "Naval architecture|Shipping"},
	}},
	{"V", 0.4, 1, []subclass{
		{code: "V2", weight: 0.6, style: styleTextbook, zh: "航空 飞机设计 航空发动机 飞行原理 无人机", en: "Aeronautics|Aircraft design=Airplanes--Design and construction|Drones=Drone aircraft"},
		{code: "V4", weight: 0.4, style: styleTextbook, zh: "航天 航天器 火箭 卫星 载人航天", en: "Astronautics|Spacecraft=Space vehicles"},
	}},
	{"X", 1, 2, []subclass{
		{code: "X1", weight: 0.3, zh: "环境科学 环境学 环境化学", en: "Environmental sciences"},
		{code: "X2", weight: 0.3, zh: "可持续发展 生态文明 碳中和 环境与发展", en: "Sustainable development|Carbon neutrality=Carbon dioxide mitigation"},
		{code: "X3", weight: 0.3, zh: "环境管理 环境保护 环境政策 环境影响评价", en: "Environmental management|Environmental policy"},
		{code: "X5", weight: 0.4, style: styleTextbook, zh: "污染防治 水污染控制 大气污染控制 固体废物处理 环境工程", en: "Pollution prevention=Pollution--Prevention|Environmental engineering"},
		{code: "X9", weight: 0.3, style: styleTextbook, zh: "安全工程 安全管理 安全生产 应急管理", en: "Industrial safety|Emergency management"},
	}},
	{"Z", 0.4, 0.3, []subclass{
		{code: "Z228", weight: 0.3, style: styleReference, zh: "中国大 儿童 少年 中华 世界 科学", patterns: "{T}百科全书;{T}百科;{T}百科知识;{T}百科图典"},
		{code: "Z32", weight: 0.4, style: styleReference, zh: "辞海 汉英 英汉 汉语 社会科学 百科", patterns: "{T}大辞典;{T}词典;{T}辞典;简明{T}辞典", en: "Chinese dictionaries=Encyclopedias and dictionaries, Chinese"},
		{code: "Z52", weight: 0.2, style: styleReference, zh: "中国 统计 经济 教育", patterns: "{T}年鉴（{Y}）;{T}统计年鉴（{Y}）"},
		{code: "Z838", weight: 0.2, style: styleBibliography, zh: "古籍 善本 丛书 地方志 家谱", patterns: "中国{T}总目;{T}书目;{T}目录;{T}书目提要;{P}{T}目录"},
	}},
}
