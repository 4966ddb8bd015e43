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
            AuthenticationKind = connection.Tokens.AuthenticationKind;
            Endpoint = connection.Settings.Endpoint;
            AuthorityHost = connection.Settings.AuthorityHost;
            TokenExpiresOn = connection.TokenExpiresOn;
        }

        public string? ApplicationId { get; }
        public string? TenantId { get; }
        public string AuthenticationKind { get; }
        public Uri Endpoint { get; }
        public Uri AuthorityHost { get; }
        public DateTimeOffset? TokenExpiresOn { get; }
    }
}
