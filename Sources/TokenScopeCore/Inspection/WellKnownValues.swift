/// Lookup tables that turn raw claim values (codes, GUIDs, URIs) into names a person can read.
///
/// Every GUID key is lowercase 8-4-4-4-12 hex, so callers lowercase a token's value before looking
/// it up. Only values confirmed against Microsoft's documentation or the IANA registry are listed:
/// a wrong label is worse than none.
public enum WellKnownValues {
    /// amr method → explanation. Entra's own values first, then the rest of the IANA
    /// "Authentication Method Reference Values" registry (RFC 8176 plus `pop`).
    public static let amrMethods: [String: String] = [
        // Values Entra documents for its tokens.
        "pwd": "Password, either the user's or an application's client secret",
        "rsa": "Proof of an RSA key, e.g. Microsoft Authenticator or a certificate-signed JWT",
        "otp": "One-time passcode sent by email or text message",
        "fed": "A federated identity provider's assertion (SAML or JWT)",
        "wia": "Windows Integrated Authentication",
        "mfa": "Multifactor authentication; the other methods used are listed alongside",
        "ngcmfa": "Same strength as mfa; required to provision some advanced credentials",
        "wiaormfa": "Either Windows authentication or a multifactor credential",
        "none": "No authentication was completed",
        // Remaining IANA-registered values, which other issuers (and federated IdPs) may send.
        "face": "Facial recognition",
        "fpt": "Fingerprint",
        "geo": "Geolocation",
        "hwk": "Proof of a hardware-protected key",
        "iris": "Iris scan",
        "kba": "Knowledge-based questions",
        "mca": "Confirmation over more than one channel",
        "pin": "PIN or unlock pattern",
        "pop": "Proof of possession of a key",
        "rba": "Risk-based authentication",
        "retina": "Retina scan",
        "sc": "Smart card",
        "sms": "Confirmation by SMS",
        "swk": "Proof of a software-protected key",
        "tel": "Confirmation by phone call",
        "user": "Test that a user was present",
        "vbm": "Voice biometric",
    ]

    /// appidacr/azpacr "0"/"1"/"2" → meaning.
    public static let clientAuthMethods: [String: String] = [
        "0": "Public client: no client credential was presented",
        "1": "Confidential client using a client secret",
        "2": "Confidential client using a certificate or signed client assertion",
    ]

    /// v1 acr "0"/"1" → meaning. Entra documents only "0"; "1" is what ordinary sign-ins carry.
    public static let acrValues: [String: String] = [
        "0": "Sign-in did not meet the ISO/IEC 29115 assurance requirements",
        "1": "Ordinary sign-in; says nothing about whether MFA was used",
    ]

    /// idtyp values → meaning.
    public static let idtypValues: [String: String] = [
        "app": "App-only token: the application acts as itself, no user involved",
        "user": "Delegated token: the application acts for a signed-in user",
        "device": "Token issued for a device",
    ]

    /// xms_cc values → meaning. `cp1` is the only capability Microsoft documents.
    public static let clientCapabilities: [String: String] = [
        "cp1": "Client can handle claims challenges (ready for Continuous Access Evaluation)",
    ]

