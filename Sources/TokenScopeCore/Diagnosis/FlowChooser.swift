/// "Which flow do I need?": a short question/answer model. Pure: the CLI (and later the TUI) asks
/// `next(_:)` for the next question, records the answer with `answer(_:with:to:)`, and repeats
/// until `next` returns a recommendation.
public enum FlowChooser {
    /// Who (or what) asks for the token.
    public enum Caller: String, Sendable, CaseIterable {
        /// A web API that must call another API for the signed-in user who called it.
        case webAPI = "web-api"
        /// A daemon, background service or scheduled job with no user.
        case daemon
        /// A server-side web app that signs users in.
        case webApp = "web-app"
        /// A desktop or mobile app that can open a browser.
        case desktop
        /// A command-line tool or device without a browser.
        case device
        /// A single-page app running in the browser.
        case spa
    }

    public enum QuestionID: String, Sendable, CaseIterable {
        case caller
        case userPresent = "user-present"
        case confidential
        case b2c
        case longRunning = "long-running"
        case onAzure = "on-azure"
    }

    public struct Choice: Sendable, Equatable {
        /// The value to pass (`web-api`, `yes`).
        public let id: String
        public let label: String
    }

    public struct Question: Sendable, Equatable {
        public let id: QuestionID
        public let text: String
        /// Why it matters.
        public let help: String
        public let choices: [Choice]
    }

    /// The answers so far; nil means not asked yet.
    public struct Answers: Sendable, Equatable {
        public var caller: Caller?
        public var userPresent: Bool?
        public var confidential: Bool?
        public var b2c: Bool?
        public var longRunning: Bool?
        public var onAzure: Bool?

        public init(caller: Caller? = nil, userPresent: Bool? = nil, confidential: Bool? = nil, b2c: Bool? = nil,
                    longRunning: Bool? = nil, onAzure: Bool? = nil) {
            self.caller = caller
            self.userPresent = userPresent
            self.confidential = confidential
            self.b2c = b2c
            self.longRunning = longRunning
            self.onAzure = onAzure
        }
    }

    public enum Step: Sendable, Equatable {
        case question(Question)
        case recommendation(FlowRecommendation)
    }

    public struct AnswerError: Error, Sendable, Equatable, CustomStringConvertible {
        public let question: QuestionID
        public let value: String
        public var description: String {
            "`\(value)` is not an answer to \(question.rawValue): use one of \(FlowChooser.question(question).choices.map(\.id).joined(separator: ", "))"
        }
    }

    // MARK: - Questions

    static let yesNo = [Choice(id: "yes", label: "Yes"), Choice(id: "no", label: "No")]

    public static func question(_ id: QuestionID) -> Question {
        switch id {
        case .caller:
            return Question(id: .caller, text: "Who needs the token?",
                            help: "The caller decides the flow: whether a user is involved, and whether it can keep a credential secret.",
                            choices: [
                                Choice(id: Caller.webAPI.rawValue, label: "A web API that calls another API for the user who called it"),
                                Choice(id: Caller.daemon.rawValue, label: "A daemon, background service or scheduled job (no user)"),
                                Choice(id: Caller.webApp.rawValue, label: "A web app that signs users in (server-side)"),
                                Choice(id: Caller.desktop.rawValue, label: "A desktop or mobile app that can open a browser"),
                                Choice(id: Caller.device.rawValue, label: "A command-line tool or device without a browser"),
                                Choice(id: Caller.spa.rawValue, label: "A single-page app in the browser"),
                            ])
        case .userPresent:
            return Question(id: .userPresent, text: "Does each request to the API carry a signed-in user's access token?",
                            help: "On-Behalf-Of exchanges a user's token; a caller that authenticates as an app (client credentials, managed identity) has no user to act for.",
                            choices: yesNo)
        case .confidential:
            return Question(id: .confidential, text: "Does the app run on a server that can keep a credential (certificate or secret) out of users' reach?",
                            help: "Only confidential clients may hold a credential; code delivered to browsers or devices cannot.",
                            choices: yesNo)
        case .b2c:
            return Question(id: .b2c, text: "Do the users sign in through Azure AD B2C?",
                            help: "Azure AD B2C does not offer the On-Behalf-Of grant.",
                            choices: yesNo)
        case .longRunning:
            return Question(id: .longRunning, text: "Must the downstream calls continue after the user's request has ended (queues, background jobs, long reports)?",
                            help: "The user's token expires within about an hour; long-running work needs MSAL's long-running On-Behalf-Of API.",
                            choices: yesNo)
        case .onAzure:
            return Question(id: .onAzure, text: "Does the app run on Azure (App Service, Functions, AKS, VMs, Container Apps)?",
                            help: "On Azure a managed identity can replace stored credentials.",
                            choices: yesNo)
        }
    }

    // MARK: - Flow

    /// The next question, or the recommendation once enough is known.
    public static func next(_ a: Answers) -> Step {
        guard let caller = a.caller else { return .question(question(.caller)) }
        switch caller {
        case .webAPI:
            guard let user = a.userPresent else { return .question(question(.userPresent)) }
            if !user {
                guard let azure = a.onAzure else { return .question(question(.onAzure)) }
                return .recommendation(FlowRecommendation.clientCredentials(onAzure: azure, fromAPI: true))
            }
            guard let b2c = a.b2c else { return .question(question(.b2c)) }
            if b2c { return .recommendation(FlowRecommendation.b2cMiddleTier) }
            guard let longRunning = a.longRunning else { return .question(question(.longRunning)) }
            guard let azure = a.onAzure else { return .question(question(.onAzure)) }
            return .recommendation(FlowRecommendation.onBehalfOf(longRunning: longRunning, onAzure: azure))
        case .daemon:
            guard let azure = a.onAzure else { return .question(question(.onAzure)) }
            return .recommendation(FlowRecommendation.clientCredentials(onAzure: azure, fromAPI: false))
        case .webApp:
            guard let confidential = a.confidential else { return .question(question(.confidential)) }
            if !confidential { return .recommendation(FlowRecommendation.singlePageApp) }
            guard let azure = a.onAzure else { return .question(question(.onAzure)) }
            return .recommendation(FlowRecommendation.webApp(onAzure: azure))
        case .desktop:
            return .recommendation(FlowRecommendation.desktop)
        case .device:
            return .recommendation(FlowRecommendation.deviceCode)
        case .spa:
            return .recommendation(FlowRecommendation.singlePageApp)
        }
    }

    /// Records an answer (`web-api`, `yes`, `no`, `true`, `false`, `y`, `n`).
    public static func answer(_ id: QuestionID, with value: String, to answers: Answers) throws(AnswerError) -> Answers {
        var a = answers
        let v = value.trimmedWhitespace.lowercased()
        func bool() throws(AnswerError) -> Bool {
            switch v {
            case "yes", "y", "true", "1": return true
            case "no", "n", "false", "0": return false
            default: throw AnswerError(question: id, value: value)
            }
        }
        switch id {
        case .caller:
            guard let caller = Caller(rawValue: v) else { throw AnswerError(question: id, value: value) }
            a.caller = caller
        case .userPresent: a.userPresent = try bool()
        case .confidential: a.confidential = try bool()
        case .b2c: a.b2c = try bool()
        case .longRunning: a.longRunning = try bool()
        case .onAzure: a.onAzure = try bool()
        }
        return a
    }
}
