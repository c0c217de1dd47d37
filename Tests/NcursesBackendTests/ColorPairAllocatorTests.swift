@testable import NcursesBackend
import Testing

@Suite("ColorPairAllocator")
struct ColorPairAllocatorTests {
    /// Records what would be passed to init_pair.
    final class Definitions {
        var calls: [(Int16, Int16, Int16)] = []
        var succeeds = true
        func define(_ pair: Int16, _ fg: Int16, _ bg: Int16) -> Bool {
            calls.append((pair, fg, bg))
            return succeeds
        }
    }

    @Test("one pair per combination, defined once, numbered from 1")
    func reuse() {
        var allocator = ColorPairAllocator(colorPairs: 256)
        let defs = Definitions()
        let a = allocator.pair(foreground: 1, background: -1, define: defs.define)
        let b = allocator.pair(foreground: 2, background: 4, define: defs.define)
        let again = allocator.pair(foreground: 1, background: -1, define: defs.define)
        #expect(a == 1)
        #expect(b == 2)
        #expect(again == a)
        #expect(defs.calls.count == 2)
        #expect(defs.calls[1] == (2, 2, 4))
    }

    @Test("default on default is pair 0 and needs no definition")
    func defaultPair() {
        var allocator = ColorPairAllocator(colorPairs: 256)
        let defs = Definitions()
        #expect(allocator.pair(foreground: -1, background: -1, define: defs.define) == 0)
        #expect(defs.calls.isEmpty)
    }

    @Test("when pairs run out, pair 0 (colour lost, text kept)")
    func exhaustion() {
        var allocator = ColorPairAllocator(colorPairs: 3) // pairs 1 and 2 usable
        let defs = Definitions()
        #expect(allocator.pair(foreground: 1, background: -1, define: defs.define) == 1)
        #expect(allocator.pair(foreground: 2, background: -1, define: defs.define) == 2)
        #expect(allocator.pair(foreground: 3, background: -1, define: defs.define) == 0)
        #expect(allocator.pair(foreground: 1, background: -1, define: defs.define) == 1)
    }

    @Test("a failed init_pair is not cached")
    func failedDefinition() {
        var allocator = ColorPairAllocator(colorPairs: 256)
        let defs = Definitions()
        defs.succeeds = false
        #expect(allocator.pair(foreground: 9, background: -1, define: defs.define) == 0)
        defs.succeeds = true
        #expect(allocator.pair(foreground: 9, background: -1, define: defs.define) == 1)
    }

    @Test("the short-typed API caps usable pairs at 32767")
    func limit() {
        #expect(ColorPairAllocator(colorPairs: 65536).limit == 32767)
        #expect(ColorPairAllocator(colorPairs: 64).limit == 63)
        #expect(ColorPairAllocator(colorPairs: 0).limit == 0)
    }
}
