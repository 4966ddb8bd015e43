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
    }
}
