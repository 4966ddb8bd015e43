using System;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerCenterInvoices.Authentication
{
    /// <summary>A token the user brought: used as is until it expires, never renewed.</summary>
    public sealed class AccessTokenProvider : IAccessTokenProvider
    {
        private readonly AccessToken _token;

        public AccessTokenProvider(string token)
        {
            if (string.IsNullOrWhiteSpace(token)) throw new ArgumentException("The access token is empty.", nameof(token));
            // Accept any bearer string; only a JWT tells us when it expires.
            _token = new AccessToken(token.Trim(), JwtExpiry.TryRead(token.Trim()));
        }

        public string AuthenticationKind => "AccessToken";
        public bool CanRenew => false;
        public DateTimeOffset? TokenExpiresOn => _token.ExpiresOn;
        public string? Account => null;

        public Task<AccessToken> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            if (forceRefresh)
                throw new AuthenticationFailedException(
                    "Partner Center rejected the access token given to Connect-PcAccount, and a token brought that way cannot be renewed. " +
                    "Connect again with a new token, or sign in with application credentials so the module can renew tokens itself.",
                    "TokenRejected");
            if (_token.ExpiresOn is DateTimeOffset expires && expires <= DateTimeOffset.UtcNow)
                throw new AuthenticationFailedException(
                    $"The access token given to Connect-PcAccount expired at {expires:u}, and a token brought that way cannot be renewed. " +
                    "Connect again with a new token, or sign in with application credentials so the module can renew tokens itself.",
                    "TokenExpired");
            return Task.FromResult(_token);
        }
    }
}
