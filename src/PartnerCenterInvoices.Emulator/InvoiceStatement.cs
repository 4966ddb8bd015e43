using System.Globalization;
using System.Text;

namespace PartnerCenterInvoices.Emulator;

/// <summary>The PDF an invoice's <c>pdfDownloadLink</c> leads to: one page naming the invoice, small and valid.</summary>
internal static class InvoiceStatement
{
    public static byte[] Create(string id, in Invoice invoice)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Invoice {id}  {invoice.InvoiceDate:yyyy-MM-dd}  {invoice.TotalCharges} {invoice.Currency.Code}");
        var content = $"BT /F1 14 Tf 72 720 Td ({text}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];

        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        // Every character is ASCII (amounts, dates, ids), so string offsets are byte offsets.
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
