using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using PartnerCenterInvoices.Http;

namespace PartnerCenterInvoices.Authentication
{
    /// <summary>App-only sign-in with a client secret (OAuth client credentials) through MSAL.</summary>
    /// <remarks>
    /// The MSAL application object lives as long as the connection: its in-memory token cache is what
    /// lets every later call reuse the token instead of asking the identity service again.
    /// </remarks>
    public sealed class ClientSecretTokenProvider : IAccessTokenProvider
    {
        private readonly IConfidentialClientApplication _application;
        private readonly string[] _scopes = { ConnectionSettings.ApiScope };
        private readonly Uri _authorityHost;

        public ClientSecretTokenProvider(string applicationId, string tenantId, string clientSecret, Uri authorityHost, HttpClient identityClient)
        {
            _authorityHost = authorityHost;
            if (string.IsNullOrWhiteSpace(applicationId)) throw new ArgumentException("The application id is empty.", nameof(applicationId));
            if (string.IsNullOrWhiteSpace(tenantId)) throw new ArgumentException("The tenant id is empty.", nameof(tenantId));
            if (string.IsNullOrEmpty(clientSecret)) throw new ArgumentException("The client secret is empty.", nameof(clientSecret));
            ApplicationId = applicationId;
            TenantId = tenantId;
            _application = ConfidentialClientApplicationBuilder.Create(applicationId)
                .WithClientSecret(clientSecret)
                .WithMsalAuthority(authorityHost, tenantId)
                .WithHttpClientFactory(new MsalHttpClientFactory(identityClient))
                .Build();
        }

        public string ApplicationId { get; }
        public string TenantId { get; }
        public string AuthenticationKind => "ClientSecret";
        public bool CanRenew => true;

        public async Task<AccessToken> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            try
            {
                var result = await _application.AcquireTokenForClient(_scopes)
                    .WithForceRefresh(forceRefresh)
                    .ExecuteAsync(cancellationToken)
                    .ConfigureAwait(false);
                return new AccessToken(result.AccessToken, result.ExpiresOn);
            }
            catch (Exception ex) when (TlsFailure.Find(ex) is not null)
            {
                // MSAL lets the transport's exception through, or wraps it; either way the cause is the certificate.
                throw new UntrustedServerCertificateException(_authorityHost, ex);
            }
            catch (MsalException ex)
            {
                throw MsalErrorTranslator.Translate(ex, TenantId);
            }
        }
    }
}
