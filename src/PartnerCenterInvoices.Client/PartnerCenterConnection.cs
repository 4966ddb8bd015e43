using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenterInvoices.Authentication;
using PartnerCenterInvoices.Http;
using PartnerCenterInvoices.Paging;
using PartnerCenterInvoices.Queries;

namespace PartnerCenterInvoices
{
    /// <summary>One signed-in connection: settings, token provider and the HTTP pipeline they share.</summary>
    /// <remarks>
    /// Built once per Connect-PcAccount and kept for the session, so connections are reused and
    /// the token cache survives between cmdlet calls.
    /// </remarks>
    public sealed class PartnerCenterConnection : IDisposable
    {
        private readonly HttpClientHandler _transport;
        private readonly HttpClient _apiClient;
        private readonly HttpClient _identityClient;
        private readonly ApiRequestSender _sender;

        private PartnerCenterConnection(ConnectionSettings settings, Func<HttpClient, IAccessTokenProvider> createTokens)
        {
            Settings = settings;
            _transport = new HttpClientHandler();
            TrustedCertificateValidator.Apply(_transport, settings.TrustedServerCertificate);

            _identityClient = new HttpClient(_transport, disposeHandler: false);
            Tokens = createTokens(_identityClient);
            // auth -> trace -> transport: the trace sees what goes on the wire, so it is where redaction must happen.
            _apiClient = new HttpClient(new AuthorizationHandler(Tokens, settings.Endpoint, new TraceHandler(_transport)), disposeHandler: false)
            {
                // Time limits live in the retry policy, per attempt and per request; HttpClient's own would cut across them.
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            _apiClient.DefaultRequestHeaders.UserAgent.ParseAdd(settings.UserAgent);
            _sender = new ApiRequestSender(_apiClient, settings.Retry);
        }

        public ConnectionSettings Settings { get; }
        public string? ApplicationId { get; private set; }
        public string? TenantId { get; private set; }
        public IAccessTokenProvider Tokens { get; }
        /// <summary>When the last token handed out expires, if known.</summary>
        public DateTimeOffset? TokenExpiresOn { get; private set; }

        /// <summary>Signs in with a client secret; fails here, not on the first request, when the credentials are wrong.</summary>
        public static async Task<PartnerCenterConnection> ConnectWithClientSecretAsync(ConnectionSettings settings,
            string applicationId, string tenantId, string clientSecret, CancellationToken cancellationToken)
        {
            var connection = new PartnerCenterConnection(settings,
                http => new ClientSecretTokenProvider(applicationId, tenantId, clientSecret, settings.AuthorityHost, http))
            {
                ApplicationId = applicationId,
                TenantId = tenantId,
            };
            return await connection.VerifyAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Uses a token the caller already has; rejects it only when it is a JWT that has expired.</summary>
        public static Task<PartnerCenterConnection> ConnectWithAccessTokenAsync(ConnectionSettings settings, string accessToken,
            string? tenantId, CancellationToken cancellationToken)
        {
            var connection = new PartnerCenterConnection(settings, _ => new AccessTokenProvider(accessToken)) { TenantId = tenantId };
            return connection.VerifyAsync(cancellationToken);
        }

        /// <summary>Starts reading invoices; nothing is requested until the first page is asked for.</summary>
        public PageReader<Invoice> GetInvoices(InvoiceQuery query, RequestContext context) =>
            new PageReader<Invoice>(_sender, Settings.VersionRoot, query.ToRelativeUri(),
                PartnerCenterJsonContext.Default.PagedResourceCollectionInvoice, context);

        /// <summary>Reads one invoice by id (an App+User operation in the service).</summary>
        public Task<Invoice> GetInvoiceAsync(string invoiceId, RequestContext context, CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(invoiceId)) throw new ArgumentException("The invoice id is empty.", nameof(invoiceId));
            // Escaped as one path segment: an id such as "../x" must not walk the URL tree.
            var uri = new Uri(Settings.VersionRoot + "/invoices/" + Uri.EscapeDataString(invoiceId.Trim()));
            return _sender.GetJsonAsync(uri, null, PartnerCenterJsonContext.Default.Invoice, context, cancellationToken);
        }

        public async Task<AccessToken> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            var token = await Tokens.GetTokenAsync(forceRefresh, cancellationToken).ConfigureAwait(false);
            TokenExpiresOn = token.ExpiresOn;
            return token;
        }

        public void Dispose()
        {
            _apiClient.Dispose();
            _identityClient.Dispose();
            _transport.Dispose();
        }

        private async Task<PartnerCenterConnection> VerifyAsync(CancellationToken cancellationToken)
        {
            try
            {
                await GetAccessTokenAsync(false, cancellationToken).ConfigureAwait(false);
                return this;
            }
            catch
            {
                Dispose();
                throw;
            }
        }
    }
}
