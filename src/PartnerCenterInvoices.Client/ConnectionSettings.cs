using System;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using PartnerCenterInvoices.Http;

namespace PartnerCenterInvoices
{
    /// <summary>Where the API and the identity service are, and which extra server certificate to trust.</summary>
    public sealed class ConnectionSettings
    {
        /// <param name="environment">The cloud; <paramref name="endpoint"/> and <paramref name="authorityHost"/> override its hosts
        /// (the emulator, a proxy), while the token audience stays the cloud's.</param>
        public ConnectionSettings(Uri? endpoint = null, Uri? authorityHost = null, X509Certificate2? trustedServerCertificate = null,
            string? userAgent = null, RetryOptions? retry = null, PartnerCenterEnvironment? environment = null, Uri? graphEndpoint = null)
        {
            Environment = environment ?? PartnerCenterEnvironment.Public;
            Retry = retry ?? new RetryOptions();
            Endpoint = ValidateEndpoint(endpoint ?? Environment.Endpoint);
            AuthorityHost = ValidateAuthorityHost(authorityHost ?? Environment.AuthorityHost);
            TrustedServerCertificate = trustedServerCertificate;
            UserAgent = string.IsNullOrWhiteSpace(userAgent) ? "PartnerCenterInvoices" : userAgent!;
            GraphEndpoint = ValidateEndpoint(graphEndpoint ?? new Uri(GraphResource));
        }

        /// <summary>Microsoft Graph's token audience. The billing exports exist in the public cloud only, so it is not per environment.</summary>
        public const string GraphResource = "https://graph.microsoft.com";

        /// <summary>The Microsoft Graph base (billing exports), without the version segment; overridable like <see cref="Endpoint"/>.</summary>
        public Uri GraphEndpoint { get; }

        /// <summary>Whether this cloud has Graph's billing exports: only the public one (not 21Vianet, not US Government).</summary>
        public bool HasGraphBilling => Environment == PartnerCenterEnvironment.Public;

        /// <summary>App-only Graph scope: the application permissions granted on Graph (PartnerBilling.Read.All).</summary>
        public string GraphAppScope => GraphResource + "/.default";

        /// <summary>App+User Graph scope: the billing exports as the signed-in user.</summary>
        public string GraphUserScope => GraphResource + "/PartnerBilling.Read.All";

        /// <summary>The root of Graph's v1.0 API on <see cref="GraphEndpoint"/>.</summary>
        public string GraphVersionRoot => GraphEndpoint.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/v1.0";

        /// <summary>The API base, without the version segment (the module adds <c>/v1</c>).</summary>
        public Uri Endpoint { get; }
        public Uri AuthorityHost { get; }
        /// <summary>One server certificate trusted beyond the platform's store (the emulator's), or null.</summary>
        public X509Certificate2? TrustedServerCertificate { get; }
        public string UserAgent { get; }
        public RetryOptions Retry { get; }
        public PartnerCenterEnvironment Environment { get; }

        /// <summary>App-only scope: every permission the app was granted on the API.</summary>
        public string AppScope => Environment.ApiResource + "/.default";

        /// <summary>App+User scope: the API acting as the signed-in user.</summary>
        public string UserScope => Environment.ApiResource + "/user_impersonation";

        /// <summary>The root that the service's relative links (<c>/invoices?...</c>) hang from.</summary>
        public string VersionRoot => Endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/v1";

        public static Uri ValidateEndpoint(Uri endpoint)
        {
            RequireAbsolute(endpoint, "Endpoint");
            if (endpoint.Scheme == Uri.UriSchemeHttps) return endpoint;
            if (endpoint.Scheme == Uri.UriSchemeHttp && IsLoopback(endpoint)) return endpoint;
            throw new ArgumentException(
                $"The endpoint '{endpoint}' must use https. Plain http is accepted only for a loopback host (127.0.0.1, ::1, localhost), " +
                "because the bearer token would otherwise cross the network unencrypted.", nameof(endpoint));
        }

        public static Uri ValidateAuthorityHost(Uri authorityHost)
        {
            RequireAbsolute(authorityHost, "AuthorityHost");
            // MSAL refuses anything else, loopback included; say so before it does, in our words.
            if (authorityHost.Scheme != Uri.UriSchemeHttps)
                throw new ArgumentException($"The authority host '{authorityHost}' must use https.", nameof(authorityHost));
            return authorityHost;
        }

        public static bool IsLoopback(Uri uri) =>
            uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

        private static void RequireAbsolute(Uri uri, string name)
        {
            if (uri is null) throw new ArgumentNullException(name);
            if (!uri.IsAbsoluteUri)
                throw new ArgumentException($"The {name} '{uri}' must be an absolute URI such as https://host.", name);
        }
    }
}
