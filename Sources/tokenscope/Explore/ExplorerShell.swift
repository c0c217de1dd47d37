import Explorer
import Foundation
import NcursesBackend
import TerminalUI
import TokenScopeSandbox

/// The explorer's run loop: terminal events and effect results in, `update`, effects out,
/// `render` once per batch. Everything here runs on the calling thread; background work only
/// posts to the mailbox.
enum ExplorerShell {
    /// On the main actor: the loop blocks its thread in poll(2) for the whole session, and that
    /// must not be one of the cooperative pool's threads the background work needs.
    @MainActor
    static func run(_ setup: ExplorerSetup) async -> Int32 {
        var state = setup.state
        let session: TerminalSession
        do {
            try SignalPipe.install()
            session = try TerminalSession(options: TerminalOptions(mouse: setup.mouse))
        } catch {
            FileHandle.standardError.write(Data("tokenscope: \(error)\n".utf8))
            await setup.sandbox?.stop()
            return 2
        }
        let wakeup: Wakeup
        do {
            wakeup = try Wakeup()
        } catch {
            session.end()
            FileHandle.standardError.write(Data("tokenscope: cannot create the wake-up pipe: \(error)\n".utf8))
            return 2
        }
        let mailbox = Mailbox(wakeup: wakeup)
        let runner = EffectRunner(mailbox: mailbox, jobs: setup.jobs, reports: setup.reports)
        state.size = session.size
        state.colorDepth = session.colorDepth
        if let sandbox = setup.sandbox {
            // After the first frame is drawn (the loop draws before it waits).
            Task.detached { mailbox.post(await sandbox.start()) }
        }

        func apply(_ msg: Msg) {
            for effect in ExplorerApp.update(&state, msg, now: Int64(Date().timeIntervalSince1970 * 1000)) {
                runner.perform(effect, session: session)
            }
        }
        var signalled: Int32?
        RunLoop.run(session: session, wakeup: wakeup, tickMilliseconds: { state.isAnimating ? 100 : nil }, handle: { event in
            switch event {
            case let .input(events):
                for e in events {
                    apply(.input(e))
                    if runner.quitRequested { break }
                }
            case let .resized(size):
                apply(.resized(size))
            case .wake:
                for msg in mailbox.drain() { apply(msg) }
            case .tick:
                apply(.tick)
            case let .terminate(signal):
                signalled = signal
                return false
            }
            return !runner.quitRequested
        }, render: { size in
            if size != state.size { state.size = size }
            return ExplorerApp.render(state)
        })
        runner.cancelAll()
        session.end()
        await setup.sandbox?.stop()
        // Terminated by a signal: the terminal is restored all the same; the status says why we stopped.
        return signalled.map { 128 + $0 } ?? 0
    }
}
