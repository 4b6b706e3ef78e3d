import Foundation

/// What the Q&A learned and precomputed, stored in the index (`qa_model`, name `answers`)
/// by `AnswerTrainer` and loaded once per index generation:
///
/// - a word index of every article and section: for each term the units that contain it
///   and a weighted frequency (text 1, each chapter heading word and title word
///   `AnswerTrainer.contextWeight`), and each unit's length, document and answer types;
/// - word-translation probabilities t(article term | question term) from IBM Model 1 over
///   the question–article pairs, the few likeliest per question term;
/// - priors: how often pairs cite each document and each unit;
/// - the learned pairs themselves (question terms -> units), for the neighbour feature: a
///   question close to learned questions favours the articles that answered them;
/// - the ranking weights and the confidence thresholds, chosen on pairs held aside from learning.
struct AnswerModel: Sendable {
    static let version: UInt32 = 7
    static let name = "answers"

    struct Translation: Sendable, Equatable {
        var term: Int32
        var probability: Float
    }

    struct Calibration: Sendable, Equatable {
        /// Confidence scores at or above `high` were right ≥ 90 % on held-aside pairs.
        var high: Float
        var medium: Float
        /// Held-aside pairs it was calibrated on (0: the defaults).
        var questions: Int32
        var highPrecision: Float
        var mediumPrecision: Float
        /// Share of the held-aside questions at or above `high`.
        var highShare: Float = 0
    }

    /// Weights of the ranking features (`AnswerModel.rank`, `AnswerEngine.answerLearned`).
    struct Weights: Sendable, Equatable {
        /// A learned translation relative to the question term it comes from, times its probability.
        var translation: Float = 2.0
        var documentPrior: Float = 0.08
        var unitPrior: Float = 0.08
        /// The unit contains what the question asks for (`AnswerType`).
        var type: Float = 0.03
        /// A definition question (什么是慈善信托) and a unit that defines its subject (本法所称慈善信托…是指).
        var definition: Float = 0.2
        /// Similarity to learned questions that this unit answered (`AnswerModel.neighbours`).
        var neighbour: Float = 0.1
        /// Taken off a unit whose opening sentence names subjects (慈善组织, 基金会) none of which the
        /// question names (`AnswerTrainer.subjectTerms`); chosen per corpus.
        var subject: Float = 0
        /// Taken off a unit whose opening-sentence topics (注销, 变更) the question covers none of
        /// (`AnswerTrainer.topicTerms`, `topicMissed`); chosen per corpus.
        var topic: Float = 0
        /// The coverage re-ranking (`AnswerEngine.rank`) added to the learned score.
        var coverage: Float = 0.3
        /// Translations used per question term (at most the stored ones), and the least probability.
        var expansions: Float = 10
        var minTranslation: Float = 0.02
        /// The confidence score (`confidenceScore`): weights of the first answer's coverage of the
        /// question, of its lead over the second, and of the learned questions' votes for it.
        var confidenceCoverage: Float = 0.6
        var confidenceMargin: Float = 0.4
        var confidenceNeighbour: Float = 0
        var confidenceLead: Float = 0

        static let names = [
            "translation", "documentPrior", "unitPrior", "type", "neighbour", "coverage", "expansions", "minTranslation",
            "confidenceCoverage", "confidenceMargin", "confidenceNeighbour", "confidenceLead", "definition", "subject", "topic",
        ]
        var values: [Float] {
            get {
                [
                    translation, documentPrior, unitPrior, type, neighbour, coverage, expansions, minTranslation,
                    confidenceCoverage, confidenceMargin, confidenceNeighbour, confidenceLead, definition, subject, topic,
                ]
            }
            set {
                guard newValue.count == Self.names.count else { return }
                translation = newValue[0]
                documentPrior = newValue[1]
                unitPrior = newValue[2]
                type = newValue[3]
                neighbour = newValue[4]
                coverage = newValue[5]
                expansions = newValue[6]
                minTranslation = newValue[7]
                confidenceCoverage = newValue[8]
                confidenceMargin = newValue[9]
                confidenceNeighbour = newValue[10]
                confidenceLead = newValue[11]
                definition = newValue[12]
                subject = newValue[13]
                topic = newValue[14]
            }
        }
    }

