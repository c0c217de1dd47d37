public import TerminalUI
import TokenScopeCore

/// Re-inspects the pasted text under the current context: the form's flow and expected audience
/// decide which findings apply (an ID token is only an error when it is meant for OBO).
enum Inspection {
    static func reinspect(_ state: inout AppState, resetSelection: Bool) {
        state.inspectionGeneration &+= 1
        if state.token.raw.trimmingSpaces.isEmpty {
            state.token.inspected = nil
        } else {
            state.token.inspected = InspectedPaste.inspect(state.token.raw, context: context(state), generation: state.inspectionGeneration)
        }
        let count = state.token.inspected?.reports.count ?? 0
        if state.token.selectedToken >= count { state.token.selectedToken = 0 }
        if resetSelection { state.token.rows = ScrollState(selected: 0, offset: 0) }
    }

    static func context(_ state: AppState) -> InspectionContext {
        let form = state.form
        let flow: Flow? = switch form.flow {
        case .onBehalfOf: .obo
        case .clientCredentials: .clientCredentials
        case .authCode: .authCode
        case .refresh, .deviceCode: nil
        }
        let audiences = form.value(.expectedAudience).split(separator: " ").map(String.init)
        let tenant = form.value(.tenant)
        let authority = form.value(.authority).isEmpty || tenant.isEmpty ? nil : ExchangeJob.join(form.value(.authority), tenant)
        return InspectionContext(flow: flow, expectedAudiences: form.flow == .onBehalfOf ? audiences : [],
                                 expectedTenant: GUID.isGUID(tenant) ? tenant : nil, authority: authority,
                                 now: state.now / 1000)
    }
}

extension ExchangeJob {
    static func join(_ host: String, _ tenant: String) -> String {
        var host = host
        while host.hasSuffix("/") { host.removeLast() }
        return host + "/" + tenant
    }
}

