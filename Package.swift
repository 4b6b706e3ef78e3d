// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Gongshi",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gongshi", targets: ["gongshi"]),
        .executable(name: "gongshi-faults", targets: ["gongshi-faults"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        // Snapshot hashes (SHA-256), and /metrics in Prometheus format.
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        .package(url: "https://github.com/apple/swift-metrics", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
    ],
    targets: [
        // ICU + the FTS5 tokenizer. The public header exposes no ICU or SQLite types:
        // ICU's names are version-renamed macros Swift cannot call, and ICU headers
        // clash with Foundation when imported into one Swift module.
        .target(
            name: "CChineseTokenizer",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [
                .linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata"),
                .linkedLibrary("sqlite3"),
            ]
        ),
        // libmicrohttpd behind a header without its types (MHD_start_daemon is variadic),
        // and gzip through zlib (deflateInit2 is a macro).
        .target(
            name: "CHTTPServer",
            linkerSettings: [.linkedLibrary("microhttpd"), .linkedLibrary("z")]
        ),
        .target(
            name: "GongshiStore",
            dependencies: [
                "CChineseTokenizer", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "GongshiIndex",
            dependencies: ["GongshiStore", "CChineseTokenizer", .product(name: "Yams", package: "Yams")]
        ),
        // Fictional but consistent organizations, credit records and notices for demos and benchmarks.
        .target(name: "GongshiSampleData", dependencies: ["GongshiStore"]),
        .target(name: "GongshiSearch", dependencies: ["GongshiStore", "CChineseTokenizer", .product(name: "GRDBSQLite", package: "GRDB.swift")]),
        .target(name: "GongshiAnswers", dependencies: ["GongshiStore", "CChineseTokenizer"]),
        .target(name: "GongshiDisclosure", dependencies: ["GongshiStore"]),
        // yescrypt password hashes through libxcrypt (Debian's libcrypt-dev).
        .target(name: "CPasswordHash", linkerSettings: [.linkedLibrary("crypt")]),
        // The consultation desk: accounts, sessions, consultations, cited replies, FAQ, audit
        // trail, in a writable SQLite database of its own (the index stays read-only).
        .target(
            name: "GongshiDesk",
            dependencies: [
                "GongshiStore", "CPasswordHash", "CChineseTokenizer",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        // Yardsticks the benchmarks compare against (not part of serving or indexing).
        .target(name: "GongshiBenchmarks", dependencies: ["GongshiStore"]),
        .target(
            name: "GongshiWeb",
            dependencies: [
                "GongshiSearch", "GongshiAnswers", "GongshiDisclosure", "GongshiDesk", "GongshiStore", "CHTTPServer",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            resources: [.copy("Templates"), .copy("Resources")]
        ),
        .executableTarget(
            name: "gongshi",
            dependencies: [
                "GongshiIndex", "GongshiSampleData", "GongshiSearch", "GongshiAnswers", "GongshiDisclosure",
                "GongshiBenchmarks", "GongshiDesk", "GongshiWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The fault suite (`make faults`): drives the real `gongshi` binary over loopback.
        .executableTarget(
            name: "gongshi-faults",
            dependencies: ["GongshiWeb", "GongshiStore", .product(name: "GRDB", package: "GRDB.swift")],
            // Test-harness threads share plain state under locks of their own.
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // Test helpers shared by every test target: the scratch directory removed at exit, the project's
        // paths, and the fixture corpus (a copy of the bundled one, so corpus edits do not break tests).
        .target(name: "GongshiTestSupport", dependencies: ["GongshiIndex", "GongshiStore"], path: "Tests/Support"),
        .testTarget(name: "ChineseTokenizerTests", dependencies: ["CChineseTokenizer", "GongshiStore", "GongshiTestSupport"]),
        .testTarget(
            name: "GongshiIndexTests", dependencies: ["GongshiIndex", "GongshiSearch", "GongshiTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "GongshiSampleDataTests", dependencies: ["GongshiSampleData", "GongshiIndex", "GongshiTestSupport"]),
        .testTarget(
            name: "GongshiSearchTests", dependencies: ["GongshiIndex", "GongshiSearch", "GongshiTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(
            name: "GongshiAnswersTests", dependencies: ["GongshiIndex", "GongshiAnswers", "GongshiTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "GongshiDisclosureTests", dependencies: ["GongshiIndex", "GongshiDisclosure", "GongshiTestSupport"]),
        .testTarget(name: "GongshiBenchmarksTests", dependencies: ["GongshiBenchmarks", "GongshiIndex", "GongshiTestSupport"]),
        .testTarget(
            name: "GongshiDeskTests",
            dependencies: [
                "GongshiDesk", "GongshiTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "GongshiWebTests",
            dependencies: [
                "GongshiWeb", "GongshiDesk", "GongshiIndex", "GongshiTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ]),
    ]
)