    var terms: [String] = []
    var postingStart: [UInt32] = [0]
    var postingUnit: [UInt32] = []
    var postingWeight: [Float] = []
    var unitIds: [Int64] = []
    var unitLength: [Float] = []
    var unitDocument: [UInt32] = []
    var unitTypes: [UInt8] = []
    var unitPrior: [Float] = []
    var documentIds: [String] = []
    var documentPrior: [Float] = []
    /// Per term (same index as `terms`): its likeliest translations, best first.
    var translationStart: [UInt32] = [0]
    var translations: [Translation] = []
    var calibration = Calibration(high: 0.75, medium: 0.45, questions: 0, highPrecision: 0, mediumPrecision: 0)
    var pairsLearned: Int32 = 0
    var weights = Weights()
    /// Learned pairs: each one's distinct question terms and the units that answer it.
    var pairTermStart: [UInt32] = [0]
    var pairTerms: [Int32] = []
    var pairUnitStart: [UInt32] = [0]
    var pairUnits: [UInt32] = []
    /// The confidence model fitted on held-aside questions (`ConfidenceModel`); nil when there
    /// were too few: then the fixed score `confidenceScore` and the default thresholds.
    var confidence: ConfidenceModel?
    /// The corpus's subject words (sorted term ids) and, per unit, those its opening sentence
    /// names (`AnswerTrainer.subjectTerms`).
    var subjects: [Int32] = []
    var unitSubjectStart: [UInt32] = [0]
    var unitSubjects: [Int32] = []
    /// Per unit, the topic words of its opening sentence (`AnswerTrainer.topicTerms`).
    var unitTopicStart: [UInt32] = [0]
    var unitTopics: [Int32] = []

    // Derived on load.
    var termIndex: [String: Int32] = [:]
    var unitIndex: [Int64: Int32] = [:]
    var averageLength: Float = 1
    /// Per term, the learned pairs whose question has it.
    var pairPostings: [Int32: [UInt32]] = [:]
    var averagePairLength: Float = 1
    var subjectSet: Set<Int32> = []
    /// Per unit, whether its topics hold a word people ask with (a learned question uses it), and
    /// for each such word the units it is a topic of: `topicMissed` per unit is two array reads.
    var unitAsksTopic: [Bool] = []
    var askedTopicUnits: [Int32: [UInt32]] = [:]

    var pairCount: Int { pairTermStart.count - 1 }

    var unitCount: Int { unitIds.count }

    func postings(_ term: Int32) -> Range<Int> { Int(postingStart[Int(term)])..<Int(postingStart[Int(term) + 1]) }
    func documentFrequency(_ term: Int32) -> Int { postings(term).count }
    func subjects(of unit: Int) -> ArraySlice<Int32> {
        unitSubjectStart.count > unit + 1 ? unitSubjects[Int(unitSubjectStart[unit])..<Int(unitSubjectStart[unit + 1])] : []
    }
    func topics(of unit: Int) -> ArraySlice<Int32> {
        unitTopicStart.count > unit + 1 ? unitTopics[Int(unitTopicStart[unit])..<Int(unitTopicStart[unit + 1])] : []
    }
    func translations(of term: Int32) -> ArraySlice<Translation> {
        translations[Int(translationStart[Int(term)])..<Int(translationStart[Int(term) + 1])]
    }

