using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenterInvoices.Authentication;

namespace PartnerCenterInvoices.Http
{
    /// <summary>Adds the bearer token to requests for the API host only, and renews it once on a 401.</summary>
    /// <remarks>
    /// Links and redirects come from the service's responses; one pointing at another host must never
    /// carry the partner's token, so the host check is here, on the last step before the wire.
    /// </remarks>
    internal sealed class AuthorizationHandler : DelegatingHandler
    {
        private readonly IAccessTokenProvider _tokens;
        private readonly Uri _apiEndpoint;

        public AuthorizationHandler(IAccessTokenProvider tokens, Uri apiEndpoint, HttpMessageHandler inner) : base(inner)
        {
            _tokens = tokens;
            _apiEndpoint = apiEndpoint;
        }

        public bool IsApiHost(Uri? uri) =>
            uri is not null && uri.IsAbsoluteUri &&
            string.Equals(uri.Scheme, _apiEndpoint.Scheme, StringComparison.OrdinalIgnoreCase) &&
            string.Equals(uri.IdnHost, _apiEndpoint.IdnHost, StringComparison.OrdinalIgnoreCase) &&
            uri.Port == _apiEndpoint.Port;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = null;
            if (!IsApiHost(request.RequestUri))
                return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

            var token = await _tokens.GetTokenAsync(false, cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            // The transport follows redirects and rewrites RequestUri: a 401 from wherever we were sent
            // must never earn that host a fresh token.
            // A brought token cannot be renewed: the service's own 401 (with its correlation id) goes back as is.
            if (response.StatusCode != HttpStatusCode.Unauthorized || !IsApiHost(request.RequestUri) || !_tokens.CanRenew) return response;

            // The token was revoked or expired early: one fresh token, one more try, the same request.
            response.Dispose();
            token = await _tokens.GetTokenAsync(true, cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
