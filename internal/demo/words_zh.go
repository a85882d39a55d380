package demo

// Chinese word lists, commonest first (or with explicit weights). Ranks,
// not frequencies, are what matters: they are drawn by Zipf–Mandelbrot.

// zhGeneral are the general words of academic titles: modifiers ("中国经济",
// "现代企业管理"), second terms ("X与Y") and viewpoints ("文化的视角").
const zhGeneral = `中国 发展 文化 历史 经济 理论 技术 管理 教育 社会 现代 当代 国际
科学 城市 政治 传统 世界 创新 实践 思想 公共 地方 全球 农村 网络 信息 生态 环境 产业
民族 制度 知识 空间 文明 价值 战略 政策 治理 改革 法治 数字 智能 数据 媒体 传播 艺术
文学 语言 哲学 心理 健康 人文 区域 乡村 青年 家庭 企业 市场 比较 跨文化 新时代 东方 西方
古代 近代 中华 国家 时代 结构 模式 系统 方法 问题 基础 应用 设计 评价 机制 体系 路径
伦理 审美 记忆 身份 秩序 权力 资本 资源 能源 安全 风险 责任 合作 竞争 转型 变迁 现代化
全球化 城镇化 工业化 信息化 一体化 可持续 绿色 开放 协同 融合 共享 共同体 边疆 丝绸之路 长江
黄河 海洋 社区 组织 专业 职业 学术 学科 大学 儿童 女性 老年 人口 劳动 消费 金融 财政
贸易 投资 土地 住房 交通 旅游 体育 饮食 服饰 建筑 园林 民俗 宗教 礼仪 家族 乡土 士人
商人 帝国 王朝 交流 认同 叙事 话语 想象 表达 视觉 图像 文本 经典 文献 档案 遗产 出版
阅读 写作 翻译 教学 课程 标准 规范 监管 权利 契约 产权 伦理学 公平 效率 福利 保障 就业
收入 分配 增长 周期 危机 韧性 质量 品牌 服务 平台 工具 模型 算法 计算 实验 观察 田野`

// zhQualifiers qualify a topic in a title: 中国金融市场, 当代文学批评.
const zhQualifiers = `中国 当代 现代 国际 比较 城市 农村 地方 全球 区域 公共 数字 传统 西方 新时代 乡村
跨文化 民族 社会 网络 智能 绿色 应用 近代`

// zhHistoryFields are what histories are histories of: 明代经济史.
const zhHistoryFields = `经济 社会 政治 文化 思想 制度 法律 军事 外交 教育 宗教 城市 交通 财政 土地 家族 商业
科技 艺术 学术 边疆 民族 海洋 疾病 环境 妇女 日常生活 书籍 出版`

// zhPlaces are places for titles ("江南市镇研究") and subjects (606 $y).
const zhPlaces = `中国:30 北京:4 上海:4 广东:2 江苏:2 浙江:2 四川:1.5 湖北:1.2 湖南:1.2 山东:1.5
河南:1.2 陕西:1.2 云南:1 福建:1 安徽:0.8 江西:0.8 广西:0.8 贵州:0.6 甘肃:0.6 新疆:0.8 西藏:0.6
内蒙古:0.6 东北:1 西南:0.8 西北:0.8 华北:0.6 华南:0.6 江南:1.5 岭南:0.8 长三角:0.8 珠三角:0.6
京津冀:0.6 粤港澳大湾区:0.5 长江流域:0.5 黄河流域:0.5 台湾:0.6 香港:0.5 东亚:0.8 欧洲:0.6 美国:0.8 日本:0.6`

// zhEras are periods for history titles and 606 $z.
const zhEras = `近代 明清 清代 明代 宋代 唐代 民国 当代 现代 晚清 先秦 秦汉 魏晋 隋唐 元代 南北朝
改革开放以来 新中国 二十世纪 宋元`

// zhVolumeParts are the part names of volumes of a history in several
// volumes (200 $i), in period order.
var zhVolumeParts = []string{"先秦卷", "秦汉卷", "魏晋南北朝卷", "隋唐五代卷", "宋辽金卷", "元代卷", "明代卷", "清代卷", "近代卷", "现代卷", "当代卷"}