    mutating func finish() {
        termIndex = Dictionary(terms.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        unitIndex = Dictionary(unitIds.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        averageLength = unitLength.isEmpty ? 1 : max(unitLength.reduce(0, +) / Float(unitLength.count), 1)
        var postings: [Int32: [UInt32]] = [:]
        for p in 0..<pairCount {
            for i in Int(pairTermStart[p])..<Int(pairTermStart[p + 1]) { postings[pairTerms[i], default: []].append(UInt32(p)) }
        }
        pairPostings = postings
        averagePairLength = pairCount == 0 ? 1 : max(Float(pairTerms.count) / Float(pairCount), 1)
        subjectSet = Set(subjects)
        unitAsksTopic = [Bool](repeating: false, count: unitCount)
        var asked: [Int32: [UInt32]] = [:]
        for u in 0..<unitCount {
            for t in topics(of: u) where pairPostings[t] != nil {
                asked[t, default: []].append(UInt32(u))
                unitAsksTopic[u] = true
            }
        }
        askedTopicUnits = asked
    }

    // MARK: - Storage

    func encoded() -> Data {
        var w = Writer()
        w.u32(Self.version)
        w.strings(terms)
        w.array(postingStart)
        w.array(postingUnit)
        w.array(postingWeight)
        w.array(unitIds)
        w.array(unitLength)
        w.array(unitDocument)
        w.array(unitTypes)
        w.array(unitPrior)
        w.strings(documentIds)
        w.array(documentPrior)
        w.array(translationStart)
        w.array(translations.map(\.term))
        w.array(translations.map(\.probability))
        w.array([calibration.high, calibration.medium, calibration.highPrecision, calibration.mediumPrecision, calibration.highShare])
        w.array([calibration.questions, pairsLearned])
        w.array(weights.values)
        w.array(pairTermStart)
        w.array(pairTerms)
        w.array(pairUnitStart)
        w.array(pairUnits)
        w.array(confidence?.coefficients ?? [])
        w.array(subjects)
        w.array(unitSubjectStart)
        w.array(unitSubjects)
        w.array(unitTopicStart)
        w.array(unitTopics)
        return w.data
    }

    /// Nil when the data is from another version or damaged (the engine then answers
    /// without the learned model and the next `gongshi index` rebuilds it).
    static func decode(_ data: Data) -> AnswerModel? {
        var r = Reader(data: data)
        guard r.u32() == version else { return nil }
        var m = AnswerModel()
        guard let terms = r.strings(), let ps = r.array(UInt32.self), let pu = r.array(UInt32.self), let pw = r.array(Float.self),
            let ui = r.array(Int64.self), let ul = r.array(Float.self), let ud = r.array(UInt32.self), let ut = r.array(UInt8.self),
            let up = r.array(Float.self), let di = r.strings(), let dp = r.array(Float.self), let ts = r.array(UInt32.self),
            let tt = r.array(Int32.self), let tp = r.array(Float.self), let cal = r.array(Float.self), let counts = r.array(Int32.self),
            let weights = r.array(Float.self), let pts = r.array(UInt32.self), let pt = r.array(Int32.self),
            let pus = r.array(UInt32.self), let pun = r.array(UInt32.self), let coefficients = r.array(Float.self),
            let subjects = r.array(Int32.self), let uss = r.array(UInt32.self), let us = r.array(Int32.self),
            let uts = r.array(UInt32.self), let ut_ = r.array(Int32.self),
            uts.count == ui.count + 1, Int(uts.last ?? 0) == ut_.count, zip(uts, uts.dropFirst()).allSatisfy({ $0 <= $1 }),
            ut_.allSatisfy({ $0 >= 0 && Int($0) < terms.count }),
            uss.count == ui.count + 1, Int(uss.last ?? 0) == us.count, zip(uss, uss.dropFirst()).allSatisfy({ $0 <= $1 }),
            (subjects + us).allSatisfy({ $0 >= 0 && Int($0) < terms.count }),
            coefficients.isEmpty || coefficients.count == AnswerModel.confidenceFeatureCount + 1,
            cal.count == 5, counts.count == 2, tt.count == tp.count, weights.count == Weights.names.count,
            !pts.isEmpty, pts.count == pus.count, Int(pts.last ?? 0) == pt.count, Int(pus.last ?? 0) == pun.count,
            pt.allSatisfy({ $0 >= 0 && Int($0) < terms.count }), pun.allSatisfy({ Int($0) < ui.count }),
            zip(pts, pts.dropFirst()).allSatisfy({ $0 <= $1 }), zip(pus, pus.dropFirst()).allSatisfy({ $0 <= $1 }),
            ps.count == terms.count + 1, ts.count == terms.count + 1, pu.count == pw.count, Int(ps.last ?? 0) == pu.count,
            Int(ts.last ?? 0) == tt.count, ul.count == ui.count, ud.count == ui.count, ut.count == ui.count, up.count == ui.count,
            dp.count == di.count, pu.allSatisfy({ Int($0) < ui.count }), ud.allSatisfy({ Int($0) < di.count }),
            tt.allSatisfy({ $0 >= 0 && Int($0) < terms.count })
        else { return nil }
        m.terms = terms
        m.postingStart = ps
        m.postingUnit = pu
        m.postingWeight = pw
        m.unitIds = ui
        m.unitLength = ul
        m.unitDocument = ud
        m.unitTypes = ut
        m.unitPrior = up
        m.documentIds = di
        m.documentPrior = dp
        m.translationStart = ts
        m.translations = zip(tt, tp).map { Translation(term: $0, probability: $1) }
        m.calibration = Calibration(
            high: cal[0], medium: cal[1], questions: counts[0], highPrecision: cal[2], mediumPrecision: cal[3], highShare: cal[4])
        m.pairsLearned = counts[1]
        m.weights.values = weights
        m.pairTermStart = pts
        m.pairTerms = pt
        m.pairUnitStart = pus
        m.pairUnits = pun
        m.confidence = coefficients.isEmpty ? nil : ConfidenceModel(coefficients: coefficients)
        m.subjects = subjects
        m.unitSubjectStart = uss
        m.unitSubjects = us
        m.unitTopicStart = uts
        m.unitTopics = ut_
        m.finish()
        return m
    }

    private struct Writer {
        var data = Data()
        mutating func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        mutating func array<T: FixedWidthInteger>(_ values: [T]) {
            u32(UInt32(values.count))
            for v in values { withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) } }
        }
        mutating func array(_ values: [Float]) { array(values.map(\.bitPattern)) }
        mutating func strings(_ values: [String]) {
            let joined = Array(values.joined(separator: "\n").utf8)
            u32(UInt32(values.count))
            array(joined)
        }
    }

    private struct Reader {
        let data: Data
        var offset = 0
        init(data: Data) { self.data = data }

        mutating func u32() -> UInt32? {
            guard offset + 4 <= data.count else { return nil }
            var v: UInt32 = 0
            for i in 0..<4 { v |= UInt32(data[data.startIndex + offset + i]) << (8 * i) }
            offset += 4
            return v
        }
        mutating func array<T: FixedWidthInteger>(_: T.Type) -> [T]? {
            guard let n = u32().map(Int.init) else { return nil }
            let size = MemoryLayout<T>.size
            guard n >= 0, offset + n * size <= data.count else { return nil }
            let start = data.startIndex + offset
            let values: [T] = data[start..<(start + n * size)].withUnsafeBytes { raw in
                (0..<n).map { T(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * size, as: T.self)) }
            }
            offset += n * size
            return values
        }
        mutating func array(_: Float.Type) -> [Float]? { array(UInt32.self)?.map(Float.init(bitPattern:)) }
        mutating func strings() -> [String]? {
            guard let n = u32(), let bytes = array(UInt8.self) else { return nil }
            if n == 0 { return [] }
            let values = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            return values.count == Int(n) ? values : nil
        }
    }
}
