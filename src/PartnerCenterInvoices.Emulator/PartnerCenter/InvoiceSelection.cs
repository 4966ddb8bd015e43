namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>The invoices a query selects (by type and date filter), found by scanning the cheap classification only.</summary>
/// <remarks>
/// Unfiltered, the n-th selected invoice is simply index n. Filtered, a scan classifies each index with
/// one hash; because invoice dates never rise with the index, it starts at the first index the date
/// filter can match (by binary search) and stops where dates fall below what the filter can match.
/// </remarks>
internal sealed class InvoiceSelection
{
    private readonly InvoiceGenerator _generator;
    private readonly long _total;
    private readonly InvoiceType? _type;
    private readonly InvoiceFilter? _filter;
    private readonly long _earliestTicks;
    private long _firstCandidate = -1;

    public InvoiceSelection(InvoiceGenerator generator, long total, InvoiceType? type, InvoiceFilter? filter)
    {
        _generator = generator;
        _total = total;
        _type = type;
        _filter = filter;
        _earliestTicks = filter?.EarliestMatchingTicks ?? long.MinValue;
    }

    public long Total => _total;

    /// <summary>The first selected index at or after <paramref name="from"/>, or <see cref="Total"/> if there is none.</summary>
    public long NextMatch(long from)
    {
        if (_type is null && _filter is null) return Math.Min(Math.Max(from, 0), _total);

        for (var index = Math.Max(from, FirstCandidate()); index < _total; index++)
        {
            _generator.Classify(index, out var type, out var dateTicks);
            if (dateTicks < _earliestTicks) return _total;
            if (_type is not null && type != _type) continue;
            if (_filter is not null && !_filter.Matches(dateTicks)) continue;
            return index;
        }
        return _total;
    }

    /// <summary>The index of the selected invoice at zero-based position <paramref name="offset"/>, or <see cref="Total"/>.</summary>
    public long Skip(long offset)
    {
        if (_type is null && _filter is null) return Math.Min(offset, _total);
        var index = NextMatch(0);
        for (long skipped = 0; skipped < offset && index < _total; skipped++) index = NextMatch(index + 1);
        return index;
    }

    // The first index whose date is not after the latest date the filter can match.
    private long FirstCandidate()
    {
        if (_firstCandidate >= 0) return _firstCandidate;
        long low = 0, high = _total;
        var latest = _filter?.LatestMatchingTicks ?? long.MaxValue;
        if (latest != long.MaxValue)
        {
            while (low < high)
            {
                var middle = low + (high - low) / 2;
                if (_generator.InvoiceDateTicksOf(middle) <= latest) high = middle;
                else low = middle + 1;
            }
        }
        return _firstCandidate = low;
    }
}
