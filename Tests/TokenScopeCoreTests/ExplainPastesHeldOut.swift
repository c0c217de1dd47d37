import TokenScopeCore

/// Real pastes collected after the parser and the ranking were written, and never used to tune
/// them: the expected advice is the thread's own answer, fixed before the first run. They
/// measure how the diagnoser does on pastes it was not built around.
enum ExplainPastesHeldOut {
    static let all: [RealPaste] = [
        RealPaste(
            name: "held-out ms-identity-javascript-v2-18 7000218 SPA registered as web",
            source: "https://github.com/Azure-Samples/ms-identity-javascript-v2/issues/18",
            text: #"""
ServerError: invalid_client: 7000218 - [2020-09-25 07:40:47Z]: AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.
"""#,
            codes: [7000218], top: "credential-missing-from-request"),
        RealPaste(
            name: "held-out msal4j-71 7000218 username/password on a confidential app",
            source: "https://github.com/AzureAD/microsoft-authentication-library-for-java/issues/71",
            text: #"""
Hello, when i use UserNamePasswordParameters i get the next exception:
"com.microsoft.aad.msal4j.AuthenticationException: {"error_description":"AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'.\r\nTrace ID: 1c15bd7a-12b0-4fcc-8f7d-fc4f909b0d00\r\nCorrelation ID: d895e136-9711-4a00-88ff-5fd7da8eb634\r\nTimestamp: 2019-06-26 08:26:25Z","error":"invalid_client"}"
"""#,
            codes: [7000218], traceId: "1c15bd7a-12b0-4fcc-8f7d-fc4f909b0d00", correlationId: "d895e136-9711-4a00-88ff-5fd7da8eb634",
            top: "credential-missing-from-request"),
        RealPaste(
            name: "held-out azure-sdk-for-go-22386 7000218 JSON",
            source: "https://github.com/Azure/azure-sdk-for-go/issues/22386",
            text: #"""
{
  "error": "invalid_client",
  "error_description": "AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'. Trace ID: <...> Correlation ID: <...> Timestamp: 2024-02-14 02:40:29Z",
  "error_codes": [
    7000218
  ],
  "timestamp": "2024-02-14 02:40:29Z",
  "trace_id": "<...>",
  "correlation_id": "<...>",
  "error_uri": "https://login.microsoftonline.com/error?code=7000218"
}

We have "Allow public client flows" enabled as a Web configured app.
"""#,
            codes: [7000218], top: "credential-missing-from-request"),
        RealPaste(
            name: "held-out haystack-editor-41 7000218 CLI",
            source: "https://github.com/haystackeditor/haystack-editor/issues/41",
            text: #"""
{"error":"invalid_client",
"error_description":"AADSTS7000218: The request body must contain the following parameter: 'client_assertion' or 'client_secret'. Trace ID: 6ee9ec92-6726-422a-85ce-86a1a6502800 Correlation ID: 521b9148-40bc-455a-ace1-c13802e053eb Timestamp: 2024-12-03 13:51:30Z",
"error_codes":[7000218],
"timestamp":"2024-12-03 13:51:30Z",
"trace_id":"6ee9ec92-6726-422a-85ce-86a1a6502800",
"correlation_id":"521b9148-40bc-455a-ace1-c13802e053eb",
"error_uri":"https://login.microsoftonline.com/error?code=7000218"}
"""#,
            codes: [7000218], traceId: "6ee9ec92-6726-422a-85ce-86a1a6502800", correlationId: "521b9148-40bc-455a-ace1-c13802e053eb",
            top: "credential-missing-from-request"),
        RealPaste(
            name: "held-out graph-explorer-1333 50105 user not assigned",
            source: "https://github.com/microsoftgraph/microsoft-graph-explorer-v4/issues/1333",
            text: #"""
When i login with my account in Graph API explorer, i get the below error message.

AADSTS50105: The signed in user 'user@example.com' is not assigned to a role for the application 'de8bc8b5-d9f9-48b1-a8ad-b748da725064'(Graph Explorer).
"""#,
            codes: [50105], top: "user-not-assigned"),
        RealPaste(
            name: "held-out active-directory-dotnet-daemon-10 50105 daemon not assigned",
            source: "https://github.com/Azure-Samples/active-directory-dotnet-daemon/issues/10",
            text: #"""
I am trying to add this "require role assignment" in new portal, but it doesn't work. I'm getting error message when daemon app is trying to obtain token: "AADSTS50105: Application 'xxxxx-026e-4668-9da1-xxxxxx' is not assigned to a role for the application 'https://xxxxx.onmicrosoft.com/xxxxxx-10aa-441f-92b2-xxxxxxxxxxx'.
Trace ID: 4f0a1a2d-0d
"""#,
            codes: [50105], top: "user-not-assigned"),
        RealPaste(
            name: "held-out adal-python-146 65005 device code to ARM",
            source: "https://github.com/AzureAD/azure-activedirectory-library-for-python/issues/146",
            text: #"""
> **Sorry, but we’re having trouble signing you in.
AADSTS65005: Invalid resource. The client has requested access to a resource which is not listed in the requested permissions in the client's application registration. Client app ID: <client id>. Resource value from request: https://management.core.windows.net/. Resource app ID: 797f4846-ba00-4fd7-ba43-dac1f8f63013. List of valid resources from app registration: 00000002-0000-0000-c000-000000000000, 5148a6f0-cb72-4c3c-bc1d-07e24fa3ee95.**
"""#,
            codes: [65005], top: "app-permissions-misconfigured"),
        RealPaste(
            name: "held-out angularjs-singlepageapp-30 65005 sign-in page",
            source: "https://github.com/Azure-Samples/active-directory-angularjs-singlepageapp-dotnet-webapi/issues/30",
            text: #"""
Request Id: f106b5ad-6392-4c41-8fa2-473629870700
Correlation Id: 6abe676b-e3d0-41e2-8255-829dff79b6b0
Timestamp: 2018-04-12T07:52:15Z
Message: AADSTS65005: Invalid resource. The client has requested access to a resource which is not listed in the requested permissions in the client's application registration. Client app ID: 8f4b3482-68c1-42b1-b4dd-ea1e0ad9a65e. Resource value from request: . Resource app ID: 00000002-0000-0000-c000-000000000000. List of valid resources from app registration: c7aee132-6d62-4d80-9511-057c9420fd2b.
"""#,
            codes: [65005], correlationId: "6abe676b-e3d0-41e2-8255-829dff79b6b0", top: "app-permissions-misconfigured"),
        RealPaste(
            name: "held-out azure-cli-33887 650057 az login --scope",
            source: "https://github.com/Azure/azure-cli/issues/33887",
            text: #"""
invalid_client: AADSTS650057: Invalid resource. The client has requested access to a resource which is not listed in the requested permissions in the client's application registration. Client app ID: 04b07795-8ddb-461a-bbee-02f9e1bf7b46(Microsoft Azure CLI). Resource value from request: api://ingestion.pensieve. Resource app ID: 242092bf-f250-404c-8db8-c6742842d9a1. List of valid resources from app registration: . Trace ID: a4123e99-7804-43ec-bc12-19f752001000 Correlation ID: a200ff84-77e6-4d70-9555-fd64eec05bd2 Timestamp: 2026-08-13 07:44:09Z. ($error_uri)
"""#,
            codes: [650057], traceId: "a4123e99-7804-43ec-bc12-19f752001000", correlationId: "a200ff84-77e6-4d70-9555-fd64eec05bd2",
            top: "api-permission-not-declared"),
        RealPaste(
            name: "held-out webapp-openidconnect-nodejs-15 65005 AAD Graph not listed",
            source: "https://github.com/AzureADQuickStarts/WebApp-OpenIDConnect-NodeJS/issues/15",
            text: #"""
> Error description received in the response was:  AADSTS65005: Invalid resource. The client has requested access to a resource which is not listed in the requested permissions in the client's application registration. Client app ID: 37faf1a0-5812-46d8-b669-105314186dd2. Resource value from request: https://graph.windows.net. Resource app ID: 00000002-0000-0000-c000-000000000000. List of valid resources from app registration: 00000003-0000-0000-c000-000000000000.
    Trace ID: 61c8cb03-50d4-47c7-bb13-23bad5480200
    Correlation ID: 50d159cc-36ff-4724-a58b-1ae49d69a1b6
    Timestamp: 2017-12-12 12:52:07Z
"""#,
            codes: [65005], traceId: "61c8cb03-50d4-47c7-bb13-23bad5480200", correlationId: "50d159cc-36ff-4724-a58b-1ae49d69a1b6",
            top: "app-permissions-misconfigured"),
        RealPaste(
            name: "held-out microsoft-agents-358 650057 Power Platform API",
            source: "https://github.com/microsoft/Agents/issues/358",
            text: #"""
However, when running the sample, we consistently receive the following error:
AADSTS650057: Invalid resource. The client has requested access to a resource which is not listed in the requested permissions in the client's application registration.
Resource value from request: https://api.powerplatform.com.
List of valid resources from app registration:
"""#,
            codes: [650057], top: "api-permission-not-declared"),
        RealPaste(
            name: "held-out react-aad-158 700054 id_token not enabled",
            source: "https://github.com/syncweek-react-aad/react-aad/issues/158",
            text: #"""
When I login i get the following error in console:
[ERROR] ServerError: AADSTS700054: response_type 'id_token' is not enabled for the application.
Trace ID: 319ffdb2-6725-46b3-a301-9e9a38280800
Correlation ID: 632b6596-9b6a-4dab-98e3-f8b9948fc21e
Timestamp: 2019-11-01 06:36:21Z
"""#,
            codes: [700054], traceId: "319ffdb2-6725-46b3-a301-9e9a38280800", correlationId: "632b6596-9b6a-4dab-98e3-f8b9948fc21e",
            top: "id-token-implicit-disabled"),
        RealPaste(
            name: "held-out faqplusplus-103 700054 caused by a wrong redirect URI",
            source: "https://github.com/OfficeDev/microsoft-teams-faqplusplus-app/issues/103",
            text: #"""
I finished deploying but when trying to sign in(Step Three) the configuration app, after entering my credentials, I get the follow error:

> Sorry, but we’re having trouble signing you in.
> AADSTS700054: response_type 'id_token' is not enabled for the application.
"""#,
            codes: [700054], top: "redirect-uri-not-registered", knownMiss: true),
        RealPaste(
            name: "held-out azure-devops-auth-samples-14 70005 response_type token",
            source: "https://github.com/microsoft/azure-devops-auth-samples/issues/14",
            text: #"""
I followed the instructions in README.md for setting up JavascriptWebAppSample. The application fails and outputs the following error:
ERROR:
AADSTS70005: response_type 'token' is not enabled for the application
"""#,
            codes: [70005], top: "response-type-not-enabled"),
        RealPaste(
            name: "held-out msgraph-training-dotnet-44 50059 DeviceCodeCredential",
            source: "https://github.com/microsoftgraph/msgraph-training-dotnet/issues/44",
            text: #"""
Unhandled exception. System.AggregateException: One or more errors occurred. (DeviceCodeCredential authentication failed: AADSTS50059: No tenant-identifying information found in either the request or implied by any provided credentials.
Trace ID: 1bfdc744-1fef-4cbc-8946-28909b21d100
Correlation ID: 93ccce4f-3fc0-417b-b76a-487a96376a9f
Timestamp: 2022-04-14 13:55:52Z)
 ---> Azure.Identity.AuthenticationFailedException: DeviceCodeCredential authentication failed: AADSTS50059: No tenant-identifying information found in either the request or implied by any provided credentials.
"""#,
            codes: [50059], traceId: "1bfdc744-1fef-4cbc-8946-28909b21d100", correlationId: "93ccce4f-3fc0-417b-b76a-487a96376a9f",
            flow: .deviceCode, top: "tenantless-authority-without-hint"),
        RealPaste(
            name: "held-out msal-python-141 50059 device flow JSON",
            source: "https://github.com/AzureAD/microsoft-authentication-library-for-python/issues/141",
            text: #"""
ValueError: Fail to create device flow. Err: {
    "error": "invalid_request",
    "error_description": "AADSTS50059: No tenant-identifying information found in either the request or implied by any provided credentials.\r\nTrace ID: 2427820b-55d9-4be8-943a-1497c349f200\r\nCorrelation ID: e561c394-c4e3-4c43-be57-b35e3070cac5\r\nTimestamp: 2020-01-06 20:50:25Z",
    "error_codes": [
        50059
    ],
"""#,
            codes: [50059], traceId: "2427820b-55d9-4be8-943a-1497c349f200", correlationId: "e561c394-c4e3-4c43-be57-b35e3070cac5",
            top: "tenantless-authority-without-hint"),
        RealPaste(
            name: "held-out microsoft-identity-web-462 50059 app token on common",
            source: "https://github.com/AzureAD/microsoft-identity-web/issues/462",
            text: #"""
[Bug] ADSTS50059: No tenant-identifying information found in either the request or implied by any provided credentials

How do I call downstream api. I am trying to call "GetAccessTokenForAppAsync" but I get the above-mentioned error. I am using multi tenant setup. Tenant is "common" in appsettings. It's .net core web app.

below appsettings
"Instance": "https://login.microsoftonline.com/",
    "Domain": "xxxx.com",
    "TenantId": "common",
    "ClientId": "ac2b0838-xxxxxxxxxxxxx",
    "CallbackPath": "/signin-oidc",
    "AadAuthorityAudience": "AzureAdMultipleOrgs"
"""#,
            codes: [50059], top: "tenantless-authority-for-app-flow", knownMiss: true),
        RealPaste(
            name: "held-out azuredatastudio-13953 50173 revoked grant",
            source: "https://github.com/microsoft/azuredatastudio/issues/13953",
            text: #"""
Response error! - {"error":"invalid_grant","error_description":"AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '2020-12-11T09:41:15.6470000Z' and the TokensValidFrom date (before which tokens are not valid) for this user is '2020-12-29T09:59:06.0000000Z'.\r\nTrace ID: c3a82c17-703b-4bbf-b85c-6c0fa6091300\r\nCorrelation ID: 1960f17b-46e2-49f1-8eb1-c399c1d85529\r\nTimestamp: 2021-01-13 10:05:13Z","error_codes":[50173],"timestamp":"2021-01-13 10:05:13Z","trace_id":"c3a82c17-703b-4bbf-b85c-6c0fa6091300","correlation_id":"1960f17b-46e2-49f1-8eb1-c399c1d85529","error_uri":"https://login.microsoftonline.com/error?code=50173"}
"""#,
            codes: [50173], traceId: "c3a82c17-703b-4bbf-b85c-6c0fa6091300", correlationId: "1960f17b-46e2-49f1-8eb1-c399c1d85529",
            top: "refresh-token-expired-or-revoked"),
        RealPaste(
            name: "held-out azure-cli-16745 50173 az get-access-token",
            source: "https://github.com/Azure/azure-cli/issues/16745",
            text: #"""
Get Token request returned http error: 400 and server response: {"error":"invalid_grant","error_description":"AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '2021-01-05T05:09:31.5970000Z' and the TokensValidFrom date (before which tokens are not valid) for this user is '2021-01-14T06:26:06.0000000Z'.\r\nTrace ID: 0aaa7d90-73c6-46cc-9c9d-fc161b282000\r\nCorrelation ID: eb217b32-36ad-410b-9b1e-f71cd6947581\r\nTimestamp: 2021-01-31 05:56:19Z","error_codes":[50173],"timestamp":"2021-01-31 05:56:19Z","trace_id":"0aaa7d90-73c6-46cc-9c9d-fc161b282000","correlation_id":"eb217b32-36ad-410b-9b1e-f71cd6947581","error_uri":"https://login.microsoftonline.com/error?code=50173"}
Traceback (most recent call last):
"""#,
            codes: [50173], traceId: "0aaa7d90-73c6-46cc-9c9d-fc161b282000", correlationId: "eb217b32-36ad-410b-9b1e-f71cd6947581",
            top: "refresh-token-expired-or-revoked"),
        RealPaste(
            name: "held-out synapse-vscode-87 50173 MSAL Node message",
            source: "https://github.com/microsoft/SynapseVSCode/issues/87",
            text: #"""
Error running command synapse.switchWorkspace: invalid_grant: 50173 - [2026-05-07 13:56:01Z]: AADSTS50173: The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '2026-05-05T07:58:49.1784343Z' and the TokensValidFrom date (before which tokens are not valid) for this user is '2026-05-06T19:22:03.0000000Z'. Trace ID: e352c27a-0d08-4a6a-af56-8f1c52664300 Correlation ID: dc4ca0ad-4875-4aa5-93ae-84c892c7e54d Timestamp: 2026-05-07 13:56:01Z - Correlation ID: dc4ca0ad-4875-4aa5-93ae-84c892c7e54d - Trace ID: e352c27a-0d08-4a6a-af56-8f1c52664300. This is likely caused by the extension that contributes synapse.switchWorkspace.
"""#,
            codes: [50173], traceId: "e352c27a-0d08-4a6a-af56-8f1c52664300", correlationId: "dc4ca0ad-4875-4aa5-93ae-84c892c7e54d",
            top: "refresh-token-expired-or-revoked"),
        RealPaste(
            name: "held-out react-native-azure-ad-31 50173 empty IDs",
            source: "https://github.com/wkh237/react-native-azure-ad/issues/31",
            text: #"""
"error_description": "AADSTS50173: The provided grant has expired due to it being revoked. The user might have changed or reset their password. The grant was issued on '2017-11-26T09:16:07.5290000Z' and the TokensValidFrom date for this user is '2017-11-27T17:35:50.0000000Z'
Trace ID: 
Correlation ID: 
Timestamp: 2017-12-03 07:57:31Z",
    "timestamp": "2017-12-03 07:57:31Z",
    "trace_id": "",
  },
}
"""#,
            codes: [50173], top: "refresh-token-expired-or-revoked"),
        RealPaste(
            name: "held-out azure-docs-12552 IDX10205 v2 token, v1 issuer expected",
            source: "https://github.com/MicrosoftDocs/azure-docs/issues/12552",
            text: #"""
validate-jwt (70 ms)
{
    "message": "JWT Validation Failed: IDX10205: Issuer validation failed. Issuer: 'https://login.microsoftonline.com/2fa002e8-d595-49fb-b4d9-7aa6159af2f6/v2.0'. Did not match: validationParameters.ValidIssuer: '' or validationParameters.ValidIssuers: 'https://sts.windows.net/2fa002e8-d595-49fb-b4d9-7aa6159af2f6/'.."
}
"""#,
            codes: [], idx: ["IDX10205"], top: "issuer-version-mismatch"),
        RealPaste(
            name: "held-out msal-dotnet-2255 50020 account of another Entra tenant",
            source: "https://github.com/AzureAD/microsoft-authentication-library-for-dotnet/issues/2255",
            text: #"""
Microsoft.Identity.Client.MsalUiRequiredException
  HResult=0x80131500
  Message=AADSTS50020: User account '{EmailHidden}' from identity provider 'https://sts.windows.net/4e2c9ebc-13a3-4967-a599-8269be6d22f6/' does not exist in tenant 'Carlintveld' and cannot access the application '4f381a56-a3b1-419a-a2ca-89a6f52f0e7b'(Azure DevOps Sample) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.
Trace ID: 39765221-a26a-4792-a51b-19416a219d01
Correlation ID: f6985690-724a-453d-a4f8-4ebfe4cc4d00
Timestamp: 2020-11-30 16:01:14Z
"""#,
            codes: [50020], traceId: "39765221-a26a-4792-a51b-19416a219d01", correlationId: "f6985690-724a-453d-a4f8-4ebfe4cc4d00",
            top: "guest-not-invited"),
        RealPaste(
            name: "held-out azure-docs-57031 50020 personal account on My Apps",
            source: "https://github.com/MicrosoftDocs/azure-docs/issues/57031",
            text: #"""
`Request Id: e3b964ed-44a5-4c32-a731-c8dc8b979b00
Correlation Id: 4d9e6ecb-4c6d-41c1-8ad6-28b8a39edb91
Timestamp: 2020-06-10T07:38:50Z
Message: AADSTS50020: User account 'user@example.com' from identity provider 'live.com' does not exist in tenant 'Microsoft Services' and cannot access the application '2793995e-0a7d-40d7-bd35-6968ba142197'(My Apps) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different
"""#,
            codes: [50020], correlationId: "4d9e6ecb-4c6d-41c1-8ad6-28b8a39edb91", top: "personal-account-on-work-only-app"),
    ]
}
