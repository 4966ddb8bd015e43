using System.Globalization;
using System.Text;

namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>The PDF an invoice's <c>pdfDownloadLink</c> (or a tax receipt's) leads to: one page naming the invoice, small and valid.</summary>
/// <remarks>
/// A real PDF 1.4 file rather than a few magic bytes, so a client or a test can open it: catalog, pages, one page
/// with a Helvetica text stream, and a cross-reference table whose offsets are exact. Every character is ASCII
/// (ids, dates, amounts, currency codes), so string offsets are byte offsets; the bytes depend only on the invoice.
/// </remarks>
internal static class InvoiceStatement
{
    public static byte[] Create(string id, in Invoice invoice) => Render(
    [
        "Partner Center invoice statement",
        $"Invoice {id}",
        string.Create(CultureInfo.InvariantCulture, $"Invoice date: {invoice.InvoiceDate:yyyy-MM-dd}"),
        string.Create(CultureInfo.InvariantCulture, $"Billing period: {invoice.BillingPeriodStart:yyyy-MM-dd} to {invoice.BillingPeriodEnd:yyyy-MM-dd}"),
        $"Currency: {invoice.Currency.CodeText}",
        string.Create(CultureInfo.InvariantCulture, $"Total: {invoice.TotalCharges} {invoice.Currency.CodeText}"),
        string.Create(CultureInfo.InvariantCulture, $"Paid: {invoice.PaidAmount} {invoice.Currency.CodeText}"),
    ]);

    /// <summary>A tax receipt's PDF: the receipt id beside the invoice's facts.</summary>
    public static byte[] CreateTaxReceipt(string id, string receiptId, in Invoice invoice) => Render(
    [
        "Partner Center tax receipt",
        $"Tax receipt {receiptId}",
        $"Invoice {id}",
        string.Create(CultureInfo.InvariantCulture, $"Receipt date: {invoice.InvoiceDate.AddDays(3):yyyy-MM-dd}"),
        $"Currency: {invoice.Currency.CodeText}",
        string.Create(CultureInfo.InvariantCulture, $"Total: {invoice.TotalCharges} {invoice.Currency.CodeText}"),
    ]);

    private static byte[] Render(string[] lines)
    {
        var content = new StringBuilder("BT /F1 12 Tf 16 TL 72 720 Td");
        foreach (var line in lines) content.Append(" (").Append(Escape(line)).Append(") Tj T*");
        content.Append(" ET");
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ];

        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        // Each entry is exactly 20 bytes ("nnnnnnnnnn ggggg n" and a space and newline), as the format demands.
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    // A PDF literal string: backslash and parentheses escaped.
    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal);
}
