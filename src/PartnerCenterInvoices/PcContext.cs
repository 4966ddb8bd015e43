using System;

namespace PartnerCenterInvoices
{
    /// <summary>What the session is connected to and how; never a token or secret.</summary>
    public sealed class PcContext
    {
        internal PcContext(PartnerCenterConnection connection)
        {
            ApplicationId = connection.ApplicationId;
            TenantId = connection.TenantId;
            Account = connection.Tokens.Account;
            AuthenticationKind = connection.Tokens.AuthenticationKind;
            Environment = connection.Settings.Environment.Name;
            Endpoint = connection.Settings.Endpoint;
            AuthorityHost = connection.Settings.AuthorityHost;
            TokenExpiresOn = connection.Tokens.TokenExpiresOn;
            GraphEndpoint = connection.Settings.GraphEndpoint;
            GraphTokenExpiresOn = connection.GraphTokens?.TokenExpiresOn;
            // A brought token is held from the start; MSAL's only once the first export asked for it.
            HasGraphToken = connection.GraphTokens is Authentication.AccessTokenProvider
                ? GraphTokenExpiresOn is not DateTimeOffset brought || brought > DateTimeOffset.UtcNow
                : GraphTokenExpiresOn is DateTimeOffset expires && expires > DateTimeOffset.UtcNow;
        }

        public string? ApplicationId { get; }
        public string? TenantId { get; }
        /// <summary>The signed-in user for App+User sign-in; empty for app-only.</summary>
        public string? Account { get; }
        public string AuthenticationKind { get; }
        public string Environment { get; }
        public Uri Endpoint { get; }
        public Uri AuthorityHost { get; }
        public DateTimeOffset? TokenExpiresOn { get; }
        /// <summary>The Microsoft Graph base the billing exports (Get-PcReconciliationLineItem, Get-PcUsageLineItem) go to.</summary>
        public Uri GraphEndpoint { get; }
        /// <summary>Whether the session holds a Microsoft Graph token now (it is asked for on the first export only).</summary>
        public bool HasGraphToken { get; }
        public DateTimeOffset? GraphTokenExpiresOn { get; }
    }
}
