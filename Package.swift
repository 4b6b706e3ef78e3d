// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Gongshi",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gongshi", targets: ["gongshi"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
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
        .target(
            name: "GongshiStore",
            dependencies: ["CChineseTokenizer", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "GongshiIndex",
            dependencies: ["GongshiStore", "CChineseTokenizer", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "GongshiSearch",
            dependencies: ["GongshiStore", "CChineseTokenizer"]
        ),
        .executableTarget(
            name: "gongshi",
            dependencies: [
                "GongshiIndex", "GongshiSearch",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ChineseTokenizerTests", dependencies: ["CChineseTokenizer", "GongshiStore"]),
        .testTarget(name: "GongshiIndexTests", dependencies: ["GongshiIndex", "GongshiSearch"], exclude: ["Fixtures"]),
        .testTarget(name: "GongshiSearchTests", dependencies: ["GongshiIndex", "GongshiSearch"],
                    exclude: ["Fixtures"]),
    ]
)
