using System;
using System.Net.Http;
using Microsoft.Identity.Client;
using PartnerCenterInvoices.Http;

namespace PartnerCenterInvoices.Authentication
{
    /// <summary>Builds MSAL application objects that share the connection's HttpClient and authority.</summary>
    /// <remarks>
    /// Each object keeps its own in-memory token cache, which is the session's cache: nothing goes
    /// to disk, so parallel jobs and several tenants never trip over a shared file.
    /// </remarks>
    internal static class MsalApplications
    {
        public static IConfidentialClientApplication Confidential(string applicationId, string tenantId, AppCredential credential,
            Uri authorityHost, HttpClient http) =>
            credential.ApplyTo(ConfidentialClientApplicationBuilder.Create(RequireText(applicationId, "application id")))
                .WithMsalAuthority(authorityHost, RequireText(tenantId, "tenant id"))
                .WithHttpClientFactory(new MsalHttpClientFactory(http))
                .Build();

        public static IPublicClientApplication Public(string applicationId, string tenantId, Uri authorityHost, HttpClient http) =>
            PublicClientApplicationBuilder.Create(RequireText(applicationId, "application id"))
                .WithMsalAuthority(authorityHost, RequireText(tenantId, "tenant id"))
                .WithHttpClientFactory(new MsalHttpClientFactory(http))
                .Build();

        private static string RequireText(string value, string what) =>
            string.IsNullOrWhiteSpace(value) ? throw new ArgumentException($"The {what} is empty.") : value.Trim();
    }
}
