import Foundation
import GongshiStore

/// Parsing of the value kinds corpus rows hold, each failing with a reason in Chinese.
enum FieldValue {
    /// Accepts 2016-09-21, 2016/9/21, 2016.09.21 and 2016年9月21日; returns YYYY-MM-DD.
    /// (Scalars, not Characters: this runs for several cells of every row, and grapheme
    /// breaking cost more than the rest of the parsing.)
    static func date(_ text: String) -> String? {
        var digits: [Int] = []
        var current = 0
        var hasDigits = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9":
                let (times10, overflow1) = current.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(Int(scalar.value - 48))
                guard !overflow1, !overflow2 else { return nil }
                current = sum
                hasDigits = true
            case "-", "/", ".", "年", "月", "日":
                guard hasDigits, digits.count < 3 else { return nil }
                digits.append(current)
                current = 0
                hasDigits = false
            case " ":
                continue
            default:
                return nil
            }
        }
        if hasDigits { digits.append(current) }
        guard digits.count == 3 else { return nil }
        let (y, m, d) = (digits[0], digits[1], digits[2])
        guard CalendarDate.isValid(year: y, month: m, day: d) else { return nil }
        return CalendarDate.iso(y, m, d)
    }

    static func number(_ text: String) -> Double? {
        var cleaned = text.filter { $0 != "," }
        if cleaned.hasSuffix("万元") { cleaned.removeLast(2) } else if cleaned.hasSuffix("万") { cleaned.removeLast() }
        guard let value = Double(cleaned), value.isFinite, value >= 0 else { return nil }
        return value
    }

    static func integer(_ text: String) -> Int? {
        guard let value = Int(RecordRow.trim(text)), value >= 0 else { return nil }
        return value
    }

    /// Splits a multi-valued cell on ; or ；.
    static func list(_ text: String) -> [String] {
        text.unicodeScalars.split(whereSeparator: { $0 == ";" || $0 == "；" })
            .map { RecordRow.trim(String(String.UnicodeScalarView($0))) }
            .filter { !$0.isEmpty }
    }
}

/// Reads fields of one row, collecting the first problem; the caller rejects the row.
struct FieldReader {
    let row: RecordRow
    let file: String
    let names: [String: String]  // key -> Chinese name, for messages

    func field(_ key: String) -> String { names[key].map { "\($0)(\(key))" } ?? key }

    func problem(_ key: String, _ why: String) -> RowProblem {
        RowProblem(file: file, line: row.line, field: field(key), why: why)
    }

    func required(_ key: String) throws(RowProblem) -> String {
        guard let value = row[key] else { throw problem(key, "缺少必填字段") }
        return value
    }

    func optional(_ key: String) -> String? { row[key] }

    func oneOf(_ key: String, _ allowed: [String], required isRequired: Bool = true) throws(RowProblem) -> String? {
        guard let value = row[key] else {
            if isRequired { throw problem(key, "缺少必填字段") }
            return nil
        }
        guard allowed.contains(value) else {
            throw problem(key, "“\(value)”不是允许的取值（\(allowed.joined(separator: "、"))）")
        }
        return value
    }

    func date(_ key: String, required isRequired: Bool = false) throws(RowProblem) -> String? {
        guard let value = row[key] else {
            if isRequired { throw problem(key, "缺少必填字段") }
            return nil
        }
        guard let date = FieldValue.date(value) else { throw problem(key, "“\(value)”不是有效日期（应为 YYYY-MM-DD）") }
        return date
    }

    func number(_ key: String) throws(RowProblem) -> Double? {
        guard let value = row[key] else { return nil }
        guard let number = FieldValue.number(value) else { throw problem(key, "“\(value)”不是有效数字") }
        return number
    }

    func integer(_ key: String) throws(RowProblem) -> Int? {
        guard let value = row[key] else { return nil }
        guard let number = FieldValue.integer(value) else { throw problem(key, "“\(value)”不是有效整数") }
        return number
    }

    func code(_ key: String) throws(RowProblem) -> String {
        let value = try required(key)
        do {
            return try CreditCodeValidation.validate(value)
        } catch {
            throw problem(key, "统一社会信用代码“\(value)”无效：\(error.message)")
        }
    }
}
