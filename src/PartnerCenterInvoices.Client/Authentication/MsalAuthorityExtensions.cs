using System;
using Microsoft.Identity.Client;

namespace PartnerCenterInvoices.Authentication
{
    /// <summary>Points an MSAL application at an authority host of any cloud, or at the local emulator.</summary>
    internal static class MsalAuthorityExtensions
    {
        private static readonly string[] MicrosoftAuthorityHosts =
        {
            "login.microsoftonline.com", "login.chinacloudapi.cn", "login.partner.microsoftonline.cn", "login.microsoftonline.us",
        };

        public static T WithMsalAuthority<T>(this AbstractApplicationBuilder<T> builder, Uri authorityHost, string tenantId)
            where T : AbstractApplicationBuilder<T>
        {
            var authority = authorityHost.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + Uri.EscapeDataString(tenantId.Trim());
            var isMicrosoftHost = Array.Exists(MicrosoftAuthorityHosts,
                host => string.Equals(host, authorityHost.Host, StringComparison.OrdinalIgnoreCase));
            // For any other host MSAL would still ask login.microsoftonline.com for instance
            // discovery; switching it off keeps the emulator (and air-gapped clouds) self-contained.
            return builder.WithAuthority(authority, validateAuthority: isMicrosoftHost).WithInstanceDiscovery(isMicrosoftHost);
        }
    }
}
