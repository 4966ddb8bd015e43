using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenterInvoices.Http;

namespace PartnerCenterInvoices.Paging
{
    /// <summary>Reads a collection page by page, following each page's <c>links.next</c> with its headers.</summary>
    /// <remarks>
    /// The service ignores size and offset for modern invoices and pages by continuation token
    /// (<c>MS-ContinuationToken</c> in the next link's headers), so a page may hold any number of items;
    /// only a missing next link ends the collection. Only the current page is ever held in memory.
    /// </remarks>
    public sealed class PageReader<T>
    {
        private readonly ApiRequestSender _sender;
        private readonly JsonTypeInfo<PagedResourceCollection<T>> _typeInfo;
        private readonly RequestContext _context;
        private readonly string _versionRoot;
        private Uri? _nextUri;
        private List<LinkHeader>? _nextHeaders;
        // One short key per page read: a service that cycles through next links would repeat items forever.
        private readonly HashSet<string> _requestsMade = new HashSet<string>(StringComparer.Ordinal);

        internal PageReader(ApiRequestSender sender, string versionRoot, string firstRelativeUri,
            JsonTypeInfo<PagedResourceCollection<T>> typeInfo, RequestContext context)
        {
            _sender = sender;
            _versionRoot = versionRoot;
            _typeInfo = typeInfo;
            _context = context;
            _nextUri = Resolve(firstRelativeUri);
        }

        public int PagesRead { get; private set; }
        public bool HasMorePages => _nextUri is not null;

        /// <summary>The next page, or null once the last page has been read.</summary>
        public async Task<PagedResourceCollection<T>?> ReadNextPageAsync(CancellationToken cancellationToken)
        {
            if (_nextUri is null) return null;

            var requestKey = _nextUri + "|" + string.Join("|", (_nextHeaders ?? new List<LinkHeader>()).Select(h => h.Key + "=" + h.Value));
            if (!_requestsMade.Add(requestKey))
            {
                throw new InvalidServiceResponseException(
                    $"Partner Center returned a next link it had returned before ({_nextUri.AbsolutePath}); stopping rather than repeating items.",
                    _context.CorrelationId.ToString(), null);
            }

            var page = await _sender.GetJsonAsync(_nextUri, _nextHeaders, _typeInfo, _context, cancellationToken).ConfigureAwait(false);
            if (page.Items is null)
                throw new InvalidServiceResponseException($"Partner Center answered GET {_nextUri.AbsolutePath} with a page that has no items array.",
                    _context.CorrelationId.ToString(), null);
            PagesRead++;
            var next = page.Links?.Next;
            _nextUri = string.IsNullOrWhiteSpace(next?.Uri) ? null : Resolve(next!.Uri!);
            _nextHeaders = next?.Headers;
            return page;
        }

        // Link URIs are relative to the version root: "/invoices?..." means "<endpoint>/v1/invoices?...".
        private Uri Resolve(string uri) =>
            Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttps || absolute.Scheme == Uri.UriSchemeHttp)
                ? absolute
                : new Uri(_versionRoot + (uri.StartsWith("/", StringComparison.Ordinal) ? uri : "/" + uri));
    }
}