    /// Entra built-in directory role template IDs (lowercase GUID) → role name, as they appear in `wids`.
    /// Names and IDs from the Entra built-in roles reference; the User/Guest rows are the default
    /// roles that tenants hand out implicitly.
    public static let directoryRoles: [String: String] = [
        "62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
        "f2ef992c-3afb-46b9-b7cf-a126ee74c451": "Global Reader",
        "e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
        "7be44c8a-adaf-4e2a-84d6-ab2649e08a13": "Privileged Authentication Administrator",
        "fe930be7-5e62-47db-91af-98c3a49a38b1": "User Administrator",
        "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "Application Administrator",
        "158c047a-c907-4556-b7ef-446551a6b5f7": "Cloud Application Administrator",
        "cf1c38e5-3621-4004-a7cb-879624dced7c": "Application Developer",
        "194ae4cb-b126-40b2-bd5b-6091b380977d": "Security Administrator",
        "5f2222b1-57c3-48ba-8ad5-d4759f1fde6f": "Security Operator",
        "5d6b6bb7-de71-4623-b4af-96380a352509": "Security Reader",
        "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9": "Conditional Access Administrator",
        "c4e39bd9-1100-46d3-8c65-fb160da0071f": "Authentication Administrator",
        "0526716b-113d-4c15-b2c8-68e3c22b9f80": "Authentication Policy Administrator",
        "729827e3-9c14-49f7-bb1b-9608f156bbb8": "Helpdesk Administrator",
        "966707d0-3269-4727-9be2-8c3a10f19b9d": "Password Administrator",
        "fdd7a751-b60b-444a-984c-02652fe8fa1c": "Groups Administrator",
        "4d6ac14f-3453-41d0-bef9-a3e0c569773a": "License Administrator",
        "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2": "Hybrid Identity Administrator",
        "be2f45a1-457d-42af-a067-6ec1fa63bc45": "External Identity Provider Administrator",
        "8329153b-31d0-4727-b945-745eb3bc5f31": "Domain Name Administrator",
        "95e79109-95c0-4d8e-aee3-d01accf2d47b": "Guest Inviter",
        "45d8d3c5-c802-45c6-b32a-1d70b5e1e86e": "Identity Governance Administrator",
        "7698a772-787b-4ac8-901f-60d6b08affd2": "Cloud Device Administrator",
        "9f06204d-73c1-4d4c-880a-6edb90606fd8": "Microsoft Entra Joined Device Local Administrator",
        "3a2c62db-5318-420d-8d74-23affee5d9d5": "Intune Administrator",
        "29232cdf-9323-42fd-ade2-1d097af3e4de": "Exchange Administrator",
        "31392ffb-586c-42d1-9346-e59415a2cc4e": "Exchange Recipient Administrator",
        "f28a1f50-f6e7-4571-818b-6a12f2af6b6c": "SharePoint Administrator",
        "69091246-20e8-4a56-aa4d-066075b2a7a8": "Teams Administrator",
        "baf37b3a-610e-45da-9e62-d9d1e5e8914b": "Teams Communications Administrator",
        "75941009-915a-4869-abe7-691bff18279e": "Skype for Business Administrator",
        "17315797-102d-40b4-93e0-432062caca18": "Compliance Administrator",
        "b0f54661-2d74-4c50-afa3-1ec803f12efe": "Billing Administrator",
        "f023fd81-a637-4b56-95fd-791ac0226033": "Service Support Administrator",
        "4a5d8f65-41da-4de4-8968-e035b65339cf": "Reports Reader",
        "790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b": "Message Center Reader",
        "11648597-926c-4cf3-9c36-bcebb0ba8dcc": "Power Platform Administrator",
        "44367163-eba1-44c3-98af-f5787879f96a": "Dynamics 365 Administrator",
        "a9ea8996-122f-4c74-9520-8edcd192826c": "Fabric Administrator",
        "e3973bdf-4987-49ae-837a-ba8e231c7286": "Azure DevOps Administrator",
        "11451d60-acb2-45eb-a7d6-43d0f0125c13": "Windows 365 Administrator",
        "88d8e3e3-8f55-4a1e-953a-9b9898b8876b": "Directory Readers",
        "9360feb5-f418-4baa-8175-e2a00bac4301": "Directory Writers",
        "d29b2b05-8046-44ba-8758-1e26182fcf32": "Directory Synchronization Accounts",
        // Default roles: every member carries b79fbf4d in wids; the others are guest access levels.
        "b79fbf4d-3ef9-4689-8143-76b194e85509": "User (default member role)",
        "a0b1b346-4d3e-4e8b-98f8-753987be4970": "User",
        "10dae51f-b6af-4016-8d66-8c2a99b929b3": "Guest User",
        "2af84b1e-32c8-42b7-82bc-daa82404023b": "Restricted Guest User",
    ]

