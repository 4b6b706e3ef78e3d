import Foundation

@testable import GongshiWeb

/// The names a page model gives its template, found by encoding sample models with an
/// encoder that records every key, also those of nil optionals (which JSON leaves out):
/// one tree per template, merged over all its samples; array elements are merged into one
/// node. Keys are converted as `TemplateData` converts them for the templates.
final class SchemaNode {
    var keys: [String: SchemaNode] = [:]
    var element: SchemaNode?
    var isList = false
    /// False for a key only ever seen as nil (nothing known about what it holds).
    var sawValue = false

    func merge(_ other: SchemaNode) {
        sawValue = sawValue || other.sawValue
        isList = isList || other.isList
        for (key, node) in other.keys {
            if let mine = keys[key] { mine.merge(node) } else { keys[key] = node }
        }
        if let e = other.element {
            if let mine = element { mine.merge(e) } else { element = e }
        }
    }
}

struct SchemaEncoder: Encoder {
    let node: SchemaNode
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    static func schema(of value: some Encodable) throws -> SchemaNode {
        let root = SchemaNode()
        try value.encode(to: SchemaEncoder(node: root))
        return root
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.sawValue = true
        return KeyedEncodingContainer(Keyed<Key>(node: node))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.sawValue = true
        node.isList = true
        return Unkeyed(node: node)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(node: node) }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: SchemaNode
        var codingPath: [any CodingKey] = []

        func child(_ key: Key) -> SchemaNode {
            let name = TemplateData.snakeCase(key.stringValue)
            if let existing = node.keys[name] { return existing }
            let created = SchemaNode()
            node.keys[name] = created
            return created
        }

