import TokenScopeCore

/// Real pastes about client credentials: secrets (7000215, 7000222), certificates and client
/// assertions (700027, 50027, 700024, 50012), federated credentials (700213, 7002137, 7002138).
enum ExplainPastesCredentials {
    static let all: [RealPaste] = [
        RealPaste(
            name: "microsoft-365-agents-toolkit-8621 7000215 JSON in bot log",
            source: "https://github.com/OfficeDev/microsoft-365-agents-toolkit/issues/8621",
            text: #"""
onTurnError] unhandled error: Error: Get Token request returned http error: 401 and server response: {"error":"invalid_client","error_description":"**AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'a8fdfbd0-da97-42d9-8f1a-fd6a7cb650b4'.\r\nT**race ID: 6f6c4645-0202-4486-b625-fa957dfc4700\r\nCorrelation ID: 5fc87507-4086-4e77-b415-cee677eb232e\r\nTimestamp: 2023-05-06 06:03:00Z","error_codes":[7000215],"timestamp":"2023-05-06 06:03:00Z","trace_id":"6f6c4645-0202-4486-b625-fa957dfc4700","correlation_id":"5fc87507-4086-4e77-b415-cee677eb232e","error_uri":"https://login.microsoftonline.com/error?code=7000215"}<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html xmlns="http://www.w3.org/1999/xhtml"><head><title>IIS Detailed Error - 500.0 - Internal Server Error</title><style type="text/css"></style>
"""#,
            codes: [7000215], traceId: "6f6c4645-0202-4486-b625-fa957dfc4700", correlationId: "5fc87507-4086-4e77-b415-cee677eb232e",
            top: "secret-id-instead-of-value"),
        RealPaste(
            name: "sap-automation-418 7000215 autorest",
            source: "https://github.com/Azure/sap-automation/issues/418",
            text: #"""
Error : Error: Failed to get existing workspaces: Error retrieving keys for Storage Account "mgmtweeutfstatee56": autorest/Client#Do: Preparing request failed: StatusCode=0 -- Original Error: clientCredentialsToken: received HTTP status 401 with response: {"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '4d856d1f-8648-456c-9bb2-f36273bbe4e3'.\r\nTrace ID: 6bad8289-db4a-49da-8609-0848d8d71700\r\nCorrelation ID: 63b8bb61-5ca6-4ae3-8224-15a4de11cd87\r\nTimestamp: 2023-02-20 07:21:29Z","error_codes":[7000215],"timestamp":"2023-02-20 07:21:29Z","trace_id":"6bad8289-db4a-49da-8609-0848d8d71700","correlation_id":"63b8bb61-5ca6-4ae3-8224-15a4de11cd87","error_uri":"[https://login.microsoftonline.com/error?code=7000215"}](https://login.microsoftonline.com/error?code=7000215%22})
"""#,
            codes: [7000215], traceId: "6bad8289-db4a-49da-8609-0848d8d71700", correlationId: "63b8bb61-5ca6-4ae3-8224-15a4de11cd87",
            flow: .clientCredentials, top: "secret-id-instead-of-value"),
        RealPaste(
            name: "keycloak-31294 7000215 wrapped log line",
            source: "https://github.com/keycloak/keycloak/issues/31294",
            text: #"""
2024-07-15 11:14:02,463 ERROR [org.keycloak.broker.oidc.AbstractOAuth2IdentityProvider] (executor-thread-1) Unexpected response from token
 endpoint https://login.microsoftonline.com/common/oauth2/v2.0/token. status=401, response={"error":"invalid_client","error_description":"
AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, 
not the client secret ID, for a secret added to 
app 'f8c37a6e-0d92-4b31-992f-6e5c9c6f1a99'. Trace ID: 18ca6aad-314e-4069-9bb3-ddf8cd312100 
Correlation ID: 5cdbfdc4-bb99-48ca-b411-f53541f6ed62 
Timestamp: 2024-07-15 11:14:02Z","error_codes":[7000215],"timestamp":"2024-07-15 11:14:02Z","trace_id":"18ca6aad-314e-4069-9bb3-ddf8cd312100","correlation_id":"5cdbfdc4-bb99-48ca-b411-f53541f6ed62",
"error_uri":"https://login.microsoftonline.com/error?code=7000215"}
"""#,
            codes: [7000215], traceId: "18ca6aad-314e-4069-9bb3-ddf8cd312100", correlationId: "5cdbfdc4-bb99-48ca-b411-f53541f6ed62",
            top: "secret-id-instead-of-value"),
        RealPaste(
            name: "dataverse-devtools-166 7000215 MSAL Node message",
            source: "https://github.com/Power-Maverick/DataverseDevTools-VSCode/issues/166",
            text: #"""
Error occured in connectDataverse command. 
Error code: undefined. 
Error message: invalid_client: 7000215 - [2024-07-08 08:08:48Z]: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'b08e2b27-0b51-4da2-8c2e-decce73ce3f7'. Trace ID: 70fd961d-4f30-4cce-ab3d-de29fa23c900 Correlation ID: 6e46875c-70ea-4650-9102-8a32293f4fba Timestamp: 2024-07-08 08:08:48Z - Correlation ID: 6e46875c-70ea-4650-9102-8a32293f4fba - Trace ID: 70fd961d-4f30-4cce-ab3d-de29fa23c900. 
Error stack: ServerError: invalid_client: 7000215 - [2024-07-08 08:08:48Z]: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'b08e2b27-0b51-4da2-8c2e-decce73ce3f7'. Trace ID: 70fd961d-4f30-4cce-ab3d-de29fa23c900 Correlation ID: 6e46875c-
"""#,
            codes: [7000215], traceId: "70fd961d-4f30-4cce-ab3d-de29fa23c900", correlationId: "6e46875c-70ea-4650-9102-8a32293f4fba",
            top: "secret-id-instead-of-value"),
        RealPaste(
            name: "company-communicator-1487 7000215 MSAL.NET AggregateException",
            source: "https://github.com/OfficeDev/microsoft-teams-apps-company-communicator/issues/1487",
            text: #"""
`System.AggregateException: Failed to acquire token for client credentials. (A configuration issue is preventing authentication - check the error message from the server for details. You can modify the configuration in the application registration portal. See https://aka.ms/msal-net-invalid-client for details.  Original exception: AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app 'GUID'. Trace ID: e2ab7b14-d156-442a-ab84-a8bf8610eb00 Correlation ID: 063a326b-db94-42f8-96cd-e293ed5b6d4c Timestamp: 2024-06-28 14:25:27Z)`
"""#,
            codes: [7000215], traceId: "e2ab7b14-d156-442a-ab84-a8bf8610eb00", correlationId: "063a326b-db94-42f8-96cd-e293ed5b6d4c",
            top: "secret-id-instead-of-value"),
        RealPaste(
            name: "msgraph-cli-383 7000215 ClientSecretCredential",
            source: "https://github.com/microsoftgraph/msgraph-cli/issues/383",
            text: #"""
   at Microsoft.Identity.Client.Internal.Requests.ClientCredentialRequest.ExecuteAsync(CancellationToken cancellationToken)
   at Microsoft.Identity.Client.Internal.Requests.RequestBase.RunAsync(CancellationToken cancellationToken)
Unhandled exception: Azure.Identity.AuthenticationFailedException: ClientSecretCredential authentication failed: A configuration issue is preventing authentication - check the error message from the server for details. You can modify the configuration in the application registration portal. See https://aka.ms/msal-net-invalid-client for details.  Original exception: AADSTS7000215: Invalid client secret provided. Ensure the secret be
"""#,
            codes: [7000215], flow: .clientCredentials, top: "secret-id-instead-of-value"),
        RealPaste(
            name: "ms-identity-python-webapp-67 7000222",
            source: "https://github.com/Azure-Samples/ms-identity-python-webapp/issues/67",
            text: #"""
invalid_client
AADSTS7000222: The provided client secret keys are expired. Visit the Azure Portal to create new keys for your app, or consider using certificate credentials for added security: https://docs.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials Trace ID: fff84e51-e60e-4599-bdc6-6d6685207601 Correlation ID: 83ddadd9-4d95-44f4-99e5-36a2401e8faf Timestamp: 2021-06-19 15:14:59Z
"""#,
            codes: [7000222], traceId: "fff84e51-e60e-4599-bdc6-6d6685207601", correlationId: "83ddadd9-4d95-44f4-99e5-36a2401e8faf",
            top: "secret-expired"),
        RealPaste(
            name: "dotnet-sign-849 7000222 Azure.Identity",
            source: "https://github.com/dotnet/sign/issues/849",
            text: #"""
info: Azure.Identity[3]
      ClientSecretCredential.GetToken was unable to retrieve an access token. Scopes: [ https://vault.azure.net/.default ] ParentRequestId: 719f53a2-ca93-4417-a907-b66d6baa24f1 Exception: Azure.Identity.AuthenticationFailedException (0x80131500): ClientSecretCredential authentication failed:
       ---> Microsoft.Identity.Client.MsalServiceException (0x80131500): A configuration issue is preventing authentication - check the error message from the server for details. You can modify the configuration in the application registration portal. See https://aka.ms/msal-net-invalid-client for details.  Original exception: AADSTS7000222: The provided client secret keys for app 'ccc25fb8-d83b-4225-b4b7-5f31bfb007be' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds. Trace ID: de577a4f-a611-44e8-94e6-5ca7955a3800 Correlation ID: b1f881fe-810c-4731-a772-fa920ee90430 Timestamp: 2025-04-10 13:07:42Z
fail: Sign.Core.ISigner[0]
      ClientSecretCredential authentication failed:
      Azure.Identity.AuthenticationFailedException: ClientSecretCredential authentication failed:
       ---> MSAL.NetCore.4.67.2.0.MsalServiceException:
        ErrorCode: invalid_client
"""#,
            codes: [7000222], traceId: "de577a4f-a611-44e8-94e6-5ca7955a3800", correlationId: "b1f881fe-810c-4731-a772-fa920ee90430",
            flow: .clientCredentials, top: "secret-expired"),
        RealPaste(
            name: "vsts-release-aas-119 7000222 PowerShell debug log",
            source: "https://github.com/liprec/vsts-release-aas/issues/119",
            text: #"""
2023-01-09T14:06:15.1759431Z ##[error]System.Management.Automation.RuntimeException: Not able to fetch token for tenant Id $tenantid

POST https://login.windows.net/$tenantid/oauth2/v2.0/token with -1-byte payload
2023-01-09T14:06:14.7761493Z ##[debug]Exception message - System.Net.WebException: The remote server returned an error: (401) Unauthorized.
2023-01-09T14:06:14.7997290Z ##[debug]Exception message extracted from response {"error":"invalid_client","error_description":"AADSTS7000222: The provided client secret keys for app '***' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.\r\nTrace ID: 8c95acf1-cc04-40a1-ad14-481862cf1801\r\nCorrelation ID: d65574ea-000b-4526-8595-ddaae8b4250d\r\nTimestamp: 2023-01-09 14:06:14Z","error_codes":[70
"""#,
            codes: [7000222], traceId: "8c95acf1-cc04-40a1-ad14-481862cf1801", correlationId: "d65574ea-000b-4526-8595-ddaae8b4250d",
            top: "secret-expired"),
        RealPaste(
            name: "letsencrypt-siteextension-117 70002+50012 invalid secret (ADAL)",
            source: "https://github.com/sjkp/letsencrypt-siteextension/issues/117",
            text: #"""
Microsoft.IdentityModel.Clients.ActiveDirectory.AdalServiceException: AADSTS70002: Error validating credentials. AADSTS50012: Invalid client secret is provided. Trace ID: f8002e35-8e39-4dce-a889-96498b8f0d00 Correlation ID: 96cd5114-2f15-4cc4-89fd-8d110359777a Timestamp: 2017-04-02 12:10:31Z ---> System.Net.WebException: The remote server returned an error: (401) Unauthorized. at System.Net.HttpWebRequest.GetResponse() at Microsoft.IdentityModel.Clients.ActiveDirectory.HttpWebRequestWrapper.<GetResponseSyncOrAsync>d__2.MoveNext() --- End of stack trace from previous location where exception was thrown --- at Microsoft.IdentityModel.Clients.ActiveDirectory.AuthenticationContext.AcquireToken(String resource, ClientCredential clientCredential)
"""#,
            codes: [50012, 70002], traceId: "f8002e35-8e39-4dce-a889-96498b8f0d00", correlationId: "96cd5114-2f15-4cc4-89fd-8d110359777a",
            top: "secret-id-instead-of-value"),
        RealPaste(
            name: "cli-microsoft365-1621 700027 key not found",
            source: "https://github.com/pnp/cli-microsoft365/issues/1621",
            text: #"""
As part of CICD in azure DevOps, the release pipeline tried to authenticate using certificate(cert.pem) to o365 and getting below Error and error code is **AADSTS700027**

**Error: AADSTS700027: Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '1C74D736BEA6C95459FD38D02D0A2514A52FC9E9', Please visit 'https://developer.microsoft.com/en-us/graph/graph-explorer' and query for 'https://graph.microsoft.com/beta/applications/31359c7f-bd7e-475c-86db-fdb8c937548e' to see configured keys]
Trace ID: c36d5a6e-a82a-49c5-9af1-a6e16de60a00
Correlation ID: b13d6979-8e3c-4ea1-8050-e69ca4550ab5**
"""#,
            codes: [700027], traceId: "c36d5a6e-a82a-49c5-9af1-a6e16de60a00", correlationId: "b13d6979-8e3c-4ea1-8050-e69ca4550ab5",
            top: "certificate-not-registered"),
        RealPaste(
            name: "msal-js-3741 700027 SNI with msal-node",
            source: "https://github.com/AzureAD/microsoft-authentication-library-for-js/issues/3741",
            text: #"""
MSAL ConfidentialClientApplication using SNI (x5c) throwing "AADSTS700027: Client assertion contains an invalid signature"

I'm having trouble acquiring a first-party AAD token using msal-node using SNI. I followed the example in the documentation but I keep getting an unhelpful error message.

```
"invalid_client: 700027 - [2021-06-10 22:21:00Z]: AADSTS700027: Client assertion contains an invalid signature. [Reason - The key was not found., Thumbprint of key used by client: '3BAFFDE57ADC4ABB93374403C529DD84776E9B0F', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '9edfcdd9-0bc5-4bd4-b287-c3afc716aac7'. Review the documentation at https://docs.microsoft.com/en-us/graph/deployments to determine the corresponding service endpoint and https://docs.microsoft.com/en-us/graph/api/application-get?view=graph-rest-1.0&tabs=http to build a query request URL, such as 'https://graph.
"""#,
            codes: [700027], top: "sni-certificate-without-x5c"),
        RealPaste(
            name: "msal-js-8339 700027 SNI agents SDK",
            source: "https://github.com/AzureAD/microsoft-authentication-library-for-js/issues/8339",
            text: #"""
We have a 1p app with SNI setup. We are using agents-hosting sdk which does the cert based auth for us
Here we are facing issue with x5c. We see sdk passing it but we see its still trying to search the thumbprint on the 1p app but not via SNI

### Error Message

errorCode: 'invalid_client',
2026-02-18T11:42:13.840925495Z     errorMessage: "Error(s): 700027 - Timestamp: 2026-02-18 11:42:13Z - Description: AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '<thumbprint>', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '<1pappId>'. Review the documentation at https:
"""#,
            codes: [700027], top: "sni-certificate-without-x5c"),
        RealPaste(
            name: "msal-dotnet-124 70002+50027 no thumbprint in header",
            source: "https://github.com/AzureAD/microsoft-authentication-library-for-dotnet/issues/124",
            text: #"""
We're using the ConfidentialClientApplication with a Certificate in order to get an oauth token and we're getting the following exception:

```
{"AADSTS70002: Error validating credentials. AADSTS50027: Invalid JWT token. No certificate thumbprint specified in token header.\r\nTrace ID: d1e372b5-d948-48a6-94f3-a1feaa6f0af8\r\nCorrelation ID: cff34b7c-c5d4-4d3e-81fa-d38cb3b36fe4\r\nTimestamp: 2016-10-13 21:30:18Z"}
```

When the same code is tested with a secret it works as expected.
"""#,
            codes: [50027, 70002], traceId: "d1e372b5-d948-48a6-94f3-a1feaa6f0af8", correlationId: "cff34b7c-c5d4-4d3e-81fa-d38cb3b36fe4",
            top: "assertion-header-wrong"),
        RealPaste(
            name: "msal-dotnet-4951 700024 assertion valid from 1970",
            source: "https://github.com/AzureAD/microsoft-authentication-library-for-dotnet/issues/4951",
            text: #"""
`AADSTS700024: Client assertion is not within its valid time range. Current time: 2024-10-02T22:05:03.6755165Z, assertion valid from 1970-01-01T00:00:00.0000000Z, expiry time of assertion 2024-10-02T21:30:53.0000000Z. Review the documentation at
https://learn.microsoft.com/entra/identity-platform/certificate-credentials`
"""#,
            codes: [700024], top: "client-assertion-reused"),
        RealPaste(
            name: "msal4j-984 700024 after upgrade",
            source: "https://github.com/AzureAD/microsoft-authentication-library-for-java/issues/984",
            text: #"""
### Scenario

ConfidentialClient - service to service (AcquireTokenForClient)

Hi,
1 hour afte we upgrade to msal v1.23.0 we started seeing this stacktrace:
```
Caused by: com.microsoft.aad.msal4j.MsalServiceException: AADSTS700024: Client assertion is not within its valid time range. Current time: 2025-08-29T05:47:32.1501147Z, assertion valid from 1970-01-01T00:00:00.0000000Z, expiry time of assertion 2025-08-29T00:30:05.0000000Z. Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials . Trace ID: 7a84b74b-1889-494f-b408-66e8b36c7400 Correlation ID: d75bd923-d9ca-4d18-b80e-b13851840fa9 Timestamp: 2025-08-29 05:47:32Z
	at com.microsoft.aad.msal4j.MsalServiceExceptionFactory.fromHttpResponse(MsalServiceExceptionFactory.java:38)
	at com.microsoft.aad.msal4j.TokenRequestExecutor.createAuthenticationResultFromOauthHttpResponse(TokenRequestExecutor.java:168)
"""#,
            codes: [700024], traceId: "7a84b74b-1889-494f-b408-66e8b36c7400", correlationId: "d75bd923-d9ca-4d18-b80e-b13851840fa9",
            flow: .clientCredentials, top: "client-assertion-reused"),
        RealPaste(
            name: "dotnet-docker-tools-1310 700024 ClientAssertionCredential",
            source: "https://github.com/dotnet/docker-tools/pull/1310",
            text: #"""
Unhandled exception: Azure.Identity.AuthenticationFailedException: DefaultAzureCredential authentication failed due to an unhandled exception: 
 ---> Azure.Identity.AuthenticationFailedException: ClientAssertionCredential authentication failed: A configuration issue is preventing authentication - check the error message from the server for details. You can modify the configuration in the application registration portal. See https://aka.ms/msal-net-invalid-client for details.  Original exception: AADSTS700024: Client assertion is not within its valid time range. Current time: 2024-05-28T06:01:42.5853621Z, assertion valid from 2024-05-28T02:19:01.0000000Z, expiry time of assertion 2024-05-28T02:29:01.0000000Z. Review the documentation at https://docs.microsoft.com/azure/active-directory/develop/active-directory-certificate-credentials . Trace ID: 47ddff41-43d5-4e7e-aa00-dcd12eb2f600 Correlation ID: e26ff7b2-9371-4445-a593-4ec453fa9184 Timestamp: 2024-05-28 06:01:42Z
 ---> MSAL.NetCore.4.60.3.0.MsalServiceException:
	ErrorCode: invalid_client
"""#,
            codes: [700024], traceId: "47ddff41-43d5-4e7e-aa00-dcd12eb2f600", correlationId: "e26ff7b2-9371-4445-a593-4ec453fa9184",
            flow: .clientCredentials, top: "fic-external-token-expired"),
        RealPaste(
            name: "sato-1 700024 local time used as UTC",
            source: "https://github.com/obikuro/Sato/issues/1",
            text: #"""
PS:> Invoke-Sato -GrantType "jwt_assertion_sign" -TenantID "XXX" -AppID "XXXX" -KeyVaultName "XXX" -CertName "XXXX" -KeyToken $vaultToken -PredefinedScope MaARM -Decode
Using Azure Key Vault for JWT assertion signing

 {"error":"invalid_client","error_description":"AADSTS700024: Client assertion is not within its valid time range. Current time: 2024-12-07T12:09:18.3149355Z, assertion valid from
1970-01-01T00:00:00.0000000Z, expiry time of assertion 2024-12-07T11:14:18.0000000Z.....\" }
"""#,
            codes: [700024], top: "client-assertion-clock-skew"),
        RealPaste(
            name: "adal4j-46 two 70002+50012 assertion time range",
            source: "https://github.com/AzureAD/azure-activedirectory-library-for-java/issues/46",
            text: #"""
Failed tests:   testAcquireToken_KeyCred(com.microsoft.aad.adal4j.AuthenticationContextTest): com.microsoft.aad.adal4j.AuthenticationException: {"error_description":"AADSTS70002: Error validating credentials. AADSTS50012: Client assertion is not within its valid time range.\r\nTrace ID: 80ad7758-a570-42f0-97b7-ae2dded006c7\r\nCorrelation ID: 986a6c2c-a596-4189-b5b5-3a1b1a9a17e2\r\nTimestamp: 2015-07-30 17:18:47Z","error":"invalid_client"}
  testAcquireToken_RefreshToken(com.microsoft.aad.adal4j.AuthenticationContextTest): com.microsoft.aad.adal4j.AuthenticationException: {"error_description":"AADSTS70002: Error validating credentials. AADSTS50012: Client assertion is not within its valid time range.\r\nTrace ID: b954337f-bc46-421f-b25e-7b4c64d52ac3\r\nCorrelation ID: 59cab3ef-c94a-429c-b216-0c384e766242\r\nTimestamp: 2015-07-30 17:18:48Z","error":"invalid_client"}
"""#,
            codes: [50012, 70002], traceId: "80ad7758-a570-42f0-97b7-ae2dded006c7", correlationId: "986a6c2c-a596-4189-b5b5-3a1b1a9a17e2",
            errors: 2, top: "client-assertion-clock-skew"),
        RealPaste(
            name: "azure-login-482 700213 GitHub OIDC subject",
            source: "https://github.com/Azure/login/issues/482",
            text: #"""
Federated token details:
 issuer - https://token.actions.githubusercontent.com
 subject claim - repo:meltwater/meltwater-chatbot:environment:dev
Attempting Azure CLI login by using OIDC...
Error: AADSTS700213: No matching federated identity record found for presented assertion subject 'repo:meltwater/mel
"""#,
            codes: [700213], top: "fic-subject-mismatch"),
        RealPaste(
            name: "azure-login-515 7002138 case-sensitive subject",
            source: "https://github.com/Azure/login/issues/515",
            text: #"""
Error: AADSTS7002138: No matching federated identity record found for presented assertion subject 'repo:CODfreak213421/IsocertsgDashboard23:environment:Production'. The subject matches with case-insensitive comparison, but not with case-sensitive comparison. Check your federated identity credential Subject, Audience and Issuer against the presented assertion. See documentation at: https://learn.microsoft.com/entra/workload-id/workload-identity-federation. See breaking change notification and remediation at: https://learn.microsoft.com/en-us/entra/identity-platform/reference-breaking-changes#august-2024. 
"""#,
            codes: [7002138], top: "fic-subject-mismatch"),
        RealPaste(
            name: "microsoft-agents-202 7002137 managed identity FIC",
            source: "https://github.com/microsoft/Agents/issues/202",
            text: #"""
we are getting below error: `{
  "message": "Login failed",
  "statusCode": 401,
  "responseBody": "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7002137: No matching federated identity record found for presented assertion subject '/eid1/c/pub/t/v4j5cvGGr0GRqy180BHbRw/a/9ExAW52n_ky4ZiS_jhpJIQ/7e307b14-2a27-4f66-ada8-ec6400eb4977'. Please make sure the federated identity credential Subject is '/eid1/c/pub/t/{tenantId}/a/9ExAW52n_ky4ZiS_jhpJIQ/7e307b14-2a27-4f66-ada8-ec6400eb4977'. Trace ID: 007fc931-d337-4638-8760-8f5c9c231e00 Correlation ID: bc6ac312-88fd-4b97-8d37-6566985045b9 Timestamp: 2025-07-07 10:30:48Z\",\"error_codes\":[7002137],\"timestamp\":\"2025-07-07 10:30:48Z\",\"trace_id\":\"007fc931-d337-4638-8760-8f5c9c231e00\",\"correlation_id\":\"bc6ac312-88fd-4b97-
"""#,
            codes: [7002137], traceId: "007fc931-d337-4638-8760-8f5c9c231e00", correlationId: "bc6ac312-88fd-4b97-8d37-6566985045b9",
            top: "fic-subject-mismatch"),
        RealPaste(
            name: "dotnet-maui-31978 700213 pipeline service connection",
            source: "https://github.com/dotnet/maui/pull/31978",
            text: #"""
##[error]Script failed with error: ERROR: AADSTS700213: No matching federated identity record found for presented assertion subject '***'. Check your federated identity credential Subject, Audience and Issuer against the presented assertion. https://learn.microsoft.com/entra/workload-id/workload-identity-federation Trace ID: 8eea681d-a1eb-487d-9be7-d61225177f00 Correlation ID: d0f0de73-8a5d-4de0-99b6-83e71da1f7a4 Timestamp: 2025-10-13 14:54:34Z
"""#,
            codes: [700213], traceId: "8eea681d-a1eb-487d-9be7-d61225177f00", correlationId: "d0f0de73-8a5d-4de0-99b6-83e71da1f7a4",
            top: "fic-subject-mismatch"),
    ]
}
