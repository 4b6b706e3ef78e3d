/// Which 办事指南 a question or a search is about: a topic word (成立, 变更, 注销, 年检 and
/// their everyday forms) picks the topic, a type word (社团, 民非, 基金会…) narrows it to one
/// type of organization. Without a topic word nothing matches, so an ordinary search for a
/// name is not cluttered with guides.
extension GuideBook {
    static let topicWords: [(topic: String, words: [String])] = [
        ("成立登记", ["成立", "设立", "筹备", "新办", "申请登记", "注册一个", "注册社", "注册民", "注册基金", "怎么注册", "如何注册"]),
        ("变更登记", ["变更", "更名", "改名", "换届", "修改章程", "更换法定代表人", "迁移住所", "变更住所"]),
        ("注销登记", ["注销", "解散", "终止", "清算"]),
        ("年度检查", ["年检", "年度检查", "年报", "年度报告", "年度工作报告"]),
    ]
    static let typeWords: [(type: String, words: [String])] = [
        ("社会团体", ["社会团体", "社团", "协会", "学会", "商会", "研究会", "联合会", "促进会", "联谊会"]),
        ("民办非企业单位", ["民办非企业", "民非", "社会服务机构", "民办学校", "民办医院", "养老院"]),
        ("基金会", ["基金会"]),
    ]
    /// At most this many guides are suggested for one text.
    static let maxMatches = 3

    /// The guides `text` is about, best first (empty when it names no topic).
    public func matching(_ text: String) throws(DisclosureError) -> [GuideSummary] {
        let text = String(text.prefix(256))
        let topics = Self.topicWords.filter { $0.words.contains { text.contains($0) } }.map(\.topic)
        guard !topics.isEmpty else { return [] }
        let types = Self.typeWords.filter { $0.words.contains { text.contains($0) } }.map(\.type)
        return Array(
            try list().filter { guide in
                topics.contains(guide.topic) && (types.isEmpty || types.contains(guide.organizationType))
            }.prefix(Self.maxMatches))
    }

    /// The guides whose title, summary or any item holds every space-separated word of
    /// `query`, together with those `matching(query)` finds (for /guides?q=).
    public func search(_ query: String) throws(DisclosureError) -> [GuideSummary] {
        let words = query.prefix(256).split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return try list() }
        let guides = try read { db in try db.guides() }
        let texts = Dictionary(
            guides.map { g in
                (g.id, ([g.title, g.summary, g.organizationType, g.topic] + g.items.map(\.text)).joined(separator: "\n"))
            }, uniquingKeysWith: { a, _ in a })
        let topical = Set(try matching(query).map(\.id))
        return try list().filter { guide in
            topical.contains(guide.id) || words.allSatisfy { texts[guide.id]?.contains($0) == true }
        }
    }
}
