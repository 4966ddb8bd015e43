using System;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerCenterInvoices.Authentication
{
    /// <summary>Hands out a current token for the Partner Center API, renewing it when the flow allows.</summary>
    public interface IAccessTokenProvider
    {
        /// <summary>A short name of the sign-in flow: "ClientSecret", "Certificate", "RefreshToken", "DeviceCode" or "AccessToken".</summary>
        string AuthenticationKind { get; }

        /// <summary>True when the flow can get a new token after the current one is rejected.</summary>
        bool CanRenew { get; }

        /// <summary>When the last token handed out expires, if known.</summary>
        DateTimeOffset? TokenExpiresOn { get; }

        /// <summary>The signed-in user for App+User flows; null for app-only.</summary>
        string? Account { get; }

        /// <param name="forceRefresh">Skip the cache: the service rejected the cached token.</param>
        /// <param name="cancellationToken">Cancels the wait for the identity service.</param>
        Task<AccessToken> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken);
    }
}
