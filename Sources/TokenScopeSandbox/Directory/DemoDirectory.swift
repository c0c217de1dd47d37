/// The embedded demo directory. Its names are a public contract (README, "Sandbox"): tests,
/// scenarios and the explorer refer to `contoso`, `middle-tier-api`, `alice` and so on.
/// `{sandbox}` is replaced with the running sandbox's base URL (federation issuer).
public enum DemoDirectory {
    public static let contoso = "3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f"
    public static let fabrikam = "fab0c1d2-e3f4-4a5b-8c6d-7e8f9a0b1c2d"

    public static let yaml = """
    tenants:
      - name: contoso
        id: \(contoso)
        domains: [contoso.onmicrosoft.com, contoso.example]
      - name: fabrikam
        id: \(fabrikam)
        domains: [fabrikam.onmicrosoft.com, fabrikam.example]

    apps:
      - name: spa-client
        clientId: 5a1c0e6f-2b3d-4c8e-9f1a-0b2c3d4e5f61
        displayName: Contoso SPA
        tenant: contoso
        multiTenant: true
        publicClient: true
        redirectUris:
          spa: [http://localhost, http://localhost:3000]
          publicClient: [http://localhost]

      - name: web-app
        clientId: 7b2d1f3a-4c5e-4d6f-8a9b-1c2d3e4f5a62
        displayName: Contoso Web App
        tenant: contoso
        redirectUris:
          web: [http://localhost]
        secrets:
          - id: 0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a63
            value: "web-app-demo-secret~0123456789abcdef"
            expires: 2099-12-31

      - name: middle-tier-api
        clientId: 9c3e2a4b-5d6f-4e7a-8b9c-2d3e4f5a6b64
        displayName: Contoso Middle Tier API
        tenant: contoso
        multiTenant: true
        appIdUris: [api://middle-tier-api]
        scopes: [access_as_user]
        knownClientApplications: [spa-client]
        preAuthorizedApplications:
          - app: spa-client
            scopes: [access_as_user]
        secrets:
          - id: 1f2a3b4c-5d6e-4f7a-8b9c-0d1e2f3a4b65
            value: "middle-tier-demo-secret~0123456789abcdef"
            expires: 2099-12-31
          - id: 2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c66
            value: "middle-tier-expired-secret~0123456789"
            expires: 2024-01-31
        certificates:
          - name: middle-tier-demo
            generate: true
        federatedCredentials:
          - name: sandbox-workload
            issuer: "{sandbox}/federation"
            subject: "system:serviceaccount:demo:middle-tier"
            audience: api://AzureADTokenExchange

      - name: downstream-api
        clientId: ad4f3b5c-6e7a-4f8b-9c0d-3e4f5a6b7c67
        displayName: Contoso Downstream API
        tenant: contoso
        appIdUris: [api://downstream-api]
        scopes: [Data.Read]
        appRoles:
          - value: Data.Read.All
            allowedMemberTypes: [Application]

      - name: legacy-api
        clientId: be5a4c6d-7f8b-4a9c-8d1e-4f5a6b7c8d68
        displayName: Contoso Legacy API
        tenant: contoso
        appIdUris: [api://legacy-api]
        scopes: [user_impersonation]
        accessTokenAcceptedVersion: 1

      - name: daemon
        clientId: cf6b5d7e-8a9c-4b0d-9e2f-5a6b7c8d9e69
        displayName: Contoso Daemon
        tenant: contoso
        secrets:
          - id: 3b4c5d6e-7f8a-4b9c-8d0e-2f3a4b5c6d70
            value: "daemon-demo-secret~0123456789abcdef"
            expires: 2099-12-31

      - name: microsoft-graph
        clientId: 00000003-0000-0000-c000-000000000000
        displayName: Microsoft Graph (sandbox emulation)
        tenant: contoso
        multiTenant: true
        appIdUris: [https://graph.microsoft.com]
        scopes: [User.Read, Mail.Read]
        appRoles:
          - value: User.Read.All
            allowedMemberTypes: [Application]
        accessTokenAcceptedVersion: 1
        nonceHeader: true

    servicePrincipals:
      - app: middle-tier-api
        tenant: fabrikam

    users:
      - name: alice
        upn: alice@contoso.onmicrosoft.com
        displayName: Alice Member
        oid: 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c71
        homeTenant: contoso
        mfaRegistered: true
      - name: bob
        upn: bob@fabrikam.onmicrosoft.com
        displayName: Bob Guest
        oid: 1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d72
        homeTenant: fabrikam
        guestOf: [contoso]
      - name: carol
        upn: carol@contoso.onmicrosoft.com
        displayName: Carol NeedsMFA
        oid: 2c3d4e5f-6a7b-4c8d-8e9f-1a2b3c4d5e73
        homeTenant: contoso
        mfaRegistered: true
      - name: dave
        upn: dave@contoso.onmicrosoft.com
        displayName: Dave Blocked
        oid: 3d4e5f6a-7b8c-4d9e-9f0a-2b3c4d5e6f74
        homeTenant: contoso

    delegatedGrants:
      - {client: middle-tier-api, resource: downstream-api, scopes: [Data.Read], tenant: contoso}
      - {client: middle-tier-api, resource: microsoft-graph, scopes: [User.Read], tenant: contoso}
      - {client: web-app, resource: middle-tier-api, scopes: [access_as_user], tenant: contoso}
      - {client: web-app, resource: microsoft-graph, scopes: [User.Read], tenant: contoso}
      - {client: spa-client, resource: microsoft-graph, scopes: [User.Read], tenant: contoso}
      - {client: spa-client, resource: middle-tier-api, scopes: [access_as_user], tenant: fabrikam}

    appRoleAssignments:
      - {client: daemon, resource: downstream-api, role: Data.Read.All, tenant: contoso}
      - {client: middle-tier-api, resource: downstream-api, role: Data.Read.All, tenant: contoso}

    conditionalAccess:
      - name: MFA for the downstream API
        id: 4e5f6a7b-8c9d-4e0f-8a1b-3c4d5e6f7a75
        users: [carol]
        resource: downstream-api
        action: require-mfa
      - name: Block Dave from the downstream API
        id: 5f6a7b8c-9d0e-4f1a-9b2c-4d5e6f7a8b76
        users: [dave]
        resource: downstream-api
        action: block
    """
}
