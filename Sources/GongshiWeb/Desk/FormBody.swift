import Foundation

/// An `application/x-www-form-urlencoded` body (the server bounds it to 64 KB). Keys may
/// repeat; `value` gives the first.
struct FormBody {
    private(set) var pairs: [(String, String)] = []

    init(_ body: [UInt8]) {
        let text = String(decoding: body, as: UTF8.self)
        for part in text.split(separator: "&", omittingEmptySubsequences: true).prefix(200) {
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            pairs.append((decode(kv[0]), kv.count > 1 ? decode(kv[1]) : ""))
        }
    }

    func value(_ key: String) -> String? { pairs.first { $0.0 == key }?.1 }
    subscript(_ key: String) -> String { value(key) ?? "" }
    func values(_ key: String) -> [String] { pairs.filter { $0.0 == key }.map(\.1) }
}
