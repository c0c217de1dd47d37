public import TerminalUI

/// Mouse (only with --mouse): a click on a tab focuses that pane, the wheel scrolls.
extension ExplorerApp {
    static func handleMouse(_ state: inout AppState, _ mouse: MouseEvent) -> [Effect] {
        switch mouse.kind {
        case .press(button: 0) where mouse.y == Layout.tabRow && state.overlay == nil:
            if let pane = Layout.tabs(state).first(where: { $0.columns.contains(mouse.x) })?.pane {
                // Like Tab: a field being edited is committed first, and letters are commands again.
                TextKeys.leaveField(&state)
                GlobalKeys.focus(&state, pane)
            }
        case .scrollDown:
            return state.isEditingText || state.overlay != nil ? [] : scrollKey(&state, .down)
        case .scrollUp:
            return state.isEditingText || state.overlay != nil ? [] : scrollKey(&state, .up)
        default:
            break
        }
        return []
    }

    private static func scrollKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        switch state.focus {
        case .token: return TokenKeys.handle(&state, key)
        case .exchange: return FormKeys.handle(&state, key)
        default: return ScrollKeys.handle(&state, key)
        }
    }
}
