import GongshiStore

/// The terms the learned Q&A works with: dictionary words of the tokenizer (folded:
/// Simplified, lower-case), without punctuation, function words and the ways of asking.
/// The same function reads questions, articles and training pairs, so that what the
/// trainer learns is what a question finds.
struct QATerms {
    let tokenizer: ChineseTokenizer

    /// Function words and question words: they say how something is asked, not what.
    static let stopwords: Set<String> = [
        "的", "了", "吗", "呢", "吧", "啊", "呀", "么", "嘛", "是", "在", "有", "和", "与", "或", "及", "等", "把", "被", "对", "从", "向",
        "给", "让", "这", "那", "这个", "那个", "这种", "那种", "这样", "那样", "我", "你", "他", "她", "它", "我们", "你们", "他们",
        "她们", "自己", "本人", "什么", "怎么", "怎样", "怎么样", "如何", "哪些", "哪个", "哪里", "哪儿", "为什么", "为何", "吗？",
        "是否", "是不是", "能否", "可否", "可以", "能", "会", "要", "想", "应该", "需要", "请问", "一下", "一个", "一些", "还是", "就",
        "也", "都", "又", "还", "才", "而", "但", "但是", "如果", "因为", "所以", "则", "其", "之", "以", "于", "为", "上", "下", "中",
        "里", "后", "前", "时", "时候", "吗?", "多少", "几", "多久", "咋", "咋办", "怎么办", "办", "么办", "谁", "哪", "啥", "呢?",
        "着", "过", "去", "来", "没", "没有", "不", "很", "该", "将", "并", "已", "已经", "了吗", "的话", "情况", "问题", "相关", "规定",
    ]

    /// Terms of `text` in order (repeats kept: term frequency counts).
    func terms(_ text: String) -> [String] {
        tokenizer.words(text).filter { word in
            guard !Self.stopwords.contains(word), let first = word.unicodeScalars.first else { return false }
            // Keep Han words, letters and numbers; punctuation and symbols carry nothing.
            return first.properties.isIdeographic || first.properties.isAlphabetic || ("0"..."9").contains(first)
        }
    }
}
