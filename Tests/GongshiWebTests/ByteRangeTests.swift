import Testing

@testable import GongshiWeb

@Suite struct ByteRangeTests {
    @Test(arguments: [
        ("bytes=0-99", ByteRange.Outcome.partial(ByteRange(first: 0, last: 99))),
        ("bytes=900-", .partial(ByteRange(first: 900, last: 999))),
        ("bytes=-100", .partial(ByteRange(first: 900, last: 999))),
        ("bytes=-5000", .partial(ByteRange(first: 0, last: 999))),
        ("bytes=990-5000", .partial(ByteRange(first: 990, last: 999))),
        ("bytes=1000-", .unsatisfiable),
        ("bytes=-0", .unsatisfiable),
        ("bytes=0-1,5-6", .whole),  // several ranges: the whole file
        ("bytes=9-3", .whole),
        ("items=0-1", .whole),
        ("bytes=abc-", .whole),
        ("bytes=99999999999999999999-", .whole),
    ])
    func parses(_ header: String, _ expected: ByteRange.Outcome) {
        #expect(ByteRange.parse(header, size: 1000) == expected)
    }

    @Test func noHeaderMeansTheWholeFile() {
        #expect(ByteRange.parse(nil, size: 10) == .whole)
    }
}
