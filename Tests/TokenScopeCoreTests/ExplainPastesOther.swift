import TokenScopeCore

/// Real pastes about client IDs, tenants, resources, scopes, accounts, the auth code flow (redirect
/// URIs, SPA, PKCE, code reuse), refresh tokens, IdentityModel IDX errors in APIs and CAE challenges.
enum ExplainPastesOther {
    static let all: [RealPaste] = [
        RealPaste(
            name: "appmodelv2-webapp-50 700016 placeholder client ID",
            source: "https://github.com/AzureADQuickStarts/AppModelv2-WebApp-OpenIDConnect-DotNet/issues/50",
            text: #"""
AADSTS700016: Application with identifier 'Enter_the_Application_Id_here' was not found in the directory 'abc '. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.
"""#,
            codes: [700016], top: "client-id-wrong"),
        RealPaste(
            name: "oneindex-621 700016 GUIDs",
            source: "https://github.com/donwa/oneindex/issues/621",
            text: #"""
AADSTS700016: Application with identifier '160c5842-eeba-487b-bb30-be9fae7878d0' was not found in the directory '1cdf1d7c-ca85-45c7-b1a6-0d197aa07dc5'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.
"""#,
            codes: [700016], top: "client-id-wrong"),
        RealPaste(
            name: "azure-health-data-and-ai-samples-100 700016 app in another tenant",
            source: "https://github.com/Azure-Samples/azure-health-data-and-ai-samples/issues/100",
            text: #"""
Request Id: ffa7696f-5efb-44ad-8fd8-d3c6e7c04900
Correlation Id: 41dbb355-5553-4793-988e-026f8e1a1cf3
Timestamp: 2023-07-14T04:03:09Z
Message: AADSTS700016: Application with identifier '63890e31-65af-45a3-a3d5-9c52245496aa' was not found in the directory 'Default Directory'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.
"""#,
            codes: [700016], correlationId: "41dbb355-5553-4793-988e-026f8e1a1cf3", top: "authority-wrong-tenant", knownMiss: true),
        RealPaste(
            name: "azure-search-openai-demo-1969 500011 api:// resource",
            source: "https://github.com/Azure-Samples/azure-search-openai-demo/issues/1969",
            text: #"""
Sorry, but we’re having trouble signing you in.

AADSTS500011: The resource principal named api://1234-1234-1234-1234-1234 was not found in the tenant named XXXXXX . This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.
"""#,
            codes: [500011], top: "resource-not-in-tenant"),
        RealPaste(
            name: "sp-starter-kit-428 500011 doubled scheme",
            source: "https://github.com/pnp/sp-starter-kit/issues/428",
            text: #"""
Apply-PnPTenantTemplate : AADSTS500011: The resource principal named https://https://graph.microsoft.com// was not found in the tenant named xxxx. This can happen if the application has not been installed by the administrator of the
tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.
Trace ID: c89257a0-92f4-4997-bbbd-5e3eb5260c00
Correlation ID: 5ec4303c-2af7-4faf-a6f0-6b5fee9b3186
Timestamp: 2020-08-14 08:40:57Z
At line:1 char:1
+ Apply-PnPTenantTemplate -Path .\starterkit.pnp
+ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
    + CategoryInfo          : WriteError: (:) [Apply-PnPTenantTemplate], MsalServiceException
    + FullyQualifiedErrorId : EXCEPTION,PnP.PowerShell.Commands.Provisioning.Tenant.ApplyTenantTemplate
"""#,
            codes: [500011], traceId: "c89257a0-92f4-4997-bbbd-5e3eb5260c00", correlationId: "5ec4303c-2af7-4faf-a6f0-6b5fee9b3186",
            top: "resource-identifier-wrong"),
        RealPaste(
            name: "azure-cli-16850 500011 az debug log",
            source: "https://github.com/Azure/azure-cli/issues/16850",
            text: #"""
cli.azure.cli.core.azclierror: AADSTS500011: The resource principal named https://management.azure.com was not found in the tenant named b388b808-0ec9-4a09-a414-a7cbbd8b7e9b. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.
Trace ID: f35b5049-0a9b-48ee-a4dc-1ab7122b7000
Correlation ID: bd438795-a01b-4d06-b1d4-c5bfb8dd0c87
Timestamp: 2021-02-23 02:38:38Z
cli.azure.cli.core.azclierror: AADSTS500011: The resource principal named https://management.azure.com was not found in the tenant named b388b808-0ec9-4a09-a414-a7cbbd8b7e9b. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.
Trace ID: f35b5049-0a9b-48ee-a4dc-1ab7122b7000
Correlation ID: bd438795-a01b-4d06-b1d4-c5bfb8dd0c87
Timestamp: 2021-02-23 02:38:38Z
cli.knack.cli: Event: Cli.PostExecute [<function AzCliLogging.deinit_cmd_metadata_logging at 0x7faf35d1e950>]
az_command_data_logger: exit code: 1
"""#,
            codes: [500011], traceId: "f35b5049-0a9b-48ee-a4dc-1ab7122b7000", correlationId: "bd438795-a01b-4d06-b1d4-c5bfb8dd0c87",
            top: "resource-not-in-tenant"),
        RealPaste(
            name: "msal-objc-1261 500011 form-encoded error dictionary",
            source: "https://github.com/AzureAD/microsoft-authentication-library-for-objc/issues/1261",
            text: #"""
MSALErrorDescriptionKey=AADSTS500011:+The+resource+principal+named+https://xxxxxxx+was+not+found+in+the+tenant+named+33440fc6-b7c7-412c-bb73-0e70b0198d5a.+This+can+happen+if+the+application+has+not+been+installed+by+the+administrator+of+the+tenant+or+consented+to+by+any+user+in+the+tenant.+You+might+have+sent+your+authentication+request+to+the+wrong+tenant.
Trace+ID:+981bb338-e650-4a8f-be17-b9485e5e3b00
Correlation+ID:+8b19818c-fac5-48f8-a2f1-010e4f69419d
Timestamp:+2021-03-04+14:39:43Z, MSALOAuthErrorKey=invalid_resource, MSALCorrelationIDKey=8B19818C-FAC5-48F8-A2F1-010E4F69419D, MSALInternalErrorCodeKey=-42104} => {
    MSALCorrelationIDKey = "8B19818C-FAC5-48F8-A2F1-010E4F69419D";
    MSALErrorDescriptionKey = "AADSTS500011:+The+resource+principal+named+https://xxxxxxx+was+not+found+in+the+tenant+named+33440fc6-b7c7-412c-bb73-0e70b0198d5a.+This+can+happen+if+the+application+has+not+been+installed+by+the+administrator+of+the+tenant+or+consented+to+by+any+user+in+the+tenant.+You+might+have+sent+your+authentication+request+to+the+wrong+tenant.
\nTrace+ID:+981bb338-e650-4a8f-be17-b9485e5e3b00
\nCorrelation+ID:+8b19818c-fac5-48f
"""#,
            codes: [500011], traceId: "981bb338-e650-4a8f-be17-b9485e5e3b00", correlationId: "8b19818c-fac5-48f8-a2f1-010e4f69419d",
            top: "resource-not-in-tenant"),
        RealPaste(
            name: "letsencrypt-siteextension-108 90002 China tenant on public cloud",
            source: "https://github.com/sjkp/letsencrypt-siteextension/issues/108",
            text: #"""
`Microsoft.IdentityModel.Clients.ActiveDirectory.AdalServiceException: AADSTS90002: Tenant myazuretenant.onmschina.cn not found. This may happen if there are no active subscriptions for the tenant. Check with your subscription administrator. Timestamp: 2018-12-24 09:07:22Z ---> System.Net.WebException: The remote server returned an error: (400) Bad Request. at System.Net.HttpWebRequest.GetResponse() at Microsoft.IdentityModel.Clients.ActiveDirectory.AuthenticationContext.AcquireToken(String resource, ClientCredential clientCredential) at LetsEncrypt.Azure.Core.ArmHelper.GetToken(IAzureEnvironment model)
"""#,
            codes: [90002], top: "tenant-in-other-cloud"),
        RealPaste(
            name: "azure-tools-for-java-3900 90002 tenant 'null'",
            source: "https://github.com/microsoft/azure-tools-for-java/issues/3900",
            text: #"""
java.lang.RuntimeException: com.microsoft.azuretools.adauth.AuthException: AD Auth token endpoint returned HTTP status code 400. Error info: {"error":"invalid_request","error_description":"AADSTS90002: Tenant 'null' not found. This may happen if there are no active subscriptions for the tenant. Check to make sure you have the correct tenant ID. Check with your subscription administrator.\r\nTrace ID: e3f1cdcd-6ccb-4b86-a420-d21bb2c8b700\r\nCorrelation ID: 6750f7d9-998a-4df0-b07c-4c02c6e108c8\r\nTimestamp: 2020-01-06 03:01:49Z","error_codes":[90002],"timestamp":"2020-01-06 03:01:49Z","trace_id":"e3f1cdcd-6ccb-4b86-a420-d21bb2c8b700","correlation_id":"6750f7d9-998a-4df0-b07c-4c02c6e108c8","error_uri":"https://login.microsoftonline.com/error?code=90002"}
	at rx.exceptions.Exceptions.propagate(Exceptions.java:57)
"""#,
            codes: [90002], traceId: "e3f1cdcd-6ccb-4b86-a420-d21bb2c8b700", correlationId: "6750f7d9-998a-4df0-b07c-4c02c6e108c8",
            top: "tenant-name-wrong"),
        RealPaste(
            name: "azure-usage-and-billing-portal-64 90002 empty GUID tenant",
            source: "https://github.com/microsoft/AzureUsageAndBillingPortal/issues/64",
            text: #"""
Correlation ID: 279aac69-2cb7-47c4-9031-7d54da9ca3bb 
Timestamp: 2017-04-12 17:36:01Z 
AADSTS90002: Requested tenant identifier '00000000-0000-0000-0000-000000000000' is not valid. Tenant identifiers may not be an empty GUID. 
"""#,
            codes: [90002], correlationId: "279aac69-2cb7-47c4-9031-7d54da9ca3bb", top: "tenant-name-wrong"),
        RealPaste(
            name: "azure-docs-118443 50020 personal account",
            source: "https://github.com/MicrosoftDocs/azure-docs/issues/118443",
            text: #"""
AADSTS50020: User account 'user@example.com' from identity provider 'live.com' does not exist in tenant 'GDX' and cannot access the application '7019e700-66cb-4e8f-a3ea-dcc20e2d580c'(interfactura-webapp) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account
"""#,
            codes: [50020], top: "personal-account-on-work-only-app"),
        RealPaste(
            name: "json-schema-org-404 50020 sign-in error page",
            source: "https://github.com/json-schema-org/json-schema-org.github.io/issues/404",
            text: #"""
`Request Id: 1ffc7204-0b42-46c2-ae94-89ba457f4300 Correlation Id: aabc9e9b-f97a-4639-9236-d0546db5d0fb Timestamp: 2021-07-30T02:34:03Z Message: AADSTS50020: User account from identity provider 'live.com' does not exist in tenant 'Microsoft Services' and cannot access the application 'f44b1140-bc5e-48c6-8dc0-5cf5a53c0e34'(Microsoft Edge) in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.`
"""#,
            codes: [50020], correlationId: "aabc9e9b-f97a-4639-9236-d0546db5d0fb", top: "personal-account-on-work-only-app"),
        RealPaste(
            name: "powerbi-csharp-64 50020 Microsoft account with a company address",
            source: "https://github.com/microsoft/PowerBI-CSharp/issues/64",
            text: #"""
Sorry, but we’re having trouble signing you in. 
We received a bad request.
Correlation ID: 6815d3fa-f445-487c-833f-239ee84286aa
Timestamp: 2017-01-06 19:53:30Z
AADSTS50020: User account 'user@example.com' from identity provider 'live.com' does not exist in tenant 'Company-X' and cannot access the application '....' in that tenant. The account needs to be added as an external user in the tenant first. Sign out and sign in again with a different Azure Active Directory user account.
"""#,
            codes: [50020], correlationId: "6815d3fa-f445-487c-833f-239ee84286aa", top: "personal-account-on-work-only-app"),
        RealPaste(
            name: "oauth2-proxy-2158 70011 .default combined",
            source: "https://github.com/oauth2-proxy/oauth2-proxy/issues/2158",
            text: #"""
`AADSTS70011: The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope https://aks-aad-server.azure.com/user.read https://graph.microsoft.com/openid https://graph.microsoft.com/.default is not valid. .default scope can't be combined with resource-specific scopes.`
"""#,
            codes: [70011], top: "default-mixed-with-scopes"),
        RealPaste(
            name: "msal-dotnet-449 70011 client credentials with a permission",
            source: "https://github.com/AzureAD/microsoft-authentication-library-for-dotnet/issues/449",
            text: #"""
I am trying to acquire an access token using the client_credentials grant type for scope https://graph.microsoft.com/User.ReadWrite.All and the STS returns:

error_description=AADSTS70011: The provided value for the input parameter 'scope' is not valid. The scope https://graph.microsoft.com/User.ReadWrite.All is not valid.
Trace ID: 89831612-cb0d-4b38-bfbb-355a365d3200
Correlation ID: c64d9a44-0911-4a93-9c25-76b9f4f0a435
Timestamp: 2017-08-01 12:52:44Z

var authenticationResult =  app.AcquireTokenForClientAsync(new List<string> { "https://graph.microsoft.com/User.ReadWrite.All" }).Result;
"""#,
            codes: [70011], traceId: "89831612-cb0d-4b38-bfbb-355a365d3200", correlationId: "c64d9a44-0911-4a93-9c25-76b9f4f0a435",
            flow: .clientCredentials, top: "client-credentials-scope-not-default"),
        RealPaste(
            name: "azure-docs-99862 1002012 scope without /.default",
            source: "https://github.com/MicrosoftDocs/azure-docs/issues/99862",
            text: #"""
However, if you try to create client_credentials with either the MSAL library or directly with CURL with the above scope, an error is returned: `AADSTS1002012: The provided value for scope 6a8b4b39-c021-437c-b060-5a14a3fd65f3/full_access is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`  
"""#,
            codes: [1002012], flow: .clientCredentials, top: "client-credentials-scope-not-default"),
        RealPaste(
            name: "native-aspnetcore-v2-36 90009 token for itself",
            source: "https://github.com/Azure-Samples/active-directory-dotnet-native-aspnetcore-v2/issues/36",
            text: #"""
(api://e29f65bf-f00a-4e6b-90ea-551791483d4d/.default) it throws an **MsalException**:

`AADSTS90009: Application 'e29f65bf-f00a-4e6b-90ea-551791483d4d'(api://e29f65bf-f00a-4e6b-90ea-551791483d4d) is requesting a token for itself. This scenario is supported only if resource is specified using the GUID based App Identifier.`
"""#,
            codes: [90009], top: "token-for-itself"),
        RealPaste(
            name: "umi-request-299 9002326 code redeemed from the browser",
            source: "https://github.com/umijs/umi-request/issues/299",
            text: #"""
400 Bad Request

> {"error":"invalid_request","error_description":"AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type.\r\nTrace ID: 0c7f2993-b612-434d-9cee-244e88f51600\r\nCorrelation ID: 45d80262-c77f-487b-a95b-4566c736e1bc\r\nTimestamp: 2022-06-07 19:14:30Z","error_codes":[9002326],"timestamp":"2022-06-07 19:14:30Z","trace_id":"0c7f2993-b612-434d-9cee-244e88f51600","correlation_id":"45d80262-c77f-487b-a95b-4566c736e1bc","error_uri":"https://login.windows.net/error?code=9002326"}
"""#,
            codes: [9002326], traceId: "0c7f2993-b612-434d-9cee-244e88f51600", correlationId: "45d80262-c77f-487b-a95b-4566c736e1bc",
            top: "browser-redeems-web-redirect"),
        RealPaste(
            name: "ms-identity-javascript-angular-tutorial-37 9002326 msal-browser",
            source: "https://github.com/Azure-Samples/ms-identity-javascript-angular-tutorial/issues/37",
            text: #"""
ERROR ServerError: invalid_request: 9002326 - [2021-09-03 14:20:13Z]: AADSTS9002326: Cross-origin token redemption is permitted only for the 'Single-Page Application' client-type.
Trace ID: 40e5a04a-6016-42c3-b32f-0b9f20b61500
Correlation ID: b5a1a372-ed08-48a7-95e6-f7ab55489f03
Timestamp: 2021-09-03 14:20:13Z - Correlation ID: b5a1a372-ed08-48a7-95e6-f7ab55489f03 - Trace ID: 40e5a04a-6016-42c3-b32f-0b9f20b61500
    at ServerError.AuthError [as constructor] (AuthError.ts:40)
    at new ServerError (ServerError.ts:14)
    at ResponseHandler.validateTokenResponse (ResponseHandler.ts:99)
    at AuthorizationCodeClient.<anonymous> (AuthorizationCodeClient.ts:82)
"""#,
            codes: [9002326], traceId: "40e5a04a-6016-42c3-b32f-0b9f20b61500", correlationId: "b5a1a372-ed08-48a7-95e6-f7ab55489f03",
            flow: .authCode, top: "browser-redeems-web-redirect"),
        RealPaste(
            name: "msal-js-2482 9002327 SPA code redeemed",
            source: "https://github.com/AzureAD/microsoft-authentication-library-for-js/issues/2482",
            text: #"""
I see some errors in our logs where users are getting "AADSTS9002327: Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests."

Sample correlation id: 6db502bf-7351-45b9-b6e8-0d868a5e52c6
Timestamp: 2020-10-22 23:45:45Z
"""#,
            codes: [9002327], correlationId: "6db502bf-7351-45b9-b6e8-0d868a5e52c6", top: "spa-code-redeemed-server-side"),
        RealPaste(
            name: "nuxt-auth-301 9002327 server-side PKCE",
            source: "https://github.com/sidebase/nuxt-auth/issues/301",
            text: #"""
I am trying to run Oauth Authorization PKCE flow using Azure AD. It seems that Origin is not getting passed. 

 ```
providerId: 'azure-ad',
  message: "invalid_request (AADSTS9002327: Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.\r\n" +    
    'Trace ID: f1b8b1ee-07ca-4388-bbd5-15e106
"""#,
            codes: [9002327], traceId: "f1b8b1ee-07ca-4388-bbd5-15e106", top: "spa-code-redeemed-server-side"),
        RealPaste(
            name: "company-communicator-1035 50011 redirect URI",
            source: "https://github.com/OfficeDev/microsoft-teams-apps-company-communicator/issues/1035",
            text: #"""
'AADSTS50011: The redirect URI '**https://xxxxxxxxxxxx.azurewebsites.net/signin-simple-end**' specified in the request does not match the redirect URIs configured for the application '99b2112e-4210-464c-97e9-7067bbf4621c'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.' 
"""#,
            codes: [50011], top: "redirect-uri-not-registered"),
        RealPaste(
            name: "uno-todo-180 50011 sign-in page",
            source: "https://github.com/unoplatform/uno.todo/issues/180",
            text: #"""
> #Sign in
> Sorry, but we’re having trouble signing you in.
> 
> AADSTS50011: The redirect URI 'https://happy-moss-09a619b10-179.centralus.1.azurestaticapps.net/authentication-callback' specified in the request does not match the redirect URIs configured for the application '919c40bb-e237-42f0-9056-5f60974e1e21'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.

> Request Id: c73e65c8-c89c-4e9c-9891-86f61fd68100
> Correlation Id: 563004c8-c25f-4192-8c01-1fa7047ee614
> Timestamp: 2022-04-29T22:14:59Z
> Message: AADSTS50011: The redirect URI 'https://happy-moss-09a619b10-179.centralus.1.azurestaticapps.net/authentication-callback' specified in the request does not match the redirect URIs configured for the application '919c40bb-e237-42f0-9056-5f60974e1e21'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.
"""#,
            codes: [50011], correlationId: "563004c8-c25f-4192-8c01-1fa7047ee614", top: "redirect-uri-not-registered"),
        RealPaste(
            name: "css-exchange-1550 50011 out-of-band redirect URI",
            source: "https://github.com/microsoft/CSS-Exchange/issues/1550",
            text: #"""
AADSTS50011: The redirect URI 'urn:ietf:wg:oauth:2.0:oob' specified in the request does not match the redirect URIs configured for the application '27922004-5251-4030-b22d-91ecd9a37ea4'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.
"""#,
            codes: [50011], top: "redirect-uri-not-registered"),
        RealPaste(
            name: "dnn-azureadprovider-17 70002+54005 JSON in log",
            source: "https://github.com/davidjrh/dnn.azureadprovider/issues/17",
            text: #"""
     2018-11-19 12:52:50.432-05:00 [CCGWEB1][D:2][T:59][ERROR] DotNetNuke.Services.Authentication.OAuth.OAuthClientBase - WebResponse exception: {"error":"invalid_grant","error_description":"AADSTS70002: Error validating credentials. AADSTS54005: OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.\r\nTrace ID: 9df0210d-bf9f-45d9-b19b-b326453e6400\r\nCorrelation ID: 48ac1682-e414-42c2-9eac-f1d6114e8648\r\nTimestamp: 2018-11-19 17:52:50Z","error_codes":[70002,54005],"timestamp":"2018-11-19 17:52:50Z","trace_id":"9df0210d-bf9f-45d9-b19b-b326453e6400","correlation_id":"48ac1682-e414-42c2-9eac-f1d6114e8648"}
     2018-11-19 12:52:50.718-05:00 [CCGWEB1][D:2][T:59][FATAL] DotNetNuke.Framework.PageBase - An error has occurred while loading page.
        System.Exception: There was an error processing the credentials. Contact your system administrator.
        at DotNetNuke.Services.Authentication.OAuth.OAuthClientBase.ExchangeCodeForToken()
"""#,
            codes: [54005, 70002], traceId: "9df0210d-bf9f-45d9-b19b-b326453e6400", correlationId: "48ac1682-e414-42c2-9eac-f1d6114e8648",
            flow: .authCode, top: "code-redeemed-twice"),
        RealPaste(
            name: "microsoft-identity-web-2489 54005 MSAL.NET in web app",
            source: "https://github.com/AzureAD/microsoft-identity-web/pull/2489",
            text: #"""
[09:53:35] [Error] [] OnAuthenticationFailed AADSTS54005: OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token. Trace ID: ecd07edb-bb52-4b2b-8c15-ee2f7f4e2600 Correlation ID: 77da2591-ddf7-40c0-adf6-c6ccf4c43238 Timestamp: 2023-11-17 09:53:36Z
MSAL.NetCore.4.56.0.0.MsalUiRequiredException:
ErrorCode: invalid_grant
Microsoft.Identity.Client.MsalUiRequiredException: AADSTS54005: OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token. Trace ID: ecd07edb-bb52-4b2b-8c15-ee2f7f4e2600 Correlation ID: 77da2591-ddf7-40c0-adf6-c6ccf4c43238 Timestamp: 2023-11-17 09:53:36Z
at Microsoft.Identity.Client.OAuth2.OAuth2Client.ThrowServerException(HttpResponse response, RequestContext requestContext)
"""#,
            codes: [54005], traceId: "ecd07edb-bb52-4b2b-8c15-ee2f7f4e2600", correlationId: "77da2591-ddf7-40c0-adf6-c6ccf4c43238",
            top: "code-redeemed-twice"),
        RealPaste(
            name: "msal-js-5044 50148 msal-node acquireTokenByCode",
            source: "https://github.com/AzureAD/microsoft-authentication-library-for-js/issues/5044",
            text: #"""
After fetching the auth code, I try calling `acquireTokenByCode` and it gives me this error:

`'50148 - [2022-07-27 18:16:02Z]: AADSTS50148: The code_verifier does not match the code_challenge supplied in the authorization request for PKCE.\r\nTrace ID: bd3a506f-4758-4794-851f-e8f7714cc900\r\nCorrelation ID: 8411037a-8e3f-4492-bc7f-d5cbce99389d\r\nTimestamp: 2022-07-27 18:16:02Z - Correlation ID: 8411037a-8e3f-4492-bc7f-d5cbce99389d - Trace ID: bd3a506f-4758-4794-851f-e8f7714cc900'`
"""#,
            codes: [50148], traceId: "bd3a506f-4758-4794-851f-e8f7714cc900", correlationId: "8411037a-8e3f-4492-bc7f-d5cbce99389d",
            flow: .authCode, top: "pkce-verifier-mismatch"),
        RealPaste(
            name: "django-allauth-2916 50148 verifier not sent",
            source: "https://github.com/pennersr/django-allauth/issues/2916",
            text: #"""
When trying to use Azure AD authentication, I'm getting the following error from the Microsoft side. 
```
Error retrieving access token: b'{"error":"invalid_grant","error_description":"AADSTS50148: The code_verifier does not match the code_challenge supplied in the authorization request for PKCE."}
```
"""#,
            codes: [50148], flow: .authCode, top: "pkce-verifier-mismatch"),
        RealPaste(
            name: "msal-js-2694 501481 msal-browser logs",
            source: "https://github.com/AzureAD/microsoft-authentication-library-for-js/issues/2694",
            text: #"""
an example one with correlation id and trace id 
501481 - [2020-12-03 19:34:01Z]: AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request. Trace ID: 4dca72dd-f02e-4615-b1c9-e226952f2200 Correlation ID: 0a49cdbc-2e94-4089-bc6f-1162b123592c Timestamp: 2020-12-03 19:34:01Z - Correlation ID: 0a49cdbc-2e94-4089-bc6f-1162b123592c - Trace ID: 4dca72dd-f02e-4615-b1c9-e226952f2200
"""#,
            codes: [501481], traceId: "4dca72dd-f02e-4615-b1c9-e226952f2200", correlationId: "0a49cdbc-2e94-4089-bc6f-1162b123592c",
            flow: .authCode, top: "pkce-verifier-mismatch"),
        RealPaste(
            name: "azure-sdk-for-java-33235 70008 msal4j",
            source: "https://github.com/Azure/azure-sdk-for-java/issues/33235",
            text: #"""
***Exception or Stack Trace***
Caused by: com.microsoft.aad.msal4j.MsalInteractionRequiredException: AADSTS70008: The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.

	at com.microsoft.aad.msal4j.MsalServiceExceptionFactory.fromHttpResponse(MsalServiceExceptionFactory.java:39)
	at com.microsoft.aad.msal4j.TokenRequestExecutor.createAuthenticationResultFromOauthHttpResponse(TokenRequestExecutor.java:103)
"""#,
            codes: [70008], top: "refresh-token-expired-or-revoked"),
        RealPaste(
            name: "azure-cli-14244 700082 JSON",
            source: "https://github.com/Azure/azure-cli/issues/14244",
            text: #"""
Error:  Get Token request returned http error: 400 and server response: {"error":"invalid_grant","error_description":"AADSTS700082: The refresh token has expired due to inactivity. The token was issued on 2020-02-26T21:52:54.2810613Z and was inactive for 90.00:00:00.\r\nTrace ID: 6e94ade5-10de-4d67-909a-14d845813500\r\nCorrelation ID: 0e87b495-1e24-4882-be85-d012c216f4f6\r\nTimestamp: 2020-07-06 22:31:52Z","error_codes":[700082],"timestamp":"2020-07-06 22:31:52Z","trace_id":"6e94ade5-10de-4d67-909a-14d845813500","correlation_id":"0e87b495-1e24-4882-be85-d012c216f4f6","error_uri":"https://login.microsoftonline.com/error?code=700082"}
"""#,
            codes: [700082], traceId: "6e94ade5-10de-4d67-909a-14d845813500", correlationId: "0e87b495-1e24-4882-be85-d012c216f4f6",
            top: "refresh-token-expired-or-revoked"),
        RealPaste(
            name: "powerplatform-build-tools-894 700082 HTML entity",
            source: "https://github.com/microsoft/powerplatform-build-tools/issues/894",
            text: #"""
PS C:\Users\me> pac env list-settings
Connected as me@myorg.onmicrosoft.com

Error: AADSTS700082: The refresh token has expired due to inactivity.&nbsp;The token was issued on 2024-01-28T19:43:52.3866932Z and was inactive for 90.00:00:00. Trace ID: 4e7e9611-79bb-4525-a2f8-47212bf25300 Correlation ID: fc3fb0fc-fccc-4422-9905-9c8b4d639f89 Timestamp: 2024-05-23 19:17:36Z
"""#,
            codes: [700082], traceId: "4e7e9611-79bb-4525-a2f8-47212bf25300", correlationId: "fc3fb0fc-fccc-4422-9905-9c8b4d639f89",
            top: "refresh-token-expired-or-revoked"),
        RealPaste(
            name: "foundry-dev-tools-707 700082 MSAL Node JSON log",
            source: "https://github.com/microsoft/foundry-dev-tools/issues/707",
            text: #"""
2026-08-26 11:12:52.052 [info] [getAllSessionsForPca] [https://management.core.windows.net/.default] [user@example.com] failed to acquire token silently, skipping account {"errorCode":"invalid_grant","errorMessage":"AADSTS700082: The refresh token has expired due to inactivity. The token was issued on 2026-05-20T16:18:37.2732417Z and was inactive for 90.00:00:00. Trace ID: 07d165d9-e98a-4350-ba2c-587311063f01 Correlation ID: 90590a28-1f26-403a-ad6b-c33d6c0b508e Timestamp: 2026-08-26 10:12:51Z","subError":"bad_token","correlationId":"90590a28-1f26-403a-ad6b-c33d6c0b508e","name":"InteractionRequiredAuthError","timestamp":"2026-08-26 10:12:51Z","traceId":"07d165d9-e98a-4350-ba2c-587311063f01","claims":"","errorNo":700082}
2026-08-26 11:12:52.052 [info] [getSessions] [https://management.core.windows.net/.default] returned 0 session(s)
2026-08-26 11:12:52.909 [info] [getAllSessionsForPca] [https://management.core.windows.net/.default] [user@example.com] failed to acquire token silently, skipping account {"errorCode":"invalid_grant","errorMessage":"AADSTS700082: The refresh token has expired due to inactivity. The token was issued on 2026-05-20T16:18:38.2641599Z and was inactive for 90.00:00:00. Trace ID: 781
"""#,
            codes: [700082], traceId: "07d165d9-e98a-4350-ba2c-587311063f01", correlationId: "90590a28-1f26-403a-ad6b-c33d6c0b508e",
            top: "refresh-token-expired-or-revoked"),
        RealPaste(
            name: "azure-sdk-for-python-26729 700082 ClientAuthenticationError",
            source: "https://github.com/Azure/azure-sdk-for-python/issues/26729",
            text: #"""
azure.core.exceptions.ClientAuthenticationError: Azure Active Directory error '(invalid_grant) AADSTS700082: The refresh token has expired due to inactivity. The token was issued on 2022-01-07T13:54:01.319431o inactivity. The token was issued on 2022-01-07T13:54:01.3194315Z and was inactive for 90.00:00:00.\r\nTrace ID: cccc-cccccc-ccccc-ccc\r\nCorrelation ID: 7dddddd-dddd-ddddd-dddd\r\nTimestamp: 2022-10-10 13:10:01Z","error_codes":[700082],"timestamp":"2022-10-10 13:10:01Z","trace_id":"85b6b9fa-9664-4f28-86c7-f109cda89c00","correlation_id":"749be7b6-a551-44b2-9db3-83eb617c3303","error_uri":"https://login.microsoftonline.com/error?code=700082"}
"""#,
            codes: [700082], traceId: "85b6b9fa-9664-4f28-86c7-f109cda89c00", correlationId: "749be7b6-a551-44b2-9db3-83eb617c3303",
            top: "refresh-token-expired-or-revoked"),
        RealPaste(
            name: "azure-cli-32809 53003 az login",
            source: "https://github.com/Azure/azure-cli/issues/32809",
            text: #"""
AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance. Trace ID: 2f8ccb7a-459e-44fb-b615-232475945800 Correlation ID: 824fc737-3721-428a-adb8-e51aec8c4cce Timestamp: 2026-02-17 18:39:09Z
Run the command below to authenticate interactively; additional arguments may be added as needed:
az logout
az login
"""#,
            codes: [53003], traceId: "2f8ccb7a-459e-44fb-b615-232475945800", correlationId: "824fc737-3721-428a-adb8-e51aec8c4cce",
            top: "ca-policy-blocks"),
        RealPaste(
            name: "azure-cli-31700 53003 az keyvault debug",
            source: "https://github.com/Azure/azure-cli/issues/31700",
            text: #"""
cli.azure.cli.core.azclierror: AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance. Trace ID: a998bcc7-a002-490a-a582-b6bf25847700 Correlation ID: 1d69ca0a-0340-45ca-a1b1-720b28ebe2d3 Timestamp: 2025-06-24 09:01:24Z
az_command_data_logger: AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance. Trace ID: a998bcc7-a002-490a-a582-b6bf25847700 Correlation ID: 1d69ca0a-0340-45ca-a1b1-720b28ebe2d3 Timestamp: 2025-06-24 09:01:24Z
cli.knack.cli: Event: Cli.PostExecute [<function AzCliLogging.deinit_cmd_metadata_logging at 0x7ffa0c94c400>]
az_command_data_logger: exit code: 1
"""#,
            codes: [53003], traceId: "a998bcc7-a002-490a-a582-b6bf25847700", correlationId: "1d69ca0a-0340-45ca-a1b1-720b28ebe2d3",
            top: "ca-policy-blocks"),
        RealPaste(
            name: "identitymodel-1891 IDX10214 GUID audiences",
            source: "https://github.com/AzureAD/azure-activedirectory-identitymodel-extensions-for-dotnet/issues/1891",
            text: #"""
"IDX10214: Audience validation failed. Audiences: '3128b036-59cc-4446-bb3c-24448184f282'. Did not match: validationParameters.ValidAudience: 'null' or validationParameters.ValidAudiences: '3128b036-59cc-4446-bb3c-24448184f283, bf053dcb-cbc6-4f9c-b028-9769b8e28869, 3128b036-59cc-4446-bb3c-24448184f283, bf053dcb-cbc6-4f9c-b028-9769b8e28869'."
"""#,
            codes: [], idx: ["IDX10214"], top: "token-for-another-api"),
        RealPaste(
            name: "aspnetcore-webapp-openidconnect-v2-347 IDX10214 space in settings",
            source: "https://github.com/Azure-Samples/active-directory-aspnetcore-webapp-openidconnect-v2/issues/347",
            text: #"""
SecurityTokenInvalidAudienceException: IDX10214: Audience validation failed. Audiences: 'axxx'. Did not match: validationParameters.ValidAudience: 'axxx' or validationParameters.ValidAudiences: 'null'.
"""#,
            codes: [], idx: ["IDX10214"], top: "api-audience-config-differs"),
        RealPaste(
            name: "webapp-openidconnect-25 IDX10223 eleven hours",
            source: "https://github.com/Azure-Samples/active-directory-dotnet-webapp-openidconnect/issues/25",
            text: #"""
 Server Error in '/' Application.

IDX10223: Lifetime validation failed. The token is expired.
ValidTo: '05/19/2016 10:45:59'
Current time: '05/19/2016 21:46:31'.
"""#,
            codes: [], idx: ["IDX10223"], top: "api-clock-skew"),
        RealPaste(
            name: "identitymodel-1658 IDX10222 not yet valid",
            source: "https://github.com/AzureAD/azure-activedirectory-identitymodel-extensions-for-dotnet/issues/1658",
            text: #"""
错误消息:IDX10222: Lifetime validation failed. The token is not yet valid. ValidFrom: 'System.DateTime', Current time: 'System.DateTime'.
"""#,
            codes: [], idx: ["IDX10222"], top: "api-clock-skew"),
        RealPaste(
            name: "microsoft-identity-web-2917 IDX10503 app-specific keys",
            source: "https://github.com/AzureAD/microsoft-identity-web/issues/2917",
            text: #"""
The KID that the SPA assigns the access token is coming from these keys: https://login.microsoftonline.com/[tenant-id]/discovery/v2.0/keys?appid=[client-id] and the backend is trying to validate the access token with KIDS from these keys: https://login.microsoftonline.com/[tenant-id]/discovery/v2.0/keys

### Error message

Bearer error="invalid_token", error_description="The signature key was not found"

Error: IDX10503: Signature validation failed. The token's kid is: 'XXXXXX', but did not match any keys in TokenValidationParameters or Configuration
"""#,
            codes: [], idx: ["IDX10503"], top: "keys-from-wrong-metadata"),
        RealPaste(
            name: "msgraph-sdk-dotnet-1416 CAE challenge in a Graph 401",
            source: "https://github.com/microsoftgraph/msgraph-sdk-dotnet/issues/1416",
            text: #"""
GET https://graph.microsoft.com/v1.0/me HTTP/1.1
Host: graph.microsoft.com
SdkVersion: Graph-dotnet-2.0.5
FeatureFlag: 0000004F
Cache-Control: no-store, no-cache
Autxxxhorization: Beaxxxrer eyJ0eXAiOiJKV1QiLCJub25jZSI6IlpMblZnclExOUs<redacted>YjVrFut_VbW_GMwiurl0b4U15HYPLHrgS0bl3jt3DM-B75d1--GU94FqkQk8Gd7XQ0siS4A71PfRfcFowjcCNmaHxYvUeqX7sXP20KGAzP9i2U7i3PkMaXqVJ-S8jCwdn6MYzxpY3Ud_CI7Hr20K6DC7DecVZe4C--6nw
Accept-Encoding: gzip
traceparent: 00-97081beb57f894485a09d3d493ae7bd5-1659cc77390cdbb5-00


HTTP/1.1 401 Unauthorized
Transfer-Encoding: chunked
Content-Type: application/json
Content-Encoding: gzip
Vary: Accept-Encoding
Strict-Transport-Security: max-age=31536000
request-id: fb6261cb-b69d-40a3-889a-ab72a64cc43f
client-request-id: fb6261cb-b69d-40a3-889a-ab72a64cc43f
x-ms-ags-diagnostic: {"ServerInfo":{"DataCenter":"West Central US","Slice":"E","Ring":"1","ScaleUnit":"000","RoleInstance":"CY4PEPF00005255"}}
WWW-Authenticate: Bearer realm="", authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize, client_id="00000003-0000-0000-c000-000000000000", error="insufficient_claims", claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTY1NzgzNDQxNyJ9fX0=", errorDescription="Continuous access evaluation resulted in claims challenge with result: InteractionRequired and code: To
"""#,
            codes: [], top: "claims-challenge-not-handled"),
        RealPaste(
            name: "msgraph-sdk-javascript-932 CAE challenge on several lines",
            source: "https://github.com/microsoftgraph/msgraph-sdk-javascript/issues/932",
            text: #"""
-  Desired response error:
```console
HTTP 401; Unauthorized
WWW-Authenticate=Bearer
  authorization_uri="https://login.windows.net/common/oauth2/authorize",
  error="insufficient_claims",
  claims="eyJhY2Nlc3NfdG9rZW4iOnsibmJmIjp7ImVzc2VudGlhbCI6dHJ1ZSwgInZhbHVlIjoiMTYwNDEwNjY1MSJ9fX0="
```
"""#,
            codes: [], top: "claims-challenge-not-handled"),
    ]
}
