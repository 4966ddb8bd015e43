using System;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerCenterInvoices.Authentication
{
    /// <summary>Stands in where a connection has no tokens for a service, and says so if ever asked.</summary>
    internal sealed class NoTokens : IAccessTokenProvider
    {
        public static readonly NoTokens Instance = new NoTokens();
        private NoTokens() { }

        public string AuthenticationKind => "None";
        public bool CanRenew => false;
        public DateTimeOffset? TokenExpiresOn => null;
        public string? Account => null;

        public Task<AccessToken> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) =>
            throw new AuthenticationFailedException("This connection has no token for Microsoft Graph.", "NoGraphToken");
    }
}
