using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace PartnerCenterInvoices.Authentication
{
    /// <summary>App-only sign-in (OAuth client credentials) with a client secret or a certificate.</summary>
    public sealed class AppOnlyTokenProvider : IAccessTokenProvider
    {
        private readonly IConfidentialClientApplication _application;
        private readonly MsalCall _call;
        private readonly string[] _scopes;

        public AppOnlyTokenProvider(string applicationId, string tenantId, AppCredential credential, ConnectionSettings settings, HttpClient identityClient)
        {
            _application = MsalApplications.Confidential(applicationId, tenantId, credential, settings.AuthorityHost, identityClient);
            _scopes = new[] { settings.AppScope };
            _call = new MsalCall(tenantId, settings.AuthorityHost);
            AuthenticationKind = credential.Kind;
        }

        public string AuthenticationKind { get; }
        public bool CanRenew => true;
        public DateTimeOffset? TokenExpiresOn { get; private set; }
        public string? Account => null;

        public async Task<AccessToken> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            // MSAL answers from its cache until the token is within five minutes of expiry.
            var result = await _call.RunAsync(() => _application.AcquireTokenForClient(_scopes)
                .WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken)).ConfigureAwait(false);
            TokenExpiresOn = result.ExpiresOn;
            return new AccessToken(result.AccessToken, result.ExpiresOn);
        }
    }
}
