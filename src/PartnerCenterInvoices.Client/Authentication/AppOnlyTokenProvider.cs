using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace PartnerCenterInvoices.Authentication
{
    /// <summary>App-only sign-in (OAuth client credentials) with a client secret or a certificate.</summary>
    public sealed class AppOnlyTokenProvider : IAccessTokenProvider, IGraphTokenSource
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

        // The same application object, so the same token cache: one token request per audience per session.
        private AppOnlyTokenProvider(AppOnlyTokenProvider owner, string scope)
        {
            _application = owner._application;
            _call = owner._call;
            _scopes = new[] { scope };
            AuthenticationKind = owner.AuthenticationKind;
            IsGraph = true;
        }

        private bool IsGraph { get; }

        public IAccessTokenProvider CreateGraphTokenProvider(ConnectionSettings settings) => new AppOnlyTokenProvider(this, settings.GraphAppScope);

        public string AuthenticationKind { get; }
        public bool CanRenew => true;
        public DateTimeOffset? TokenExpiresOn { get; private set; }
        public string? Account => null;

        public Task<AccessToken> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) =>
            IsGraph ? GraphConsent.ExplainAsync(() => AcquireAsync(forceRefresh, cancellationToken), delegated: false) : AcquireAsync(forceRefresh, cancellationToken);

        private async Task<AccessToken> AcquireAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            // MSAL answers from its cache until the token is within five minutes of expiry.
            var result = await _call.RunAsync(() => _application.AcquireTokenForClient(_scopes)
                .WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken)).ConfigureAwait(false);
            TokenExpiresOn = result.ExpiresOn;
            return new AccessToken(result.AccessToken, result.ExpiresOn);
        }
    }
}
