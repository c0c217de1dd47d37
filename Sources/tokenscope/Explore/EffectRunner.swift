import Explorer
import Foundation
import NcursesBackend

/// Runs the explorer's effects. Exchanges run in detached tasks (the UI thread blocks in poll, so
/// a task inheriting the main actor would never run) and come back through the mailbox.

final class EffectRunner {
    private let mailbox: Mailbox
    private let jobs: JobRunner
    private let reports: ReportWriter
    private var tasks: [Int: Task<Void, Never>] = [:]
    /// Set by `quit`; the loop stops after this batch.
    private(set) var quitRequested = false

    init(mailbox: Mailbox, jobs: JobRunner, reports: ReportWriter) {
        self.mailbox = mailbox
        self.jobs = jobs
        self.reports = reports
    }

    func perform(_ effect: Effect, session: TerminalSession) {
        switch effect {
        case let .runExchange(id, job):
            let mailbox = self.mailbox
            let jobs = self.jobs
            tasks[id] = Task.detached {
                let result = await jobs.run(job) { line in mailbox.post(.exchangeProgress(runID: id, line: line)) }
                switch result {
                case let .success(outcome): mailbox.post(.exchangeFinished(runID: id, outcome: outcome))
                case let .failure(error): mailbox.post(.exchangeFailedToStart(runID: id, message: error.message))
                }
            }
        case let .cancelExchange(id):
            tasks[id]?.cancel()
            tasks[id] = nil
        case let .copyToClipboard(text):
            session.copyToClipboard(text)
        case let .exportReport(export):
            let reports = self.reports
            let mailbox = self.mailbox
            Task.detached {
                do {
                    mailbox.post(.exported(paths: try reports.write(export)))
                } catch {
                    mailbox.post(.exportFailed(message: "\(error)"))
                }
            }
        case .quit:
            quitRequested = true
        }
    }

    func cancelAll() {
        for task in tasks.values { task.cancel() }
        tasks.removeAll()
    }
}
