using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenterInvoices.Authentication;
using PartnerCenterInvoices.BillingExports;
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
        private readonly HttpClient _graphClient;
        private readonly HttpClient _blobClient;
        private readonly GraphRequestSender _graphSender;

        private PartnerCenterConnection(ConnectionSettings settings, Func<HttpClient, IAccessTokenProvider> createTokens,
            Func<HttpClient, IAccessTokenProvider?>? createGraphTokens = null)
        {
            Settings = settings;
            _transport = new HttpClientHandler();
            TrustedCertificateValidator.Apply(_transport, settings.TrustedServerCertificate);

            // Token requests get a line in -Verbose too (path only; their bodies hold secrets and are never logged).
            _identityClient = new HttpClient(new TraceHandler(_transport, pathOnly: true), disposeHandler: false);
            Tokens = createTokens(_identityClient);
            // auth -> trace -> transport: the trace sees what goes on the wire, so it is where redaction must happen.
            _apiClient = new HttpClient(new AuthorizationHandler(Tokens, settings.Endpoint, new TraceHandler(_transport)), disposeHandler: false)
            {
                // Time limits live in the retry policy, per attempt and per request; HttpClient's own would cut across them.
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            _apiClient.DefaultRequestHeaders.UserAgent.ParseAdd(settings.UserAgent);
            _sender = new ApiRequestSender(_apiClient, settings.Retry);

            // Graph tokens only to the Graph origin, Partner Center tokens only to the API origin, and
            // nothing at all to the export files' storage account: three clients, one transport.
            GraphTokens = createGraphTokens?.Invoke(_identityClient) ?? (Tokens as IGraphTokenSource)?.CreateGraphTokenProvider(settings);
            _graphClient = new HttpClient(new AuthorizationHandler(GraphTokens ?? NoTokens.Instance, settings.GraphEndpoint, new TraceHandler(_transport)),
                disposeHandler: false)
            { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            _graphClient.DefaultRequestHeaders.UserAgent.ParseAdd(settings.UserAgent);
            _graphSender = new GraphRequestSender(_graphClient, settings.Retry);
            _blobClient = new HttpClient(new TraceHandler(_transport, pathOnly: true), disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            _blobClient.DefaultRequestHeaders.UserAgent.ParseAdd(settings.UserAgent);
        }

        public ConnectionSettings Settings { get; }
        public string? ApplicationId { get; private set; }
        public string? TenantId { get; private set; }
        public IAccessTokenProvider Tokens { get; }
        /// <summary>Microsoft Graph tokens for the billing exports, asked for on first use only; null when the sign-in cannot get them.</summary>
        public IAccessTokenProvider? GraphTokens { get; }

        /// <summary>Signs in with the flow <paramref name="createTokens"/> builds, and gets the first token now, so
        /// wrong credentials fail here rather than on the first request.</summary>
        public static Task<PartnerCenterConnection> ConnectAsync(ConnectionSettings settings, string? applicationId, string? tenantId,
            Func<ConnectionSettings, HttpClient, IAccessTokenProvider> createTokens, CancellationToken cancellationToken,
            Func<ConnectionSettings, HttpClient, IAccessTokenProvider?>? createGraphTokens = null)
        {
            var connection = new PartnerCenterConnection(settings, http => createTokens(settings, http),
                createGraphTokens is null ? null : http => createGraphTokens(settings, http))
            {
                ApplicationId = applicationId,
                TenantId = tenantId,
            };
            return connection.VerifyAsync(cancellationToken);
        }

        /// <summary>Starts reading invoices; nothing is requested until the first page is asked for.</summary>
        public PageReader<Invoice> GetInvoices(InvoiceQuery query, RequestContext context) =>
            new PageReader<Invoice>(_sender, Settings.VersionRoot, query.ToRelativeUri(),
                PartnerCenterJsonContext.Default.PagedResourceCollectionInvoice, context);

        /// <summary>Reads one invoice by id (an App+User operation in the service).</summary>
        public Task<Invoice> GetInvoiceAsync(string invoiceId, RequestContext context, CancellationToken cancellationToken)
        {
            var uri = new Uri(Settings.VersionRoot + "/invoices/" + Uri.EscapeDataString(ServiceId.Require(invoiceId, "invoice id")));
            return _sender.GetJsonAsync(uri, null, PartnerCenterJsonContext.Default.Invoice, context, cancellationToken);
        }

        /// <summary>Starts reading an invoice's line items of one provider and type, fetching a page ahead unless told not to.</summary>
        public ILineItemPages GetInvoiceLineItems(LineItemQuery query, RequestContext context, bool prefetch = true, ulong itemsWanted = ulong.MaxValue)
        {
            var first = query.ToRelativeUri();
            var json = PartnerCenterJsonContext.Default;
            ILineItemPages Pages<T>(System.Text.Json.Serialization.Metadata.JsonTypeInfo<PagedResourceCollection<T>> type) where T : InvoiceLineItem =>
                new LineItemPages<T>(new PagePrefetcher<T>(new PageReader<T>(_sender, Settings.VersionRoot, first, type, context), prefetch, itemsWanted));

            var billing = query.LineItemType == InvoiceLineItemType.BillingLineItems;
            if (query.Provider == BillingProvider.Office && billing) return Pages(json.PagedResourceCollectionLicenseBasedLineItem);
            if (query.Provider == BillingProvider.Azure && billing) return Pages(json.PagedResourceCollectionUsageBasedLineItem);
            if (billing) return Pages(json.PagedResourceCollectionOneTimeInvoiceLineItem);
            return Pages(json.PagedResourceCollectionDailyRatedUsageLineItem);
        }

        /// <summary>Starts reading the account balance summaries, one per currency (an App+User operation).</summary>
        public PageReader<InvoiceSummary> GetInvoiceSummaries(RequestContext context) =>
            new PageReader<InvoiceSummary>(_sender, Settings.VersionRoot, "/invoices/summaries",
                PartnerCenterJsonContext.Default.PagedResourceCollectionInvoiceSummary, context);

        /// <summary>Streams an invoice's PDF statement, or one of its tax receipts, into <paramref name="destination"/>.</summary>
        public Task<long> DownloadStatementAsync(string invoiceId, string? taxReceiptId, Stream destination, RequestContext context,
            CancellationToken cancellationToken)
        {
            var path = "/invoices/" + Uri.EscapeDataString(ServiceId.Require(invoiceId, "invoice id")) +
                (taxReceiptId is null ? string.Empty : "/receipts/" + Uri.EscapeDataString(ServiceId.Require(taxReceiptId, "tax receipt id"))) +
                "/documents/statement";
            return _sender.DownloadAsync(new Uri(Settings.VersionRoot + path), "application/pdf", destination, context, cancellationToken);
        }

        /// <summary>Starts a reconciliation export (billed or unbilled); nothing is requested until the first read.</summary>
        public BillingExportReader<ReconciliationLineItem> ReadReconciliationLineItems(BillingExportRequest request, RequestContext context,
            BillingExportOptions? options = null) =>
            ReadExport<ReconciliationLineItem>(request, BillingExportKind.Reconciliation, context, options);

        /// <summary>Starts a daily rated usage export (billed or unbilled); nothing is requested until the first read.</summary>
        public BillingExportReader<UsageLineItem> ReadUsageLineItems(BillingExportRequest request, RequestContext context,
            BillingExportOptions? options = null) =>
            ReadExport<UsageLineItem>(request, BillingExportKind.Usage, context, options);

        private BillingExportReader<T> ReadExport<T>(BillingExportRequest request, BillingExportKind kind, RequestContext context, BillingExportOptions? options)
            where T : BillingExportLineItem, new()
        {
            if (request.Kind != kind) throw new ArgumentException($"The request is for a {request.Kind} export, not {kind}.", nameof(request));
            if (!Settings.HasGraphBilling)
                throw new BillingExportException(BillingExportFailure.NotAvailableInCloud,
                    $"Microsoft Graph's billing exports exist in the public cloud only, not in {Settings.Environment.Name}.",
                    advice: "Read line items with Get-PcInvoiceLineItem in this cloud.");
            if (GraphTokens is null)
                throw new BillingExportException(BillingExportFailure.NoGraphToken,
                    "This connection has no Microsoft Graph token for the billing exports: a Partner Center token brought with -AccessToken does not serve Graph.",
                    advice: "Run Connect-PcAccount -AccessToken ... -GraphAccessToken ... with a Graph token (PartnerBilling.Read.All), or sign in with application credentials.");
            return new BillingExportReader<T>(_graphSender, _blobClient, Settings.Retry, new Uri(Settings.GraphVersionRoot), request,
                options ?? new BillingExportOptions(), context);
        }

        public async Task<AccessToken> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            return await Tokens.GetTokenAsync(forceRefresh, cancellationToken).ConfigureAwait(false);
        }

        public void Dispose()
        {
            _graphClient.Dispose();
            _blobClient.Dispose();
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
