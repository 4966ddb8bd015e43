using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerCenterInvoices
{
    /// <summary>A Partner Center cloud: its API host, identity host and token audience.</summary>
    /// <remarks>
    /// From the "Partner Center REST URLs" page: the public cloud and the US Government cloud share
    /// api.partnercenter.microsoft.com; 21Vianet's is partner.partnercenterapi.microsoftonline.cn. The
    /// identity hosts are each cloud's Entra ID. The 21Vianet audience is the API host itself, as
    /// partners' own clients ask for it there; no public source settles it further.
    /// </remarks>
    public sealed class PartnerCenterEnvironment
    {
        public static PartnerCenterEnvironment Public { get; } = new PartnerCenterEnvironment("Public",
            "https://api.partnercenter.microsoft.com", "https://login.microsoftonline.com", "https://api.partnercenter.microsoft.com");

        public static PartnerCenterEnvironment China { get; } = new PartnerCenterEnvironment("China",
            "https://partner.partnercenterapi.microsoftonline.cn", "https://login.chinacloudapi.cn", "https://partner.partnercenterapi.microsoftonline.cn");

        public static PartnerCenterEnvironment USGovernment { get; } = new PartnerCenterEnvironment("USGovernment",
            "https://api.partnercenter.microsoft.com", "https://login.microsoftonline.us", "https://api.partnercenter.microsoft.com");

        public static IReadOnlyList<PartnerCenterEnvironment> All { get; } = new[] { Public, China, USGovernment };

        private PartnerCenterEnvironment(string name, string endpoint, string authorityHost, string apiResource)
        {
            Name = name;
            Endpoint = new Uri(endpoint);
            AuthorityHost = new Uri(authorityHost);
            ApiResource = apiResource;
        }

        public string Name { get; }
        public Uri Endpoint { get; }
        public Uri AuthorityHost { get; }
        /// <summary>The resource tokens are issued for; scopes are built from it.</summary>
        public string ApiResource { get; }

        public static PartnerCenterEnvironment Find(string name) =>
            All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown environment '{name}'. Known: {string.Join(", ", All.Select(e => e.Name))}.", nameof(name));

        public override string ToString() => Name;
    }
}
