using System;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerCenterInvoices.Paging
{
    /// <summary>Reads pages in order while fetching one page ahead, so the network works while the pipeline does.</summary>
    /// <remarks>
    /// Exactly one page is ever in flight beyond the one being consumed, so memory stays at two pages
    /// whatever the collection's size. A failure of the page fetched ahead surfaces only when that
    /// page is asked for, after every item before it was written. Dispose cancels the fetch ahead.
    /// </remarks>
    public sealed class PagePrefetcher<T> : IDisposable
    {
        private readonly PageReader<T> _reader;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private Task<PagedResourceCollection<T>?>? _ahead;
        private ulong _itemsReturned;

        public PagePrefetcher(PageReader<T> reader, bool prefetch = true, ulong itemsWanted = ulong.MaxValue)
        {
            _reader = reader;
            Prefetch = prefetch;
            ItemsWanted = itemsWanted;
        }

        public bool Prefetch { get; }

        /// <summary>Once this many items were returned no page is fetched ahead (the caller asked for -First N).</summary>
        public ulong ItemsWanted { get; }

        public int PagesRead { get; private set; }

        /// <summary>Whether the service announced a page after the last one returned.</summary>
        public bool HasMorePages { get; private set; } = true;

        public async Task<PagedResourceCollection<T>?> ReadNextPageAsync(CancellationToken cancellationToken)
        {
            var current = _ahead ?? _reader.ReadNextPageAsync(_stop.Token);
            _ahead = null;
            PagedResourceCollection<T>? page;
            using (cancellationToken.Register(() => _stop.Cancel()))
            {
                page = await current.ConfigureAwait(false);
            }

            HasMorePages = _reader.HasMorePages;
            if (page is null) return null;
            PagesRead++;
            _itemsReturned += (ulong)page.Items.Count;
            if (Prefetch && HasMorePages && _itemsReturned < ItemsWanted)
                _ahead = _reader.ReadNextPageAsync(_stop.Token);
            return page;
        }

        public void Dispose()
        {
            _stop.Cancel();
            // Nobody will read the page fetched ahead; observe its cancellation so it is not reported as unobserved.
            _ahead?.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
            _stop.Dispose();
        }
    }
}
