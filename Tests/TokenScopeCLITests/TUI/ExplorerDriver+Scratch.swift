import Foundation
import Glibc

extension ExplorerDriver {
    /// A fresh directory under a short temporary base.
    static func scratchDirectory(_ prefix: String) throws -> String {
        var template = Array("\(Spawn.shortTemporaryBase())/\(prefix)-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw TmuxSession.Failure(description: "mkdtemp: \(String(cString: strerror(errno)))")
        }
        return String(cString: made)
    }
}