// zhNumerals are the numbers of volumes as Chinese titles write them.
var zhNumerals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"}

// zhLiterary are the nouns of literary titles.
const zhLiterary = `春天 故乡 岁月 时光 月光 河流 远方 青春 山河 风 雪 夜 梦 花 海 城 家 路 光 雨
秋天 冬天 夏天 星空 黄昏 黎明 长河 灯火 归途 村庄 大地 草原 森林 少年 父亲 母亲 姐姐 兄弟
老屋 小镇 山村 海岸 荒原 沙漠 雪山 白桦 槐花 桃花 梨花 麦田 稻田 炊烟 烟火 人间 江湖 红尘
旧梦 往事 记忆 眼泪 秘密 孤岛 灯塔 列车 站台 渡口 码头 石桥 街巷 胡同 庭院 四季 流年 浮生
星辰 日月 风雨 山海 云 月亮 太阳 影子 钟声 琴声 歌声 书信 花园 窗 镜子 船 故园 江南 边城
北方 南方 家园 山谷 溪流 田野 果园 葡萄 石榴 银杏 梧桐 白鹭 候鸟 马 羊群 骆驼 狼 鹰 燕子`

// zhAnimals are the heroes of children's books.
const zhAnimals = `小狐狸 小兔子 小熊 小猫 小狗 小老鼠 小猪 小象 小刺猬 小松鼠 小企鹅 小恐龙 小鸭子
小鹿 小乌龟 小蜜蜂 小海豚 小狮子 大灰狼 小青蛙 小蚂蚁 小燕子 小猴子 小熊猫`

// zhSurnames carry their approximate share of the population (per mille).
const zhSurnames = `王:71 李:70 张:67 刘:54 陈:45 杨:31 黄:22 赵:20 吴:19 周:19 徐:13 孙:12 马:12 朱:11
胡:10 郭:10 何:9 林:9 高:9 罗:8 郑:8 梁:7 谢:6 宋:6 唐:6 许:6 韩:5 冯:5 邓:5 曹:5 彭:5
曾:4 肖:4 田:4 董:4 袁:4 潘:4 于:4 蒋:4 蔡:4 余:3 杜:3 叶:3 程:3 苏:3 魏:3 吕:3 丁:3 任:3
沈:3 姚:2.5 卢:2.5 姜:2.5 崔:2.5 钟:2.5 谭:2.5 陆:2.5 汪:2.5 范:2.5 金:2 石:2 廖:2 贾:2
夏:2 韦:2 付:2 方:2 白:2 邹:2 孟:2 熊:2 秦:2 邱:2 江:2 尹:2 薛:1.5 闫:1.5 段:1.5 雷:1.5
侯:1.5 龙:1.5 史:1.5 陶:1.5 黎:1.5 贺:1.5 顾:1.5 毛:1.5 郝:1.5 龚:1.5 邵:1.5 万:1.5 钱:1.5
严:1.5 覃:1 武:1 戴:1 莫:1 孔:1 向:1 汤:1 单:0.5 解:0.3 欧阳:0.5 司马:0.1 上官:0.1 诸葛:0.1 尉迟:0.05`

// zhGivenChars make given names, one or two characters.
const zhGivenChars = `伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀 霞 平 刚 桂 英 华 文 建 国 志
红 玉 兰 春 海 林 辉 鹏 晓 小 飞 宇 浩 凯 俊 婷 雪 颖 晨 阳 立 新 云 斌 荣 宏 宁 波 峰 瑞
清 永 德 光 亮 成 庆 家 振 思 佳 悦 欣 梅 琳 丹 倩 露 鑫 博 昊 子 梓 若 雨 诗 嘉 天 泽 一
中 东 学 卫 民 金 松 岩 毅 健 彬 萍 慧 琴 燕 玲 晶 蕾 琦 璐 薇 航 宸 睿 轩 逸 然 怡 涵 欢 乐
安 康 福 祥 保 忠 仁 义 智 信 远 秋 冬 江 山 石 青 承 景 维 世 培 树 茂 富 贵 良 正 长 启`

