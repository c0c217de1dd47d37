#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// RS256 signing through the system's OpenSSL 3 `libcrypto`, loaded at run time when it is there.
///
/// Why: the sandbox's token rate is bounded by RSA-2048 signing, one signature per token. On CPUs
/// with AVX-512 IFMA, OpenSSL 3 signs about 1.75 times as fast as the BoringSSL inside swift-crypto
/// (docs/PERFORMANCE.md), so the sandbox signs with OpenSSL when it can and with swift-crypto
/// otherwise. The library is opened with `dlopen`, not linked: building TokenScope needs no
/// OpenSSL headers, and a machine without `libcrypto.so.3` simply signs with swift-crypto.
/// RSASSA-PKCS1-v1_5 is deterministic, so both give byte-identical signatures (tested).
///
/// Only the functions below are used, all stable OpenSSL 3 API. An `EVP_PKEY_CTX` initialised for
/// signing (PKCS#1 padding, SHA-256) is reused across signatures, as `openssl speed` does, because
/// setting one up costs provider look-ups that would otherwise be paid per token.
final class SystemLibcrypto: @unchecked Sendable {
    // @unchecked: immutable after `init`; the values are C function pointers into a library that is
    // never closed.
    typealias D2IAutoPrivateKey = @convention(c) (UnsafeMutablePointer<OpaquePointer?>?, UnsafeMutablePointer<UnsafePointer<UInt8>?>?, Int) -> OpaquePointer?
    typealias PKeyFree = @convention(c) (OpaquePointer?) -> Void
    typealias PKeyCtxNew = @convention(c) (OpaquePointer?, OpaquePointer?) -> OpaquePointer?
    typealias PKeyCtxFree = @convention(c) (OpaquePointer?) -> Void
    typealias CtxInt = @convention(c) (OpaquePointer?) -> Int32
    typealias SetPadding = @convention(c) (OpaquePointer?, Int32) -> Int32
    typealias SetMD = @convention(c) (OpaquePointer?, OpaquePointer?) -> Int32
    typealias GetMD = @convention(c) () -> OpaquePointer?
    typealias Sign = @convention(c) (OpaquePointer?, UnsafeMutablePointer<UInt8>?, UnsafeMutablePointer<Int>?, UnsafePointer<UInt8>?, Int) -> Int32
    typealias Version = @convention(c) (Int32) -> UnsafePointer<CChar>?

    let d2iAutoPrivateKey: D2IAutoPrivateKey
    let pkeyFree: PKeyFree
    let pkeyCtxNew: PKeyCtxNew
    let pkeyCtxFree: PKeyCtxFree
    let signInit: CtxInt
    let setPadding: SetPadding
    let setSignatureMD: SetMD
    let sha256: GetMD
    let sign: Sign
    /// The library's own version line, e.g. "OpenSSL 3.0.19 27 Jan 2026".
    let version: String

    /// The library, or nil when `libcrypto.so.3` is missing, lacks a function, or the user chose
    /// swift-crypto with `TOKENSCOPE_SIGNER=swift-crypto`.
    static let shared: SystemLibcrypto? = {
        if let choice = getenv("TOKENSCOPE_SIGNER"), String(cString: choice) == "swift-crypto" { return nil }
        return SystemLibcrypto()
    }()

    private init?() {
        // Only OpenSSL 3 (soname 3): its padding and digest setters are functions, not macros.
        let names = ["libcrypto.so.3", "libcrypto.3.dylib"]
        guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else { return nil }
        func symbol<T>(_ name: String, as type: T.Type) -> T? {
            dlsym(handle, name).map { unsafeBitCast($0, to: type) }
        }
        guard let d2i = symbol("d2i_AutoPrivateKey", as: D2IAutoPrivateKey.self),
              let pkeyFree = symbol("EVP_PKEY_free", as: PKeyFree.self),
              let ctxNew = symbol("EVP_PKEY_CTX_new", as: PKeyCtxNew.self),
              let ctxFree = symbol("EVP_PKEY_CTX_free", as: PKeyCtxFree.self),
              let signInit = symbol("EVP_PKEY_sign_init", as: CtxInt.self),
              let setPadding = symbol("EVP_PKEY_CTX_set_rsa_padding", as: SetPadding.self),
              let setMD = symbol("EVP_PKEY_CTX_set_signature_md", as: SetMD.self),
              let sha256 = symbol("EVP_sha256", as: GetMD.self),
              let sign = symbol("EVP_PKEY_sign", as: Sign.self),
              let version = symbol("OpenSSL_version", as: Version.self) else {
            dlclose(handle)
            return nil
        }
        d2iAutoPrivateKey = d2i
        self.pkeyFree = pkeyFree
        pkeyCtxNew = ctxNew
        pkeyCtxFree = ctxFree
        self.signInit = signInit
        self.setPadding = setPadding
        setSignatureMD = setMD
        self.sha256 = sha256
        self.sign = sign
        self.version = version(0).map { String(cString: $0) } ?? "OpenSSL 3"
    }

