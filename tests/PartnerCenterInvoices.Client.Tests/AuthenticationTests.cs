using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenterInvoices.Authentication;
using PartnerCenterInvoices.Http;
using Xunit;

namespace PartnerCenterInvoices.Tests
{
    public class AuthenticationTests
    {
        private static string Jwt(string payloadJson) =>
            "eyJhbGciOiJub25lIn0." + Convert.ToBase64String(Encoding.UTF8.GetBytes(payloadJson)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".sig";

        [Fact]
        public void Reads_the_expiry_of_a_jwt() =>
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1893456000), JwtExpiry.TryRead(Jwt("{\"exp\":1893456000}")));

        [Theory]
        [InlineData("opaque-token-value")]
        [InlineData("a.b.c")]
        [InlineData("x.eyJub3QiOiJleHAifQ.y")]
        public void An_opaque_or_odd_token_has_no_known_expiry(string token) => Assert.Null(JwtExpiry.TryRead(token));

        [Fact]
        public async Task A_brought_opaque_token_is_used_as_is()
        {
            var provider = new AccessTokenProvider("opaque-token-value");
            Assert.Equal("opaque-token-value", (await provider.GetTokenAsync(false, CancellationToken.None)).Token);
            Assert.False(provider.CanRenew);
        }

        [Fact]
        public async Task A_brought_expired_jwt_fails_with_a_message_that_says_it_cannot_be_renewed()
        {
            var provider = new AccessTokenProvider(Jwt("{\"exp\":1000}"));
            var error = await Assert.ThrowsAsync<AuthenticationFailedException>(() => provider.GetTokenAsync(false, CancellationToken.None));
            Assert.Equal("TokenExpired", error.ErrorCode);
            Assert.Contains("cannot be renewed", error.Message);
        }

        [Theory]
        [InlineData("https://api.partnercenter.microsoft.com")]
        [InlineData("http://127.0.0.1:8080")]
        [InlineData("http://localhost:8080")]
        [InlineData("http://[::1]:8080")]
        public void Accepts_https_or_loopback_http(string endpoint) =>
            Assert.Equal(new Uri(endpoint), ConnectionSettings.ValidateEndpoint(new Uri(endpoint)));

        [Theory]
        [InlineData("http://api.partnercenter.microsoft.com")]
        [InlineData("http://10.0.0.5")]
        [InlineData("ftp://127.0.0.1")]
        public void Refuses_an_endpoint_the_token_could_leak_through(string endpoint) =>
            Assert.Throws<ArgumentException>(() => ConnectionSettings.ValidateEndpoint(new Uri(endpoint)));

        [Fact]
        public async Task The_token_goes_only_to_the_api_host()
        {
            var inner = new FakeApi(_ => FakeApi.Json("{}"));
            var client = new HttpClient(new AuthorizationHandler(new AccessTokenProvider("secret-token"), new Uri("https://pc.example"), inner));

            await client.GetAsync("https://pc.example/v1/invoices");
            await client.GetAsync("https://pc.example:8443/v1/invoices");
            await client.GetAsync("http://pc.example/v1/invoices");
            await client.GetAsync("https://elsewhere.example/v1/invoices");

            Assert.Equal(new string?[] { "Bearer secret-token", null, null, null }, inner.Requests.Select(r => r.Authorization));
        }

        [Fact]
        public async Task A_401_renews_the_token_once_and_resends_the_same_request()
        {
            var calls = 0;
            var inner = new FakeApi(_ => ++calls == 1 ? new HttpResponseMessage(HttpStatusCode.Unauthorized) : FakeApi.Json("{}"));
            var tokens = new CountingTokens();
            var client = new HttpClient(new AuthorizationHandler(tokens, new Uri("https://pc.example"), inner));

            var response = await client.GetAsync("https://pc.example/v1/invoices");

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(new[] { "Bearer t1", "Bearer t2" }, inner.Requests.Select(r => r.Authorization));
            Assert.Equal(1, tokens.ForcedRefreshes);
        }

        private sealed class CountingTokens : IAccessTokenProvider
        {
            private int _issued;
            public int ForcedRefreshes { get; private set; }
            public string AuthenticationKind => "Test";
            public bool CanRenew => true;
            public DateTimeOffset? TokenExpiresOn => null;
            public string? Account => null;

            public Task<AccessToken> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
            {
                if (forceRefresh) { ForcedRefreshes++; _issued++; }
                if (_issued == 0) _issued = 1;
                return Task.FromResult(new AccessToken("t" + _issued, null));
            }
        }
    }
}
