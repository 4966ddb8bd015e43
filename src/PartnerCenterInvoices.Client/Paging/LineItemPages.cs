using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerCenterInvoices.Paging
{
    /// <summary>Pages of line items of whichever shape the provider has, seen through their common base type.</summary>
    public interface ILineItemPages : IDisposable
    {
        int PagesRead { get; }
        bool HasMorePages { get; }
        Task<IReadOnlyList<InvoiceLineItem>?> ReadNextPageAsync(CancellationToken cancellationToken);
    }

    internal sealed class LineItemPages<T> : ILineItemPages where T : InvoiceLineItem
    {
        private readonly PagePrefetcher<T> _pages;

        public LineItemPages(PagePrefetcher<T> pages) => _pages = pages;

        public int PagesRead => _pages.PagesRead;
        public bool HasMorePages => _pages.HasMorePages;

        public async Task<IReadOnlyList<InvoiceLineItem>?> ReadNextPageAsync(CancellationToken cancellationToken) =>
            (await _pages.ReadNextPageAsync(cancellationToken).ConfigureAwait(false))?.Items;

        public void Dispose() => _pages.Dispose();
    }
}
