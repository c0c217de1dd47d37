import Testing
@testable import TerminalUI

@Suite("Geometry")
struct GeometryTests {
    let r = Rect(x: 2, y: 3, width: 10, height: 6)

    @Test func edges() {
        #expect(r.maxX == 12 && r.maxY == 9)
        #expect(!r.isEmpty)
        #expect(Rect(x: 0, y: 0, width: 0, height: 5).isEmpty)
        #expect(Rect(size: Size(columns: 80, rows: 24)) == Rect(x: 0, y: 0, width: 80, height: 24))
        #expect(Rect(x: 0, y: 0, width: -4, height: 2).width == 0)
    }

    @Test func inset() {
        #expect(r.inset(by: 1) == Rect(x: 3, y: 4, width: 8, height: 4))
        #expect(r.inset(by: 4).height == 0)
        #expect(r.inset(by: 100).width == 0 && r.inset(by: 100).height == 0)
    }

    @Test func splits() {
        #expect(r.splitTop(2) == (Rect(x: 2, y: 3, width: 10, height: 2), Rect(x: 2, y: 5, width: 10, height: 4)))
        #expect(r.splitBottom(1) == (Rect(x: 2, y: 3, width: 10, height: 5), Rect(x: 2, y: 8, width: 10, height: 1)))
        #expect(r.splitLeft(4) == (Rect(x: 2, y: 3, width: 4, height: 6), Rect(x: 6, y: 3, width: 6, height: 6)))
        #expect(r.splitRight(4) == (Rect(x: 2, y: 3, width: 6, height: 6), Rect(x: 8, y: 3, width: 4, height: 6)))
        // Over-large and negative requests clamp instead of producing negative sizes.
        #expect(r.splitTop(100).rest.height == 0)
        #expect(r.splitTop(-5).top.height == 0)
        #expect(r.splitLeft(50).rest == Rect(x: 12, y: 3, width: 0, height: 6))
    }

    @Test func intersectionContainsAndCentre() {
        #expect(r.intersection(Rect(x: 0, y: 0, width: 5, height: 5)) == Rect(x: 2, y: 3, width: 3, height: 2))
        #expect(r.intersection(Rect(x: 50, y: 50, width: 5, height: 5)).isEmpty)
        #expect(r.contains(x: 2, y: 3) && !r.contains(x: 12, y: 3))
        #expect(r.centered(width: 4, height: 2) == Rect(x: 5, y: 5, width: 4, height: 2))
        #expect(r.centered(width: 40, height: 40) == r)
    }

    @Test func styleWith() {
        let style = Style(foreground: .red, attributes: .bold)
        #expect(style.with(attributes: .underline) == Style(foreground: .red, attributes: [.bold, .underline]))
        #expect(style.with(background: .blue).background == .blue)
        #expect(style.with(foreground: .default).foreground == .default)
        #expect(Style.plain == Style())
    }
}