    /// First-party application IDs (lowercase GUID) → display name. These show up in appid/azp
    /// (Microsoft clients) and in aud (Microsoft APIs).
    public static let firstPartyApps: [String: String] = [
        "00000003-0000-0000-c000-000000000000": "Microsoft Graph",
        "00000002-0000-0000-c000-000000000000": "Windows Azure Active Directory (AAD Graph)",
        "04b07795-8ddb-461a-bbee-02f9e1bf7b46": "Microsoft Azure CLI",
        "1950a258-227b-4e31-a9cf-717495945fc2": "Microsoft Azure PowerShell",
        "797f4846-ba00-4fd7-ba43-dac1f8f63013": "Windows Azure Service Management API (ARM)",
        "c44b4083-3bb0-49c1-b47d-974e53cbdf3c": "Azure Portal",
        "14d82eec-204b-4c2f-b7e8-296a70dab67e": "Microsoft Graph Command Line Tools",
        "de8bc8b5-d9f9-48b1-a8ad-b748da725064": "Graph Explorer",
        "00000002-0000-0ff1-ce00-000000000000": "Office 365 Exchange Online",
        "00000003-0000-0ff1-ce00-000000000000": "Office 365 SharePoint Online",
        "00000004-0000-0ff1-ce00-000000000000": "Skype for Business Online",
        "00000006-0000-0ff1-ce00-000000000000": "Microsoft Office 365 Portal",
        "1fec8e78-bce4-4aaf-ab1b-5451cc387264": "Microsoft Teams",
        "d3590ed6-52b3-4102-aeff-aad2292ab01c": "Microsoft Office",
        "29d9ed98-a469-4536-ade2-f981bc1d605e": "Microsoft Authentication Broker",
        "00000009-0000-0000-c000-000000000000": "Power BI Service",
        "00000007-0000-0000-c000-000000000000": "Dataverse",
        "022907d3-0f1b-48f7-badc-1ba6abab6d66": "Azure SQL Database",
        "7ab7862c-4c57-491e-8a45-d52a7e023983": "App Service",
        "27922004-5251-4030-b22d-91ecd9a37ea4": "Outlook Mobile",
        "0000000c-0000-0000-c000-000000000000": "Microsoft App Access Panel",
        "499b84ac-1321-427f-aa17-267ca6975798": "Azure DevOps",
    ]

    /// Resource URIs of Microsoft APIs (lowercase, no trailing slash) → name, for v1 `aud` values
    /// and `{resource}/.default` scopes. Callers strip a trailing slash before looking up.
    public static let firstPartyResourceURIs: [String: String] = [
        "https://graph.microsoft.com": "Microsoft Graph",
        "https://graph.microsoft.us": "Microsoft Graph (US Government L4)",
        "https://dod-graph.microsoft.us": "Microsoft Graph (US Government L5, DoD)",
        "https://microsoftgraph.chinacloudapi.cn": "Microsoft Graph (China, operated by 21Vianet)",
        "https://graph.windows.net": "Azure AD Graph (retired)",
        "https://management.azure.com": "Azure Resource Manager",
        "https://management.core.windows.net": "Azure Service Management (classic ARM audience)",
        "https://vault.azure.net": "Azure Key Vault",
        "https://storage.azure.com": "Azure Storage",
        "https://database.windows.net": "Azure SQL Database",
        "https://outlook.office.com": "Outlook / Exchange Online",
        "https://outlook.office365.com": "Outlook / Exchange Online",
    ]

    /// Special tenant IDs → label.
    public static let specialTenants: [String: String] = [
        consumerTenantID: "Personal Microsoft accounts (consumers)",
        "f8cdef31-a31e-4b4a-93e4-5f571e91255a": "Microsoft Services (owner of first-party apps)",
        "72f988bf-86f1-41af-91ab-2d7cd011db47": "Microsoft corporate tenant",
    ]

    /// The tenant personal Microsoft accounts sign in to; `consumers` is an alias for it.
    public static let consumerTenantID = "9188040d-6c67-4c5b-b112-36a304b66dad"
}
