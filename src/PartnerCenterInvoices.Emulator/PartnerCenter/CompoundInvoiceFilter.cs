namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>Two or more filters joined by <c>and</c> (every one matches) or <c>or</c> (any one matches).</summary>
internal sealed class CompoundInvoiceFilter : InvoiceFilter
{
    private readonly bool _all;
    private readonly InvoiceFilter[] _parts;

    public CompoundInvoiceFilter(bool all, IReadOnlyCollection<InvoiceFilter> parts)
    {
        _all = all;
        _parts = [.. parts];
        // "and" can match only where every part can; "or" wherever any part can.
        EarliestMatchingTicks = all ? _parts.Max(p => p.EarliestMatchingTicks) : _parts.Min(p => p.EarliestMatchingTicks);
        LatestMatchingTicks = all ? _parts.Min(p => p.LatestMatchingTicks) : _parts.Max(p => p.LatestMatchingTicks);
    }

    public bool RequiresAll => _all;
    public IReadOnlyList<InvoiceFilter> Parts => _parts;

    public override long EarliestMatchingTicks { get; }
    public override long LatestMatchingTicks { get; }

    public override bool Matches(long invoiceDateTicks)
    {
        foreach (var part in _parts)
        {
            if (part.Matches(invoiceDateTicks) != _all) return !_all;
        }
        return _all;
    }
}
