/// Conditional access: block rules stop token issuance; MFA rules send a claims challenge unless
/// the sign-in behind the request included MFA.
enum ConditionalAccess {
    static func evaluate(user: DirectoryUser, resource: AppRegistration, mfa: Bool, directory: SandboxDirectory) throws(EntraError) {
        for rule in directory.conditionalAccess where rule.resource == resource.name && (rule.users.isEmpty || rule.users.contains(user.name)) {
            switch rule.action {
            case .block: throw SandboxErrors.blockedByConditionalAccess()
            case .requireMFA where !mfa: throw SandboxErrors.mfaRequired(resource: resource, policyID: rule.id)
            case .requireMFA: continue
            }
        }
    }
}
