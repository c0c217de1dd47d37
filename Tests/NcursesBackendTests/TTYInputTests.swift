import Glibc
@testable import NcursesBackend
import Testing

@Suite("TTYInput")
struct TTYInputTests {
    @Test("reads everything available without blocking, across several writes")
    func readsAll() throws {
        var fds: [Int32] = [-1, -1]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 30_000)
        _ = write(fds[1], chunk, chunk.count)
        _ = write(fds[1], [UInt8(ascii: "y")], 1)
        var input = TTYInput(fd: fds[0])
        let (bytes, ended) = input.readAvailable()
        #expect(bytes.count == 30_001)
        #expect(bytes.last == UInt8(ascii: "y"))
        #expect(!ended)
    }

    @Test("EOF is reported as end of input")
    func endOfInput() throws {
        var fds: [Int32] = [-1, -1]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        _ = write(fds[1], [0x61], 1)
        close(fds[1])
        var input = TTYInput(fd: fds[0])
        let (bytes, ended) = input.readAvailable()
        #expect(bytes == [0x61])
        #expect(ended)
    }

    @Test("a batch is bounded so a flood cannot starve the loop")
    func bounded() throws {
        var fds: [Int32] = [-1, -1]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        let chunk = [UInt8](repeating: 0x61, count: 50_000)
        _ = write(fds[1], chunk, chunk.count)
        var input = TTYInput(fd: fds[0], chunkSize: 4096)
        input.maxBatch = 10_000
        var batches: [Int] = []
        // Like the loop: read only when poll says there is something.
        while isReadable(fds[0]) { batches.append(input.readAvailable().bytes.count) }
        #expect(batches.reduce(0, +) == 50_000)
        #expect(batches.count == 5)
        #expect(batches.dropLast().allSatisfy { $0 == 12_288 }) // three 4 KiB reads pass 10,000
    }
}
