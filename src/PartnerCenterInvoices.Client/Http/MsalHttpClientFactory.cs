using System.Net.Http;
using Microsoft.Identity.Client;

namespace PartnerCenterInvoices.Http
{
    /// <summary>Gives MSAL the connection's HttpClient so it trusts the same certificates the API calls do.</summary>
    internal sealed class MsalHttpClientFactory : IMsalHttpClientFactory
    {
        private readonly HttpClient _client;

        public MsalHttpClientFactory(HttpClient client) => _client = client;

        public HttpClient GetHttpClient() => _client;
    }
}
