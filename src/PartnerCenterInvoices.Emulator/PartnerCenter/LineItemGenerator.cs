using System.Globalization;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>Says which line items an invoice has, per provider and kind, as a pure function of the invoice; nothing is stored.</summary>
/// <remarks>
/// Every provider the invoice's <c>invoiceDetails</c> lists has billing lines (so a reader that follows the
/// details finds lines for each), 3 to 40 of them, or exactly <c>--line-items-per-invoice</c>. Azure, OneTime
/// and Marketplace details also have as many usage lines; Office licenses have none.
/// </remarks>
internal sealed class LineItemGenerator(long seed, Guid partnerId, int? linesPerDetail)
{
    private const int MinLines = 3;
    private const int MaxLines = 40;

    /// <summary>The partner tenant's id, as every line's <c>partnerId</c>.</summary>
    public Guid PartnerId => partnerId;

    /// <summary>Customer ids derive from this and the customer's place in the catalog: the same customer on every invoice of a seed.</summary>
    public ulong CustomerKey { get; } = InvoiceGenerator.Mix((ulong)seed ^ 0xC0570_3E25UL);

    /// <summary>The partner's MPN id (7 digits) and an indirect reseller's, both per seed.</summary>
    public JsonEncodedText MpnId { get; } = JsonEncodedText.Encode((1_000_000 + (long)(InvoiceGenerator.Mix((ulong)seed) % 8_999_999)).ToString(CultureInfo.InvariantCulture));
    public JsonEncodedText ResellerMpnId { get; } = JsonEncodedText.Encode((1_000_000 + (long)(InvoiceGenerator.Mix((ulong)seed + 1) % 8_999_999)).ToString(CultureInfo.InvariantCulture));

    /// <summary>Lines per detail as set by --line-items-per-invoice, or null for 3 to 40 by invoice.</summary>
    public int? LinesPerDetail => linesPerDetail;

    public InvoiceLineItems For(in Invoice invoice, BillingProviders provider, LineItemKind kind)
    {
        var key = InvoiceGenerator.Mix(invoice.Etag ^ (ulong)provider * 0xC2B2_AE3D_27D4_EB4FUL ^ (ulong)kind << 40);
        var has = (invoice.Providers & provider) != 0 && (kind == LineItemKind.Billing || provider != BillingProviders.Office);
        return new InvoiceLineItems
        {
            Invoice = invoice,
            Provider = provider,
            Kind = kind,
            Count = has ? CountOf(invoice, provider) : 0,
            ShareMinorUnits = has && kind == LineItemKind.Billing ? ShareOf(invoice, provider) : 0,
            Key = key,
        };
    }

    private long CountOf(in Invoice invoice, BillingProviders provider) =>
        linesPerDetail ?? MinLines + (long)(InvoiceGenerator.Mix(invoice.Etag ^ (ulong)provider) % (MaxLines - MinLines + 1));

    // The invoice total split over its details by weights 1..8, the last detail taking the remainder.
    private static long ShareOf(in Invoice invoice, BillingProviders provider)
    {
        var total = invoice.Currency.ToMinorUnits(invoice.TotalCharges);
        long weightSum = 0, weightBefore = 0, last = 0;
        Span<long> weights = stackalloc long[4];
        for (var bit = 0; bit < 4; bit++)
        {
            var flag = (BillingProviders)(1 << bit);
            if ((invoice.Providers & flag) == 0) continue;
            weights[bit] = 1 + (long)(InvoiceGenerator.Mix(invoice.Etag ^ 0x5A5A_0000UL ^ (ulong)flag) % 8);
            weightSum += weights[bit];
            last = (long)flag;
        }
        if ((long)provider == last)
        {
            for (var bit = 0; bit < 4; bit++)
                if ((1L << bit) != last) weightBefore += total * weights[bit] / weightSum;
            return total - weightBefore;
        }
        return total * weights[System.Numerics.BitOperations.Log2((uint)provider)] / weightSum;
    }
}
