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
/// - the confidence thresholds calibrated on pairs held aside from learning.
struct AnswerModel: Sendable {
    static let version: UInt32 = 3
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

    // Derived on load.
    var termIndex: [String: Int32] = [:]
    var unitIndex: [Int64: Int32] = [:]
    var averageLength: Float = 1

    var unitCount: Int { unitIds.count }

    func postings(_ term: Int32) -> Range<Int> { Int(postingStart[Int(term)])..<Int(postingStart[Int(term) + 1]) }
    func documentFrequency(_ term: Int32) -> Int { postings(term).count }
    func translations(of term: Int32) -> ArraySlice<Translation> {
        translations[Int(translationStart[Int(term)])..<Int(translationStart[Int(term) + 1])]
    }

    mutating func finish() {
        termIndex = Dictionary(terms.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        unitIndex = Dictionary(unitIds.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
        averageLength = unitLength.isEmpty ? 1 : max(unitLength.reduce(0, +) / Float(unitLength.count), 1)
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
        w.array([calibration.high, calibration.medium, calibration.highPrecision, calibration.mediumPrecision])
        w.array([calibration.questions, pairsLearned])
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
            cal.count == 4, counts.count == 2, tt.count == tp.count,
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
        m.calibration = Calibration(high: cal[0], medium: cal[1], questions: counts[0], highPrecision: cal[2], mediumPrecision: cal[3])
        m.pairsLearned = counts[1]
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
