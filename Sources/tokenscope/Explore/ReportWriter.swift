import Explorer
import Foundation

/// Writes an incident report's two files, owner-only (0600): they hold tenant and user IDs.
/// Into `directory` (the working directory by default); an existing name gets a numeric suffix.
struct ReportWriter: Sendable {
    let directory: String

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func write(_ export: IncidentExport) throws -> [String] {
        var base = (directory as NSString).appendingPathComponent(export.baseName)
        var suffix = 2
        while FileManager.default.fileExists(atPath: base + ".md") || FileManager.default.fileExists(atPath: base + ".json") {
            base = (directory as NSString).appendingPathComponent("\(export.baseName)-\(suffix)")
            suffix += 1
        }
        let paths = [base + ".md", base + ".json"]
        for (path, text) in zip(paths, [export.markdown, export.json]) {
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw Failure(description: "cannot write \(path) (is \(directory) writable? start tokenscope from a writable directory)")
            }
        }
        return paths
    }
}