        mutating func encodeNil(forKey key: Key) throws { _ = child(key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { child(key).sawValue = true }
        mutating func encode(_ value: String, forKey key: Key) throws { child(key).sawValue = true }
        mutating func encode(_ value: Double, forKey key: Key) throws { child(key).sawValue = true }
        mutating func encode(_ value: Float, forKey key: Key) throws { child(key).sawValue = true }
        mutating func encode(_ value: Int, forKey key: Key) throws { child(key).sawValue = true }
        mutating func encode(_ value: Int8, forKey key: Key) throws { child(key).sawValue = true }
        mutating func encode(_ value: Int16, forKey key: Key) throws { child(key).sawValue = true }
        mutating func encode(_ value: Int32, forKey key: Key) throws { child(key).sawValue = true }
        mutating func encode(_ value: Int64, forKey key: Key) throws { child(key).sawValue = true }
        mutating func encode(_ value: UInt, forKey key: Key) throws { child(key).sawValue = true }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { child(key).sawValue = true }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { child(key).sawValue = true }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { child(key).sawValue = true }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { child(key).sawValue = true }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            let c = child(key)
            c.sawValue = true
            try value.encode(to: SchemaEncoder(node: c))
        }
        mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
            let c = child(key)
            if value != nil { c.sawValue = true }
        }
        mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
            let c = child(key)
            if value != nil { c.sawValue = true }
        }
        mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
            let c = child(key)
            if value != nil { c.sawValue = true }
        }
        mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws {
            let c = child(key)
            if value != nil { c.sawValue = true }
        }
        mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
            let c = child(key)
            if value != nil { c.sawValue = true }
        }
        mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws {
            let c = child(key)
            if value != nil { c.sawValue = true }
        }
        mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws {
            let c = child(key)
            if value != nil { c.sawValue = true }
        }
        mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws {
            let c = child(key)
            if value != nil { c.sawValue = true }
        }
        mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws {
            let c = child(key)
            if value != nil { c.sawValue = true }
        }
        mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws {
            let c = child(key)
            if value != nil { c.sawValue = true }
        }
        mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws {
            let c = child(key)
            if value != nil { c.sawValue = true }
        }
        mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws {
            let c = child(key)
            if value != nil { c.sawValue = true }
        }
        mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws {
            let c = child(key)
            if value != nil { c.sawValue = true }
        }
        mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws {
            let c = child(key)
            if value != nil { c.sawValue = true }
        }
        mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
            let c = child(key)
            if let value {
                c.sawValue = true
                try value.encode(to: SchemaEncoder(node: c))
            }
        }
        mutating func nestedContainer<N: CodingKey>(keyedBy keyType: N.Type, forKey key: Key) -> KeyedEncodingContainer<N> {
            let c = child(key)
            c.sawValue = true
            return KeyedEncodingContainer(Keyed<N>(node: c))
        }
        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let c = child(key)
            c.sawValue = true
            c.isList = true
            return Unkeyed(node: c)
        }
        mutating func superEncoder() -> any Encoder { SchemaEncoder(node: node) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { SchemaEncoder(node: child(key)) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let node: SchemaNode
        var codingPath: [any CodingKey] = []
        var count = 0

        mutating func element() -> SchemaNode {
            count += 1
            if let e = node.element { return e }
            let created = SchemaNode()
            node.element = created
            return created
        }

        mutating func encodeNil() throws { _ = element() }
        mutating func encode(_ value: Bool) throws { element().sawValue = true }
        mutating func encode(_ value: String) throws { element().sawValue = true }
        mutating func encode(_ value: Double) throws { element().sawValue = true }
        mutating func encode(_ value: Float) throws { element().sawValue = true }
        mutating func encode(_ value: Int) throws { element().sawValue = true }
        mutating func encode(_ value: Int8) throws { element().sawValue = true }
        mutating func encode(_ value: Int16) throws { element().sawValue = true }
        mutating func encode(_ value: Int32) throws { element().sawValue = true }
        mutating func encode(_ value: Int64) throws { element().sawValue = true }
        mutating func encode(_ value: UInt) throws { element().sawValue = true }
        mutating func encode(_ value: UInt8) throws { element().sawValue = true }
        mutating func encode(_ value: UInt16) throws { element().sawValue = true }
        mutating func encode(_ value: UInt32) throws { element().sawValue = true }
        mutating func encode(_ value: UInt64) throws { element().sawValue = true }
        mutating func encode<T: Encodable>(_ value: T) throws {
            let e = element()
            e.sawValue = true
            try value.encode(to: SchemaEncoder(node: e))
        }
        mutating func nestedContainer<N: CodingKey>(keyedBy keyType: N.Type) -> KeyedEncodingContainer<N> {
            let e = element()
            e.sawValue = true
            return KeyedEncodingContainer(Keyed<N>(node: e))
        }
        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let e = element()
            e.sawValue = true
            e.isList = true
            return Unkeyed(node: e)
        }
        mutating func superEncoder() -> any Encoder { SchemaEncoder(node: element()) }
    }

    struct Single: SingleValueEncodingContainer {
        let node: SchemaNode
        var codingPath: [any CodingKey] = []

        mutating func encodeNil() throws {}
        mutating func encode(_ value: Bool) throws { node.sawValue = true }
        mutating func encode(_ value: String) throws { node.sawValue = true }
        mutating func encode(_ value: Double) throws { node.sawValue = true }
        mutating func encode(_ value: Float) throws { node.sawValue = true }
        mutating func encode(_ value: Int) throws { node.sawValue = true }
        mutating func encode(_ value: Int8) throws { node.sawValue = true }
        mutating func encode(_ value: Int16) throws { node.sawValue = true }
        mutating func encode(_ value: Int32) throws { node.sawValue = true }
        mutating func encode(_ value: Int64) throws { node.sawValue = true }
        mutating func encode(_ value: UInt) throws { node.sawValue = true }
        mutating func encode(_ value: UInt8) throws { node.sawValue = true }
        mutating func encode(_ value: UInt16) throws { node.sawValue = true }
        mutating func encode(_ value: UInt32) throws { node.sawValue = true }
        mutating func encode(_ value: UInt64) throws { node.sawValue = true }
        mutating func encode<T: Encodable>(_ value: T) throws {
            node.sawValue = true
            try value.encode(to: SchemaEncoder(node: node))
        }
    }
}
