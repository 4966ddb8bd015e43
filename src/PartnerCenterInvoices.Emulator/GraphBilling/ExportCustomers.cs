using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>The customers export lines bill: the line items' catalog of 144, plus three whose names start with = - +.</summary>
/// <remarks>
/// A spreadsheet reads a cell that starts with =, - or + as a formula; real customer and subscription names can
/// start so, and a CSV export that does not guard them is a known hole. The ids are stable per seed.
/// </remarks>
internal sealed class ExportCustomers
{
    private static readonly string[] FormulaNames = ["=HYPERLINK(\"http://example.invalid\",\"Contoso\")", "-Minus Consulting", "+Plus Retail"];
    private static readonly string[] FormulaDomains = ["hyperlinkcontoso.onmicrosoft.com", "minusconsulting.onmicrosoft.com", "plusretail.onmicrosoft.com"];

    public ExportCustomers(long seed)
    {
        var encoder = JsonResponse.WriterOptions.Encoder;
        Names = [.. LineItemCatalog.CustomerNames, .. FormulaNames.Select(n => JsonEncodedText.Encode(n, encoder))];
        Domains = [.. LineItemCatalog.CustomerDomains, .. FormulaDomains.Select(d => JsonEncodedText.Encode(d, encoder))];
        var key = InvoiceGenerator.Mix((ulong)seed ^ 0xE8F0_27C0_57E2_5UL);
        Ids = [.. Enumerable.Range(0, Names.Length).Select(i => GuidFrom(key, (ulong)i))];
    }

    public JsonEncodedText[] Names { get; }
    public JsonEncodedText[] Domains { get; }
    public Guid[] Ids { get; }
    public int Count => Names.Length;

    /// <summary>A version-4-looking GUID made from two hashes of (key, n): the same on every run.</summary>
    public static Guid GuidFrom(ulong key, ulong n)
    {
        var high = InvoiceGenerator.Mix(key ^ n * 0x9E37_79B9_7F4A_7C15UL);
        var low = InvoiceGenerator.Mix(high ^ 0xD6E8_FEB8_6659_FD93UL);
        // Version 4 in the top nibble of Data3 (byte 7), variant 10 in the top bits of byte 8.
        high = (high & 0x0FFF_FFFF_FFFF_FFFFUL) | 0x4000_0000_0000_0000UL;
        low = (low & ~0xC0UL) | 0x80UL;
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, high);
        BitConverter.TryWriteBytes(bytes[8..], low);
        return new Guid(bytes);
    }
}
