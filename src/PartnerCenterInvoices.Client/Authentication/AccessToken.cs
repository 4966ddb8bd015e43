using System;

namespace PartnerCenterInvoices.Authentication
{
    /// <summary>A bearer token and when it stops working, if that is known.</summary>
    public readonly struct AccessToken
    {
        public AccessToken(string token, DateTimeOffset? expiresOn)
        {
            Token = token ?? throw new ArgumentNullException(nameof(token));
            ExpiresOn = expiresOn;
        }

        public string Token { get; }
        public DateTimeOffset? ExpiresOn { get; }

        // Never print the token itself, whatever formats this value.
        public override string ToString() => ExpiresOn is null ? "AccessToken" : $"AccessToken (expires {ExpiresOn:u})";
    }
}
