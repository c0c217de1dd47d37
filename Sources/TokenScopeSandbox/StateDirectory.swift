public import Foundation
public import TokenScopeCore

/// The sandbox's state dir: signing keys (`keys/`), demo client certificates (`credentials/`), the
/// local CA and server certificate (`tls/`) and, while a sandbox serves, `server.json`. Folders
/// are 0700 and secrets 0600 because the demo keys sign tokens the sandbox accepts.
public struct StateDirectory: Sendable {
    public let url: URL

    /// Creates the folder (and missing parents) with mode 0700. An existing folder is made 0700
    /// only if it is empty or already a state dir: `--state-dir /tmp` or `--state-dir ~` must not
    /// lock everyone else (or the user's other files) out.
    public init(_ url: URL) throws {
        self.url = url.standardizedFileURL
        let path = self.url.path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw StateDirectoryError(message: "\(path) is a file, not a folder") }
            let entries = try FileManager.default.contentsOfDirectory(atPath: path)
            let known: Set<String> = ["keys", "credentials", "tls", "server.json"]
            guard entries.isEmpty || entries.contains(where: known.contains) else {
                throw StateDirectoryError(message: "\(path) holds other files and is not a sandbox state dir; use a new or empty folder (it is made private, mode 0700)")
            }
        }
        try StateFiles.makePrivateDirectory(self.url)
    }

    /// `$XDG_STATE_HOME/tokenscope/sandbox`, else `$HOME/.local/state/tokenscope/sandbox` (the XDG
    /// base-directory default), so keys survive restarts without the user choosing a place.
    public static func defaultURL(environment: [String: String]) -> URL {
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") {
            return URL(fileURLWithPath: xdg).appendingPathComponent("tokenscope/sandbox")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/tokenscope/sandbox")
    }

    public var serverFile: URL { url.appendingPathComponent("server.json") }
    public var credentialsFolder: URL { url.appendingPathComponent("credentials") }
    public var tlsFolder: URL { url.appendingPathComponent("tls") }

    /// The running sandbox recorded here, or nil when none is (a record whose process is gone is
    /// stale: a crash or `kill -9` leaves one behind, and it must not make `info` or `mint` lie).
    public func runningServer() -> ServerRecord? {
        guard let data = FileManager.default.contents(atPath: serverFile.path),
              let record = ServerRecord(json: String(decoding: data, as: UTF8.self)),
              ServerRecord.isAlive(pid: record.pid) else { return nil }
        return record
    }

    public func writeServerRecord(_ record: ServerRecord) throws {
        try StateFiles.writePrivate(JSONWriter.write(record.json) + "\n", to: serverFile)
    }

    /// Removes `server.json` if it still describes the process `pid` (another sandbox may have
    /// taken the state dir over since).
    public func removeServerRecord(pid: Int32) {
        guard let data = FileManager.default.contents(atPath: serverFile.path),
              let record = ServerRecord(json: String(decoding: data, as: UTF8.self)), record.pid == pid else { return }
        try? FileManager.default.removeItem(at: serverFile)
    }
}

public struct StateDirectoryError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// `server.json`: where a running sandbox listens, so `info`, `mint` and `rotate-keys` find it.
public struct ServerRecord: Sendable, Equatable {
    public var url: String
    public var pid: Int32
    /// The directory file it serves (nil: the built-in demo).
    public var directoryFile: String?
    /// The CA clients must trust when it serves HTTPS.
    public var caFile: String?

    public init(url: String, pid: Int32, directoryFile: String? = nil, caFile: String? = nil) {
        self.url = url
        self.pid = pid
        self.directoryFile = directoryFile
        self.caFile = caFile
    }

    public init?(json text: String) {
        guard let value = try? JSONParser.parse(text), let url = value["url"]?.stringValue,
              // `Int32(exactly:)`: a hand-edited huge or fractional pid is no record, not a trap.
              let pid = value["pid"]?.doubleValue.flatMap({ Int32(exactly: $0) }), pid > 0 else { return nil }
        self.init(url: url, pid: pid, directoryFile: value["directory"]?.stringValue, caFile: value["caFile"]?.stringValue)
    }

    public var json: JSONValue {
        .object([
            ("url", .string(url)), ("pid", .number(String(pid))),
            ("directory", directoryFile.map(JSONValue.string) ?? .null),
            ("caFile", caFile.map(JSONValue.string) ?? .null),
        ])
    }

    /// `kill(pid, 0)` probes without signalling; EPERM still means the process exists.
    public static func isAlive(pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