    /// An RSA private key held by libcrypto, from its DER (PKCS#1 or PKCS#8); nil if libcrypto refuses it.
    func rsaKey(der: [UInt8]) -> SystemRSAKey? {
        SystemRSAKey(library: self, der: der)
    }
}

/// One RSA private key in libcrypto, signing SHA-256 digests with PKCS#1 v1.5 padding (RS256).
///
/// Each signing context gets its own copy of the key: an RSA key's blinding state is shared under
/// a lock by every thread that signs with it, which cost a third of two threads' rate when all
/// the contexts shared one key (measured: 1.44× one thread's rate on 2 threads, against 1.9× for
/// `openssl speed -multi 2`, whose processes each have their own key).
final class SystemRSAKey: @unchecked Sendable {
    // @unchecked: `der` is immutable; the idle contexts are guarded by the mutex, and a context (with
    // its key) is used by one signer at a time.
    private let library: SystemLibcrypto
    private let der: [UInt8]
    /// Signing contexts not in use, each with the key it signs with, as addresses (a pointer is not
    /// Sendable); a signer takes one (or makes one) and puts it back.
    private let idle = Mutex<[(context: UInt, key: UInt)]>([])
    private static let keptContexts = 16
    private static let pkcs1Padding: Int32 = 1  // RSA_PKCS1_PADDING

    /// nil when libcrypto cannot read `der`.
    fileprivate init?(library: SystemLibcrypto, der: [UInt8]) {
        self.library = library
        self.der = der
        // Make (and keep) the first context now, so a key libcrypto refuses is known at once.
        guard let first = newContext() else { return nil }
        release(first)
    }

    deinit {
        for entry in idle.withLock({ $0 }) {
            library.pkeyCtxFree(OpaquePointer(bitPattern: entry.context))
            library.pkeyFree(OpaquePointer(bitPattern: entry.key))
        }
    }

    /// The RS256 signature of a SHA-256 `digest` (32 bytes), or nil when libcrypto reports a failure.
    func signature(digest: UnsafeRawBufferPointer) -> [UInt8]? {
        let taken = idle.withLock { $0.popLast() }
        guard let entry = taken.flatMap({ entry -> (OpaquePointer, OpaquePointer)? in
            guard let context = OpaquePointer(bitPattern: entry.context), let key = OpaquePointer(bitPattern: entry.key) else { return nil }
            return (context, key)
        }) ?? newContext() else { return nil }
        var length = 0
        var signature: [UInt8]? = nil
        let digestBytes = digest.bindMemory(to: UInt8.self)
        if library.sign(entry.0, nil, &length, digestBytes.baseAddress, digestBytes.count) == 1, length > 0, length <= 1024 {
            var bytes = [UInt8](repeating: 0, count: length)
            if library.sign(entry.0, &bytes, &length, digestBytes.baseAddress, digestBytes.count) == 1 {
                signature = Array(bytes.prefix(length))
            }
        }
        if signature == nil {
            // A context that failed once is not trusted again.
            free(entry)
            return nil
        }
        release(entry)
        return signature
    }

    private func release(_ entry: (OpaquePointer, OpaquePointer)) {
        let kept = idle.withLock { list -> Bool in
            guard list.count < Self.keptContexts else { return false }
            list.append((UInt(bitPattern: Int(bitPattern: entry.0)), UInt(bitPattern: Int(bitPattern: entry.1))))
            return true
        }
        if !kept { free(entry) }
    }

    private func free(_ entry: (OpaquePointer, OpaquePointer)) {
        library.pkeyCtxFree(entry.0)
        library.pkeyFree(entry.1)
    }

    /// A fresh key copy and a context initialised for RS256 with it.
    private func newContext() -> (OpaquePointer, OpaquePointer)? {
        let pkey: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return library.d2iAutoPrivateKey(nil, &cursor, buffer.count)
        }
        guard let pkey else { return nil }
        guard let context = library.pkeyCtxNew(pkey, nil) else {
            library.pkeyFree(pkey)
            return nil
        }
        guard library.signInit(context) == 1, library.setPadding(context, Self.pkcs1Padding) == 1,
              library.setSignatureMD(context, library.sha256()) == 1 else {
            free((context, pkey))
            return nil
        }
        return (context, pkey)
    }
}
