import TokenScopeCore

/// Real On-Behalf-Of pastes (50013, 500131, 240002, 500133, 65001, 50076/50079, 53003, 7000114,
/// OnBehalfOfWrongAuthority). Sources are recorded beside each paste.
enum ExplainPastesOBO {
    static let all: [RealPaste] = [
        RealPaste(
            name: "msal-dotnet-1317 50013 signature (exception message)",
            source: "https://github.com/AzureAD/microsoft-authentication-library-for-dotnet/issues/1317",
            text: #"""
While validating my On-Behalf-Of flow, our call was returning "Assertion failed signature validation."

Full error message from the call:
{"AADSTS50013: Assertion failed signature validation. [Reason - The provided signature value did not match the expected signature value., Thumbprint of key used by client: 'FAA38DEAC2FDDFC470BFCE7449B7BF597C50AED3', Found key 'Start=06/21/2019 00:00:00, End=06/21/2021 00:00:00']\r\nTrace ID: 1f8d9f66-072e-4b77-8b49-84182f413000\r\nCorrelation ID: ae332ee3-77ee-42c8-85a4-ea2593af7542\r\nTimestamp: 2019-08-02 20:42:53Z"}
"""#,
            codes: [50013], traceId: "1f8d9f66-072e-4b77-8b49-84182f413000", correlationId: "ae332ee3-77ee-42c8-85a4-ea2593af7542",
            flow: .obo, top: "obo-assertion-for-other-api"),
        RealPaste(
            name: "azure-sdk-for-java-25109 50013 OnBehalfOfCredential log",
            source: "https://github.com/Azure/azure-sdk-for-java/issues/25109",
            text: #"""
2021-10-29 15:53:09.643 ERROR com.azure.identity.OnBehalfOfCredential  Azure Identity => ERROR in getToken() call for scopes [.default]: AADSTS50013: Assertion failed signature validation. [Reason - The provided signature value did not match the expected signature value., Thumbprint of key used by client: '977B10FB9D1C087E3105564B1D31B09D247BEBCD', Found key 'Start=02/07/2021 17:00:39, End=02/06/2026 17:00:39'].
Trace ID: 62d60ed5-56c3-45a0-b960-93d4ec917d00
Correlation ID: 23f6c5a9-1ff9-4e6a-9dc8-b8b5fa539613
Timestamp: 2021-10-29 10:23:09Z
2021-10-29 15:53:09.645 ERROR 20324 --- [nio-8081-exec-4] o.a.c.c.C.[.[.[/].[dispatcherServlet]    : Servlet.service() for servlet [dispatcherServlet] in context with path [] threw exception [Request processing failed; nested exception is com.microsoft.graph.core.ClientException: Error executing the request] with root cause

com.microsoft.aad.msal4j.MsalInteractionRequiredException: AADSTS50013: Assertion failed signature validation. [Reason - The provided signature value did not match the expected signature value., Thumbprint of key used by client: '977B10FB9D1C087E3105564B1D31B09D247
"""#,
            codes: [50013], traceId: "62d60ed5-56c3-45a0-b960-93d4ec917d00", correlationId: "23f6c5a9-1ff9-4e6a-9dc8-b8b5fa539613",
            flow: .obo, top: "obo-assertion-for-other-api"),
        RealPaste(
            name: "ms-identity-javascript-tutorial-140 50013 SPA token to OBO",
            source: "https://github.com/Azure-Samples/ms-identity-javascript-tutorial/issues/140",
            text: #"""
I try to reproduce the sample with a msal.js acquired token (on SPA).
I can get an access token with AcquireSilentToken, then I transmit it to a server method.
This server method try to get a new access token with OBO token query (written in asp.net MVC / C#).

I got this error message :
AADSTS50013: Assertion failed signature validation

> Here is full error
{
    "error": "invalid_grant",
    "error_description": "AADSTS50013: Assertion failed signature validation. [Reason - Key was found, but use of the key to verify the signature failed., Thumbp
"""#,
            codes: [50013], flow: .obo, top: "obo-assertion-for-other-api"),
        RealPaste(
            name: "adal-dotnet-1234 50013 request and JSON response",
            source: "https://github.com/AzureAD/azure-activedirectory-library-for-dotnet/issues/1234",
            text: #"""
https://login.microsoftonline.com:443/{tenantId}/oauth2/v2.0/token
With this parameters :
client_id: app id declare inside Azure
client_secret : secret declare for the app inside azure
assertion : user token obtain AAD during sign-in to application
scope : https://graph.microsoft.com/user.read offline_access
requested_token_use : on_behalf_of
grant_type : urn:ietf:params:oauth:grant-type:jwt-bearer
client_assertion_type : urn:ietf:params:oauth:client-assertion-type:jwt-bearer

response :
{"error":"invalid_grant","error_description":"AADSTS50013: Assertion contains an invalid signature. [Reason - The provided signature value did not match the expected signature value., Thumbprint of key used by client: 'EFF66E7F5B6F9302F161A1D2DEAEA5523518206C', Found key 'Start=06/21/2018 00:00:00, End=06/21/2020 00:00:00']\r\nTrace ID: 6161cc29-60c1-4264-8469-342152201c00\r\nCorrelation ID: 95d6c4b6-a414-4510-b131-3775af8c1801\r\nTimestamp: 2018-08-28 09:33:19Z","error_codes":[50013],"timestamp":"2018-08-28 09:33:19Z","trace_id":"6
"""#,
            codes: [50013], traceId: "6161cc29-60c1-4264-8469-342152201c00", correlationId: "95d6c4b6-a414-4510-b131-3775af8c1801",
            flow: .obo, top: "obo-assertion-for-other-api"),
        RealPaste(
            name: "stackoverflow 50013 next-auth Graph token as assertion",
            source: "https://example-a.com/answer/77002285",
            text: #"""
I've implemented the standard AzureADProvider in my api/auth/[...nextauth]/route.ts file. Everything is functioning smoothly and I'm able to obtain a token from Azure. However, this token is intended for the Microsoft Graph resource, making it unsuitable for authenticating requests to my .NET 6 API.
To manage with this I would like to use the on-behalf-of flow to acquire an appropriate token for my API resource.
Unfortunately, I'm encountering an error:
AADSTS50013: Assertion failed signature validation. [Reason - The key was not found., Thumbprint of key used by client: 'xxxx'
"""#,
            codes: [50013], flow: .obo, top: "obo-assertion-for-other-api"),
        RealPaste(
            name: "stackoverflow 50013 Cortana Graph token",
            source: "https://example-a.com/answer/54237788",
            text: #"""
On behalf of token issue (AADSTS50013: Assertion contains an invalid signature)

I'm getting an error (mentioned below) when I'm trying to use Cortana Bot user token (which is a Graph token) to generate an "on-behalf-of" token to another consuming Web API application using ClientAssertionCertificate / ClientCredential targeted to another consuming Web API by passing its AppId as ResourceId and userAssertion generated by using Cortana Bot user token.

AADSTS50013: Assertion contains an invalid signature. 
[Reason - The provided signature value did not match the expected signature value., 
    Thumbprint of key used by client: '9DB0B05B5D70DD7901FB151A5F029148B8CC1C64', 
    Found key 'Start=11/11/2018 00:00:00, 
    End=11/11/2020 00:00:00'
]
Trace ID: a440869f-b8f5-4d87-ba1a-6bd8dd7ba200
Correlation ID: 651e1fa8-2069-4489-a687-e68e5206e193
Timestamp: 2019-01-02 07:14:45Z
"""#,
            codes: [50013], traceId: "a440869f-b8f5-4d87-ba1a-6bd8dd7ba200", correlationId: "651e1fa8-2069-4489-a687-e68e5206e193",
            flow: .obo, top: "obo-assertion-for-other-api"),
        RealPaste(
            name: "webapi-onbehalfof-3 50013 audience claim (ADAL)",
            source: "https://github.com/Azure-Samples/active-directory-dotnet-webapi-onbehalfof/issues/3",
            text: #"""
var userToken = authenticationContext.AcquireToken(_resourceId, _AppId, new Uri(_postLogoutRedirectUrl), PromptBehavior.Always);
var token = authContext.AcquireToken(_resourceId, _clientCredential, new UserAssertion(userToken));

And I get the error , " Error validating credentials. AADSTS50013: Assertion audience claim does not match the required value."
"""#,
            codes: [50013], flow: .obo, top: "obo-assertion-for-other-api"),
        RealPaste(
            name: "azuretre-deployment-65 500131 ADAL",
            source: "https://github.com/microsoft/AzureTRE-Deployment/issues/65",
            text: #"""
Microsoft.IdentityModel.Clients.ActiveDirectory.AdalServiceException: 'AADSTS500131: Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was Client id  and the expected audience is 'api:// apid or one of the Application Uris of this application with App ID. The downstream client must request a token for the expected audience (the application that made the OBO request) and this application should use that token as the assertion
"""#,
            codes: [500131], flow: .obo, top: "obo-assertion-for-other-api"),
        RealPaste(
            name: "company-communicator-214 500131 App ID URI case",
            source: "https://github.com/OfficeDev/microsoft-teams-apps-company-communicator/issues/214",
            text: #"""
Microsoft.Identity.Client.MsalUiRequiredException

Calling GET /api/groupdata/verifyaccess i get the next error 

AADSTS500131: Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was 'api://xxxxx.azurefd.net' and the expected audience is '7bc7xxxxxxxxxxxxxxxxxxxxxx360c4' or one of the Application Uris of this application with App ID '7bc7bxxxxxxxxxxxxxxx83a1360c4'(Company Communicator). The downstream client must request a token for the expected audience (the application that made the OBO request) and this application should use that token as the assertion.
"""#,
            codes: [500131], flow: .obo, top: "app-id-uri-differs"),
        RealPaste(
            name: "msal-js-389 70002+50013 audience abc/def",
            source: "https://github.com/AzureAD/microsoft-authentication-library-for-js/issues/389",
            text: #"""
AADSTS70002: Error validating credentials. AADSTS50013: Assertion audience does not match the Client app presenting the assertion. The audience in the assertion was 'abc' and the expected audience is 'def' or one of the Application Uris of this application with App ID 'def'.

Is this not a supported scenario?

I'm trying to implement a SSO where my API would accept a user accessToken from another app (same tenant) and then perform On-Behalf-Of requests.
"""#,
            codes: [50013, 70002], flow: .obo, top: "obo-assertion-for-other-api"),
        RealPaste(
            name: "azure-spring-boot-943 240002 msal4j stack",
            source: "https://github.com/microsoft/azure-spring-boot/issues/943",
            text: #"""
	at org.apache.tomcat.util.net.SocketProcessorBase.run(SocketProcessorBase.java:49) ~[tomcat-embed-core-9.0.35.jar:9.0.35]
	at java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1128) ~[na:na]
	at java.base/java.lang.Thread.run(Thread.java:830) ~[na:na]
Caused by: com.microsoft.aad.msal4j.MsalServiceException: AADSTS240002: Input id_token cannot be used as 'urn:ietf:params:oauth:grant-type:jwt-bearer' grant.
Trace ID: eff4d1a4-4297-4
Correlation ID: be0fb877-55c7-4c17
Timestamp: 2021-03-20 21:39:37Z
	at com.microsoft.aad.msal4j.MsalServiceExceptionFactory.fromHttpResponse(MsalServiceExceptionFactory.java:46) ~[msal4j-0.5.0-preview.jar:0.5.0-preview]
"""#,
            codes: [240002], traceId: "eff4d1a4-4297-4", correlationId: "be0fb877-55c7-4c17", flow: .obo, top: "obo-assertion-is-id-token"),
        RealPaste(
            name: "azure-spring-boot-333 240002 adal4j JSON",
            source: "https://github.com/microsoft/azure-spring-boot/issues/333",
            text: #"""
Caused by: com.microsoft.aad.adal4j.AuthenticationException: {"error_description":"AADSTS240002: Input id_token cannot be used as 'urn:ietf:params:oauth:grant-type:jwt-bearer' grant.\r\nTrace ID: e1aa2d9e-d2c1-48ec-966f-5641f29d0700\r\nCorrelation ID: 42ca36f0-b38f-4d0a-9d19-d7f689ba6c2c\r\nTimestamp: 2018-05-15 03:54:43Z","error":"invalid_request"}
        at com.microsoft.aad.adal4j.AdalTokenRequest.executeOAuthRequestAndProcessResponse(AdalTokenRequest.java:120) ~[adal4j-1.3.0.jar:1.3.0]
        at com.microsoft.aad.adal4j.AuthenticationContext.acquireTokenCommon(AuthenticationContext.java:880) ~[adal4j-1.3.0.jar:1.3.0]
"""#,
            codes: [240002], traceId: "e1aa2d9e-d2c1-48ec-966f-5641f29d0700", correlationId: "42ca36f0-b38f-4d0a-9d19-d7f689ba6c2c",
            flow: .obo, top: "obo-assertion-is-id-token"),
        RealPaste(
            name: "msgraph-sdk-dotnet-2551 500133 OnBehalfOfCredential expired",
            source: "https://github.com/microsoftgraph/msgraph-sdk-dotnet/issues/2551",
            text: #"""
fail: Microsoft.Identity.Web.TokenAcquisition[0]
      True MSAL 4.61.3.0 MSAL.NetCore .NET 6.0.31 Microsoft Windows 10.0.22631 [2024-06-20 11:53:02Z] MSAL.NetCore.4.61.3.0.MsalUiRequiredException:
        ErrorCode: invalid_grant
      Microsoft.Identity.Client.MsalUiRequiredException: AADSTS500133: Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token. Current time: 2024-06-20T11:53:16.0381024Z, expiry time of assertion 2024-06-20T11:53:16.0000000Z. Trace ID: 36ca6b7e-6af2-4b19-835d-42fe2ce61a00 Correlation ID: 70623480-4a75-4831-828b-631ef847d0b2 Timestamp: 2024-06-20 11:53:16Z
         at Microsoft.Identity.Client.Internal.Requests.RequestBase.HandleTokenRefreshErrorAsync(MsalServiceException e, MsalAccessTokenCacheItem
"""#,
            codes: [500133], traceId: "36ca6b7e-6af2-4b19-835d-42fe2ce61a00", correlationId: "70623480-4a75-4831-828b-631ef847d0b2",
            flow: .obo, top: "obo-assertion-expired"),
        RealPaste(
            name: "azure-docs-16399 70002+500133 JSON",
            source: "https://github.com/MicrosoftDocs/azure-docs/issues/16399",
            text: #"""
Last week we started to receive error code 500133 ("Assertion is not within its valid time range"). Is this intentional or some sort of a bug? Earlier the same error had the documented error code 50012. Here is the actual error we received: 
{"error":"invalid_grant","error_description":"AADSTS70002: Error validating credentials. AADSTS500133: Assertion is not within its valid time range\r\nTrace ID: 34a47217-50f3-4a88-aaff-e91feffa1100\r\nCorrelation ID: b823c2c0-55df-4131-b9ab-6192fb5f5bd8\r\nTimestamp: 2018-10-05 07:30:02Z","error_codes":[70002,500133],"timestamp":"2018-10-05 07:30:02Z","trace_id":"34a47217-50f3-4a88-aaff-e91feffa1100","correlation_id":"b823c2c0-55df-4131-b9ab-6192fb5f5bd8"}
"""#,
            codes: [500133, 70002], traceId: "34a47217-50f3-4a88-aaff-e91feffa1100", correlationId: "b823c2c0-55df-4131-b9ab-6192fb5f5bd8",
            flow: .obo, top: "obo-assertion-expired"),
        RealPaste(
            name: "functions-microsoftgraph-extension-52 70002+50013 time range",
            source: "https://github.com/Azure/azure-functions-microsoftgraph-extension/issues/52",
            text: #"""
2018-04-06T13:24:47.145 [Error] System.Private.CoreLib: Exception while executing function: Functions.getCalendar. Microsoft.Azure.WebJobs.Host: Exception binding parameter 'graphToken'. Microsoft.IdentityModel.Clients.ActiveDirectory: AADSTS70002: Error validating credentials. AADSTS50013: Assertion is not within its valid time range. Trace ID: e9c4c023-b531-45a4-a63c-be4f2e621000 Correlation ID: f5886be0-6846-484f-9d4b-b10711a8047c Timestamp: 2018-04-06 13:24:46Z. Microsoft.IdentityModel.Clients.ActiveDirectory: Response status code does not indicate success: 400 (BadRequest). {"error":"invalid_grant","error_description":"AADSTS70002: Error validating credentials. AADSTS50013: Assertion is not within its valid time range.\r\nTrace ID: e9c4c023-b531-45a4-a63c-be4f2e621000\r\nCorrelation ID: f5886be0-6846-484f-9d4b-b10711a8047c\r\nTimestamp: 2018-04-06 13:24:46Z","error_codes":[70002,50013],"timestamp":"2018-04-06 13:24:46Z","trace_id":"e9c4c023-b531-45a4-a63c-be4f2e621000","correlation_id":"f5886be0-6846-484f-9d4b-b10711a8047c"}. 2018-04-06T13:24:47.489 [Error] Executed 'Functions.getCalendar' (Failed, Id=ae18d8ff-2e42-4f0e-a761-bbc9c33bbf9f)
"""#,
            codes: [50013, 70002], traceId: "e9c4c023-b531-45a4-a63c-be4f2e621000", correlationId: "f5886be0-6846-484f-9d4b-b10711a8047c",
            flow: .obo, top: "obo-assertion-expired"),
        RealPaste(
            name: "webapi-onbehalfof-25 50013 time range, App Service ID token header",
            source: "https://github.com/Azure-Samples/active-directory-dotnet-webapi-onbehalfof/issues/25",
            text: #"""
I am sometimes receiving the following error: AADSTS50013: Assertion is not within its valid time range. I think always after leaving the session open for a while.

        protected async Task<string> GetOnBehalfOfToken(string tenant, string clientId, string appKey, string resourceId)
        {
            // Get access token from header.
            string accessToken = Request.Headers.FirstOrDefault(fod => fod.Key == "X-MS-TOKEN-AAD-ID-TOKEN").Value?.FirstOrDefault();
"""#,
            codes: [50013], flow: .obo, top: "obo-assertion-expired"),
        RealPaste(
            name: "msal-dotnet-2130 7000114 daemon token to OBO",
            source: "https://github.com/AzureAD/microsoft-authentication-library-for-dotnet/issues/2130",
            text: #"""
I have a daemon app that authenticates to Azure AD to call web api. This is achieved with Client Credential flow. Daemon app gets a JWT to call the Web API. The web api needs to call another Azure Service - Data Lake. I want to use OBO Flow inside Web API, and it fails.

**Actual behavior**
Error is returned:

{
    "error": "unauthorized_client",
    "error_description": "AADSTS7000114: Application '{appid}' is not allowed to make application on-behalf-of calls.\r\nTrace ID: edd4d517-bfc9-4363-bfc2-84539
"""#,
            codes: [7000114], flow: .obo, top: "obo-assertion-is-app-only"),
        RealPaste(
            name: "adal-nodejs-151 50079 claims polids",
            source: "https://github.com/AzureAD/azure-activedirectory-library-for-nodejs/issues/151",
            text: #"""
**Error: Get Token request returned http error: 400 and server response:** 
```
{
    "error": "interaction_required",
    "error_description": "AADSTS50079: Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.\r\nTrace ID: 5058bf6a-b266-444a-bf5f-a68724b53600\r\nCorrelation
 ID: b6a65466-04dc-4929-89b4-6ac81e5b31f1\r\nTimestamp: 2017-03-22 01:47:49Z",
    "error_codes": [50079],
    "timestamp": "2017-03-22 01:47:49Z",
    "trace_id": "5058bf6a-b266-444a-bf5f-a68724b53600",
    "correlation_id": "b6a65466-04dc-4929-89b4-6ac81e5b31f1",
    "claims": "{\"access_token\":{\"polids\":{\"essential\":true,\"Values\":[\"bd8d9305-ee44-4c9e-87a9-45bc878db6e1\"]}}}"
}
```
"""#,
            codes: [50079], traceId: "5058bf6a-b266-444a-bf5f-a68724b53600", correlationId: "b6a65466-04dc-4929-89b4-6ac81e5b31f1",
            flow: .obo, top: "obo-mfa-claims-challenge"),
        RealPaste(
            name: "msal-dotnet-3665 50076 OBO in backend",
            source: "https://github.com/AzureAD/microsoft-authentication-library-for-dotnet/issues/3665",
            text: #"""
An exception occurred while getting user token from AAD. TenantId:XX Audience:XX, exception message:AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access 'XX'.
Trace ID: fa9d1369-853f-423f-b624-b78cd3da0e00
Correlation ID: 70fee1b3-4ec2-4bcd-8637-471686d69b2e
Timestamp: 2022-09-10 16:43:36Z

Looking for guidance to handle AADSTS50076 error. We got the error for confidentialClientApplication to obtain on behalf of token. As we are backend service not sure what's the guideline on handling MFA.

AuthenticationResult authenticationResult = await this.confidentialClientApplication
                    .AcquireTokenOnBehalfOf(scopes, new UserAssertion(userToken))
                    .WithAuthority(this.authServiceOptions.AuthorityPrefix + tenantId, validateAuthority: true)
                    .WithSendX5C(this.sendX5c)
                    .ExecuteAsync()
                    .ConfigureAwait(false);
"""#,
            codes: [50076], traceId: "fa9d1369-853f-423f-b624-b78cd3da0e00", correlationId: "70fee1b3-4ec2-4bcd-8637-471686d69b2e",
            flow: .obo, top: "obo-mfa-claims-challenge"),
        RealPaste(
            name: "msal-js-5491 50076 msal-node acquireTokenOnBehalfOf",
            source: "https://github.com/AzureAD/microsoft-authentication-library-for-js/issues/5491",
            text: #"""
When trying to Implement conditional access (Require MFA) in a `ConfidentialClientApplication` using the `acquireTokenOnBehalfOf` API, we are not receiving the claims in the error object to acquire a new access token with the required claims.

```json
{
  "errorCode": "invalid_grant",
  "errorMessage": "AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access ''<recourse-id>.\r\nTrace ID: <app-id>\r\nCorrelation ID: <Correlation-ID>\r\nTimestamp: 2022-12-19 22:37:41Z",
  "subError": "basic_action",
  "name": "InteractionRequiredAuthError"
}
```
"""#,
            codes: [50076], flow: .obo, top: "obo-mfa-claims-challenge"),
        RealPaste(
            name: "msal-objc-1989 50076 OBO request",
            source: "https://github.com/AzureAD/microsoft-authentication-library-for-objc/issues/1989",
            text: #"""
An iOS app I work on uses the OBO flow to obtain Microsoft Graph access tokens for both the client and for a middle-tier API service. We've noticed several errors recently when making the OBO token request:

```
AADSTS50076: Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '00000003-0000-0000-c000-000000000000'.
```
"""#,
            codes: [50076], flow: .obo, top: "obo-mfa-claims-challenge"),
        RealPaste(
            name: "identity-web-2419 53003 downstream call from web API",
            source: "https://github.com/AzureAD/microsoft-identity-web/issues/2419",
            text: #"""
We have a full stack application where front end calls our backend using app resource with user context and backend exchanges token for downstream api calls via `TokenAcquisition.GetAuthenticationResultForUserAsync`. While doing so we get this error: 

```
"AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.\r\nTrace ID: 64908389-2527-4188-8ba4-29b9e76e3c00\r\nCorrelation ID: a400dd29-ad31-4de1-933e-3e3995a7c6cc\r\nTimestamp: 2023-08-03 18:11:29Z","Data":{},"InnerException":null,"HelpLink":null,"Source":"Microsoft.Identity.Client","HResult":-2146233088,"StackTrace":"
   at Microsoft.Identity.Client.Internal.Requests.RequestBase.HandleTokenRefreshErrorAsync(MsalServiceException e, MsalAccessTokenCacheItem cachedAccessTokenItem)\r\n
```
"""#,
            codes: [53003], traceId: "64908389-2527-4188-8ba4-29b9e76e3c00", correlationId: "a400dd29-ad31-4de1-933e-3e3995a7c6cc",
            top: "ca-policy-blocks"),
        RealPaste(
            name: "ms-identity-dotnet-advanced-token-cache-5 65001 web API calling Graph",
            source: "https://github.com/Azure-Samples/ms-identity-dotnet-advanced-token-cache/issues/5",
            text: #"""
Microsoft.AspNetCore.Diagnostics.DeveloperExceptionPageMiddleware: Error: An unhandled exception has occurred while executing the request.

Status Code: 0
Microsoft.Graph.ServiceException: Code: generalException
Message: An error occurred sending the request.

 ---> MSAL.NetCore.4.17.0.0.MsalUiRequiredException: 
	ErrorCode: invalid_grant
Microsoft.Identity.Client.MsalUiRequiredException: AADSTS65001: The user or administrator has not consented to use the application with ID '0b76e815-fcb7-45bf-87ab-8201461ad821' named 'WebApi-SharedTokenCache'. Send an interactive authorization request for this user and resource.
Trace ID: 954ee60b-7dc1-4423-a41c-9c850aa65600
Correlation ID: ce5777e0-bfb1-41de-80b8-833aeb03b29b
Timestamp: 2021-04-24 10:40:10Z
   at Microsoft.Identity.Client.OAuth2.OAuth2Client.ThrowServerException(HttpResponse response, RequestContext requestContext)
   at Microsoft.Identity.Client.OAuth2.OAuth2Client.CreateResponse[T](HttpResponse response, RequestContext requestContext)
"""#,
            codes: [65001], traceId: "954ee60b-7dc1-4423-a41c-9c850aa65600", correlationId: "ce5777e0-bfb1-41de-80b8-833aeb03b29b",
            top: "obo-downstream-consent-missing"),
        RealPaste(
            name: "ms-identity-javascript-react-tutorial-330 65001 msal-node OBO",
            source: "https://github.com/Azure-Samples/ms-identity-javascript-react-tutorial/issues/330",
            text: #"""
    - [ x] 6-1) Call Microsoft Graph using on-behalf-of flow

Followed all steps. signed in. then tried clicking on /profile. the data for the profile endpoint does not load and I get from http://localhost:5000/api/profile

{
    "errorCode": "invalid_grant",
    "errorMessage": "AADSTS65001: The user or administrator has not consented to use the application with ID '' named 'msal-node-api'. Send an interactive authorization request
"""#,
            codes: [65001], flow: .obo, top: "obo-downstream-consent-missing"),
        RealPaste(
            name: "fastapi-azure-auth-177 65001 obo_response",
            source: "https://github.com/vibber-ai/fastapi-azure-auth/issues/177",
            text: #"""
I'm running the bit of tutorial code that calls the Graph API (`/me` endpoint).
The `/token` request fails with error `AADSTS65001: The user or administrator has not consented to use the application ...`

Here is the response 

```json
 "obo_response": {
    "error": "invalid_grant",
    "error_description": "AADSTS65001
"""#,
            codes: [65001], top: "obo-downstream-consent-missing"),
        RealPaste(
            name: "msal-dotnet-4831 OnBehalfOfWrongAuthority log",
            source: "https://github.com/AzureAD/microsoft-authentication-library-for-dotnet/issues/4831",
            text: #"""
> Just started getting an OBO error about using the token tenant
> False MSAL 4.61.1.0 MSAL.Desktop 4.8 or later Windows Server 2022 Datacenter Azure Edition [2024-06-21 05:29:44Z - ba3af25a-532e-442f-a135-1707d32fc5e4] The current authority is targeting the /common or /organizations endpoint. Instead, it should target the same tenant as the client, which can be found in the 'tid' claim of the incoming client token. See https://aka.ms/msal-net-on-behalf-of for more details.
"""#,
            codes: [], flow: .obo, top: "obo-guest-wrong-authority"),
    ]
}
