namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>The line items of one (invoice, provider, kind): how many there are and what line <c>n</c> holds, each in O(1).</summary>
/// <remarks>
/// Nothing is stored per line. The billing lines of an invoice split its total exactly: each provider's detail
/// gets a weighted share (the last detail the remainder), and within a detail every line gets an equal share
/// in minor units, varied in pairs that cancel out, with the remainder on the last line. So the lines of any
/// page can be made without the others, and their totals still add up to the invoice's to the cent.
/// </remarks>
internal readonly struct InvoiceLineItems
{
    public required Invoice Invoice { get; init; }
    public required BillingProviders Provider { get; init; }
    public required LineItemKind Kind { get; init; }

    /// <summary>0 when the invoice has no detail of this provider (or no usage of it).</summary>
    public required long Count { get; init; }

    /// <summary>The minor units this detail's billing lines add up to; 0 for usage.</summary>
    public required long ShareMinorUnits { get; init; }

    /// <summary>The seed of every per-line hash of this detail.</summary>
    public required ulong Key { get; init; }

    public ulong LineHash(long line) => InvoiceGenerator.Mix(Key + (ulong)line * 0x9E37_79B9_7F4A_7C15UL);

    /// <summary>The billing total of line <paramref name="line"/> in minor units; lines 0..Count-1 sum to <see cref="ShareMinorUnits"/>.</summary>
    public long AmountOf(long line)
    {
        var equal = ShareMinorUnits / Count;
        if (line == Count - 1) return ShareMinorUnits - equal * (Count - 1);
        // Lines (0,1), (2,3), ... move the same amount up and down, so each pair still sums to 2 equal shares.
        var first = line & ~1L;
        if (first + 1 >= Count - 1) return equal;
        var spread = Math.Abs(equal) / 2;
        var shift = spread == 0 ? 0 : (long)(LineHash(first) % (ulong)(spread + 1));
        return line == first ? equal + shift : equal - shift;
    }
}
