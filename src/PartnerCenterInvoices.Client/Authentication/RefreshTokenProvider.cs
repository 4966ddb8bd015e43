using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace PartnerCenterInvoices.Authentication
{
    /// <summary>App+User sign-in with a stored refresh token (Partner Center's Secure Application Model).</summary>
    /// <remarks>
    /// The refresh token is exchanged once; the new one the identity service returns lives on in
    /// MSAL's cache and renews later tokens, so the given token is not kept.
    /// </remarks>
    public sealed class RefreshTokenProvider : UserTokenProvider
    {
        private readonly IConfidentialClientApplication _application;
        private string? _refreshToken;

        public RefreshTokenProvider(string applicationId, string tenantId, AppCredential credential, string refreshToken,
            ConnectionSettings settings, HttpClient identityClient)
            : this(MsalApplications.Confidential(applicationId, tenantId, credential, settings.AuthorityHost, identityClient),
                refreshToken, settings, tenantId)
        {
        }

        private RefreshTokenProvider(IConfidentialClientApplication application, string refreshToken, ConnectionSettings settings, string tenantId)
            : base(application, new[] { settings.UserScope }, new MsalCall(tenantId, settings.AuthorityHost))
        {
            _application = application;
            _refreshToken = string.IsNullOrWhiteSpace(refreshToken)
                ? throw new System.ArgumentException("The refresh token is empty.", nameof(refreshToken))
                : refreshToken.Trim();
        }

        public override string AuthenticationKind => "RefreshToken";

        private protected override async Task<AuthenticationResult> AcquireFirstAsync(CancellationToken cancellationToken)
        {
            var result = await ((IByRefreshToken)_application).AcquireTokenByRefreshToken(Scopes, _refreshToken)
                .ExecuteAsync(cancellationToken).ConfigureAwait(false);
            _refreshToken = null;
            return result;
        }
    }
}