// foreignAuthor is a foreign author as a Chinese record names them: the
// Chinese rendering and the original in Latin letters.
type foreignAuthor struct {
	country, lang   string // (美) and its language code
	given, family   []string
	givenL, familyL []string
	familyFirst     bool // Japanese names: family name first, no dot
}

var foreignAuthors = []struct {
	weight float64
	a      foreignAuthor
}{
	{40, foreignAuthor{country: "美", lang: "eng",
		given:   []string{"约翰", "大卫", "迈克尔", "詹姆斯", "罗伯特", "威廉", "理查德", "托马斯", "玛丽", "伊丽莎白", "苏珊", "琳达", "保罗", "彼得", "史蒂文", "安德鲁"},
		givenL:  []string{"John", "David", "Michael", "James", "Robert", "William", "Richard", "Thomas", "Mary", "Elizabeth", "Susan", "Linda", "Paul", "Peter", "Steven", "Andrew"},
		family:  []string{"史密斯", "约翰逊", "威廉斯", "布朗", "琼斯", "米勒", "戴维斯", "威尔逊", "安德森", "泰勒", "摩尔", "杰克逊", "怀特", "哈里斯", "克拉克", "刘易斯", "罗宾逊", "沃克", "艾伦", "斯科特", "格林", "贝克", "亚当斯", "坎贝尔"},
		familyL: []string{"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Allen", "Scott", "Green", "Baker", "Adams", "Campbell"}}},
	{20, foreignAuthor{country: "英", lang: "eng",
		given:   []string{"乔治", "亨利", "查尔斯", "爱德华", "安妮", "简", "凯瑟琳", "弗朗西斯", "休", "奥利弗"},
		givenL:  []string{"George", "Henry", "Charles", "Edward", "Anne", "Jane", "Catherine", "Frances", "Hugh", "Oliver"},
		family:  []string{"布朗", "埃文斯", "托马斯", "罗伯茨", "沃森", "休斯", "爱德华兹", "伍德", "霍尔", "莱特", "格林", "哈代", "奥斯汀", "狄更斯"},
		familyL: []string{"Brown", "Evans", "Thomas", "Roberts", "Watson", "Hughes", "Edwards", "Wood", "Hall", "Wright", "Green", "Hardy", "Austen", "Dickens"}}},
	{15, foreignAuthor{country: "日", lang: "jpn", familyFirst: true,
		given:   []string{"春树", "和夫", "浩", "美纪", "直子", "太郎", "一郎", "洋子", "圭吾", "健三郎", "由纪夫", "康成"},
		givenL:  []string{"Haruki", "Kazuo", "Hiroshi", "Miki", "Naoko", "Taro", "Ichiro", "Yoko", "Keigo", "Kenzaburo", "Yukio", "Yasunari"},
		family:  []string{"村上", "山田", "田中", "铃木", "佐藤", "高桥", "渡边", "伊藤", "中村", "小林", "东野", "松本", "大江", "川端"},
		familyL: []string{"Murakami", "Yamada", "Tanaka", "Suzuki", "Sato", "Takahashi", "Watanabe", "Ito", "Nakamura", "Kobayashi", "Higashino", "Matsumoto", "Oe", "Kawabata"}}},
	{10, foreignAuthor{country: "德", lang: "ger",
		given:   []string{"汉斯", "克劳斯", "沃尔夫冈", "尤尔根", "马克斯", "卡尔", "弗里德里希", "赫尔曼", "托马斯"},
		givenL:  []string{"Hans", "Klaus", "Wolfgang", "Jürgen", "Max", "Karl", "Friedrich", "Hermann", "Thomas"},
		family:  []string{"施密特", "穆勒", "施耐德", "菲舍尔", "韦伯", "迈耶", "瓦格纳", "贝克尔", "霍夫曼", "黑塞"},
		familyL: []string{"Schmidt", "Müller", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Hesse"}}},
	{10, foreignAuthor{country: "法", lang: "fre",
		given:   []string{"让", "皮埃尔", "米歇尔", "雅克", "弗朗索瓦", "玛丽", "路易", "西蒙娜", "阿尔贝"},
		givenL:  []string{"Jean", "Pierre", "Michel", "Jacques", "François", "Marie", "Louis", "Simone", "Albert"},
		family:  []string{"马丁", "贝尔纳", "杜邦", "勒费弗尔", "莫罗", "洛朗", "西蒙", "杜兰", "加缪", "福柯"},
		familyL: []string{"Martin", "Bernard", "Dupont", "Lefebvre", "Moreau", "Laurent", "Simon", "Durand", "Camus", "Foucault"}}},
	{5, foreignAuthor{country: "俄", lang: "rus",
		given:   []string{"伊万", "亚历山大", "谢尔盖", "安德烈", "弗拉基米尔", "尼古拉", "列夫"},
		givenL:  []string{"Ivan", "Aleksandr", "Sergei", "Andrei", "Vladimir", "Nikolai", "Lev"},
		family:  []string{"伊万诺夫", "彼得罗夫", "斯米尔诺夫", "库兹涅佐夫", "波波夫", "索科洛夫", "帕斯捷尔纳克"},
		familyL: []string{"Ivanov", "Petrov", "Smirnov", "Kuznetsov", "Popov", "Sokolov", "Pasternak"}}},
}

// zhCorporate are corporate authors (711), by the main classes they write
// for; "" serves every class.
var zhCorporate = map[string][]string{
	"":  {"中国社会科学院", "国务院发展研究中心", "北京大学", "清华大学", "中国人民大学", "复旦大学", "南京大学", "武汉大学"},
	"A": {"中共中央文献研究室", "中共中央党史和文献研究院", "中央编译局"},
	"D": {"全国人大常委会法制工作委员会", "最高人民法院研究室", "司法部法制宣传司", "中国法学会", "国家行政学院"},
	"F": {"国家统计局", "中国人民银行调查统计司", "国家发展和改革委员会", "中国社会科学院经济研究所", "商务部国际贸易经济合作研究院"},
	"G": {"教育部高等教育司", "中国图书馆学会", "中国教育科学研究院", "国家体育总局"},
	"H": {"中国社会科学院语言研究所词典编辑室", "商务印书馆辞书研究中心", "北京外国语大学英语系"},
	"K": {"中国社会科学院历史研究所", "中国第一历史档案馆", "中国社会科学院考古研究所", "故宫博物院"},
	"O": {"中国科学院数学研究所", "同济大学数学系"},
	"R": {"中华医学会", "国家卫生健康委员会", "中国疾病预防控制中心", "北京协和医院"},
	"T": {"中国科学院计算技术研究所", "中国电子技术标准化研究院", "中国建筑科学研究院"},
	"Z": {"中国大百科全书出版社编辑部", "辞海编辑委员会"},
}

// zhSeries are series titles (225), by style; each record in a series
// also gets a 410 link.
var zhSeries = map[style][]string{
	styleAcademic: {"国家社科基金后期资助项目", "当代中国研究丛书", "学术前沿丛书", "国家哲学社会科学成果文库", "博士文库", "中国社会科学院文库"},
	styleTextbook: {"普通高等教育“十四五”规划教材", "21世纪高等院校规划教材", "高等学校教材", "应用型本科系列教材", "卓越工程师教育培养计划系列教材"},
	styleMedical:  {"全国高等学校教材", "临床医师手册系列", "国家卫生健康委员会“十四五”规划教材"},
	styleHistory:  {"中国断代史丛书", "海外中国研究丛书", "区域史研究丛书"},
	styleClassic:  {"中华经典名著全本全注全译丛书", "中国古典文学基本丛书", "新编诸子集成"},
	styleNovel:    {"中国当代作家文库", "茅盾文学奖获奖作品全集", "新时代文学精品"},
	styleForeign:  {"外国文学名著丛书", "译文经典", "二十世纪外国文学丛书"},
	stylePopular:  {"大众生活丛书", "名家讲堂", "一本书读懂系列"},
	styleChildren: {"儿童文学经典书系", "中国儿童文学名家精品"},
	styleLaw:      {"法学精品教材", "中国法学文库", "法律实务丛书"},
}
