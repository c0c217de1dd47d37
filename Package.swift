// swift-tools-version: 6.1
import PackageDescription

/// Language settings shared by every target (see docs/ARCHITECTURE.md, "Conventions").
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "TokenScope",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tokenscope", targets: ["tokenscope"]),
        .library(name: "TokenScopeCore", targets: ["TokenScopeCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // The sandbox authority's HTTP server. No default traits: they only pull in
        // swift-configuration, and form bodies are parsed by the sandbox itself.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Already in the graph through AsyncHTTPClient and HummingbirdTLS; named so the HTTP
        // transport can trust an extra CA and the sandbox can build its TLS configuration.
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        // The shared core: pure logic, no terminal I/O, no sockets (HTTP goes through a port).
        .target(
            name: "TokenScopeCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            // The knowledge files are compiled in through Diagnosis/EmbeddedKnowledge.swift
            // (scripts/embed-knowledge): `.embedInCode` emits a [UInt8] literal that takes minutes to
            // compile at this size, and `.copy`/`.process` would need Foundation's Bundle at run time.
            exclude: ["Diagnosis/Knowledge"],
            swiftSettings: strictSettings
        ),
        // The live HTTP transport (AsyncHTTPClient) behind the core's HTTPTransport port.
        .target(
            name: "TokenScopeHTTP",
            dependencies: [
                "TokenScopeCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // The one-shot loopback listener that receives the auth-code redirect.
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSettings
        ),
        // The sandbox authority: a local, Entra-compatible identity provider.
        .target(
            name: "TokenScopeSandbox",
            dependencies: [
                "TokenScopeCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                // HTTPServerBuilder (plain or TLS server) lives in HummingbirdCore.
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSettings
        ),
        // Credential material from files and configuration: certificates and keys (PEM, PKCS#12),
        // secret sources, named profiles. Separate from the core so the core stays free of NIOSSL
        // and file I/O.
        .target(
            name: "TokenScopeCredentials",
            dependencies: [
                "TokenScopeCore",
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        // The terminal UI toolkit: canvas of styled cells, text width, widgets, themes, and the pure
        // input decoder. No curses and no terminal I/O, so everything in it is unit-tested.
        .target(
            name: "TerminalUI",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        // ncursesw as a system library (module map + shim header; see the header for why).
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw", providers: [.apt(["libncurses-dev"])]),
        // The only module that talks to the terminal: session, blitting, raw input, signals, run loop.
        .target(
            name: "NcursesBackend",
            dependencies: ["TerminalUI", "CNcursesw"],
            swiftSettings: strictSettings
        ),
        // The explorer (the TUI app) as pure state, messages, effects, update and render.
        .target(
            name: "Explorer",
            dependencies: ["TokenScopeCore", "TerminalUI"],
            swiftSettings: strictSettings
        ),
        // Composition root: command-line parsing and wiring.
        .executableTarget(
            name: "tokenscope",
            dependencies: [
                "TokenScopeCore",
                "TerminalUI",
                "NcursesBackend",
                "Explorer",
                "TokenScopeHTTP",
                "TokenScopeSandbox",
                "TokenScopeCredentials",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // Helpers shared by the test targets and benchmarks: signed test tokens, a loopback HTTP server.
        .target(
            name: "TokenScopeTestSupport",
            dependencies: [
                "TokenScopeCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "DecodeBenchmark",
            dependencies: ["TokenScopeCore", "TokenScopeTestSupport"],
            path: "Benchmarks/DecodeBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "SandboxBenchmark",
            dependencies: [
                "TokenScopeSandbox",
                "TokenScopeCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // AsyncHTTPClient's API types (ByteBuffer, TimeAmount, HTTPMethod): MemberImportVisibility
                // needs these modules imported, so they are declared rather than reached transitively.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Benchmarks/SandboxBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "ExchangeBenchmark",
            dependencies: [
                "TokenScopeCore",
                // The demo directory, its certificate and the token endpoint logic (in process).
                "TokenScopeSandbox",
                // The demo key into `_RSA.Signing.PrivateKey`, and the sign-alone row.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            path: "Benchmarks/ExchangeBenchmark",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TokenScopeCoreTests",
            dependencies: ["TokenScopeCore", "TokenScopeHTTP", "TokenScopeTestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TokenScopeSandboxTests",
            dependencies: [
                "TokenScopeSandbox", "TokenScopeCore", "TokenScopeHTTP", "TokenScopeTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TokenScopeExchangeTests",
            dependencies: [
                "TokenScopeCore", "TokenScopeHTTP", "TokenScopeCredentials", "TokenScopeSandbox", "TokenScopeTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TerminalUITests",
            dependencies: ["TerminalUI"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "NcursesBackendTests",
            dependencies: ["NcursesBackend", "TerminalUI", "CNcursesw"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ExplorerTests",
            dependencies: ["Explorer", "TerminalUI", "TokenScopeCore", "TokenScopeTestSupport"],
            exclude: ["Snapshots"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TokenScopeCLITests",
            // Depending on the executable makes `swift test` build the binary these tests run.
            dependencies: ["tokenscope", "Explorer", "TerminalUI", "TokenScopeCore", "TokenScopeHTTP", "TokenScopeSandbox", "TokenScopeTestSupport"],
            exclude: ["Golden", "TUI/README.md"],
            swiftSettings: strictSettings
        ),
    ]
)
