using System.Text;

namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>
/// <c>GET /v1/invoices/{id}/documents/statement</c> and <c>GET /v1/invoices/{id}/receipts/{receiptId}/documents/statement</c>:
/// the PDFs the <c>pdfDownloadLink</c> and <c>taxReceiptPdfDownloadLink</c> of an invoice read by id point at.
/// </summary>
/// <remarks>
/// App+User only, like the invoice by id. The truncation fault cuts these downloads short as it does pages (the
/// client must restart the file). With <paramref name="redirectBase"/> (--statement-redirect-base) an existing
/// statement answers 302 to that host instead, as the service hands documents out from elsewhere.
/// </remarks>
internal sealed class StatementEndpoint(InvoiceGenerator generator, long invoiceCount, FaultInjector faults, string? redirectBase)
{
    public async Task GetInvoiceStatementAsync(HttpContext context, AccessTokenValidation caller, string id)
    {
        if (await FindAsync(context, caller, id) is not { } invoice) return;
        var canonicalId = CanonicalId(invoice);
        await SendAsync(context, $"/v1/invoices/{canonicalId}/documents/statement", () => InvoiceStatement.Create(canonicalId, invoice)).ConfigureAwait(false);
    }

    public async Task GetTaxReceiptAsync(HttpContext context, AccessTokenValidation caller, string id, string receiptId)
    {
        if (await FindAsync(context, caller, id) is not { } invoice) return;
        var canonicalReceipt = TaxReceiptId(invoice);
        if (canonicalReceipt is null || !canonicalReceipt.Equals(receiptId, StringComparison.OrdinalIgnoreCase))
        {
            await ServiceError.TaxReceiptNotFound(id, receiptId).WriteAsync(context).ConfigureAwait(false);
            return;
        }
        var canonicalId = CanonicalId(invoice);
        await SendAsync(context, $"/v1/invoices/{canonicalId}/receipts/{canonicalReceipt}/documents/statement",
            () => InvoiceStatement.CreateTaxReceipt(canonicalId, canonicalReceipt, invoice)).ConfigureAwait(false);
    }

    /// <summary>The id of the invoice's tax receipt ("TR" and the invoice's 9 digits), or null when it has none.</summary>
    public static string? TaxReceiptId(in Invoice invoice) =>
        invoice.HasTaxReceipt ? "TR" + (invoice.Index + 1).ToString("D9", System.Globalization.CultureInfo.InvariantCulture) : null;

    private async Task<Invoice?> FindAsync(HttpContext context, AccessTokenValidation caller, string id)
    {
        if (caller.IsAppOnly)
        {
            await ServiceError.AppPlusUserRequired().WriteAsync(context).ConfigureAwait(false);
            return null;
        }
        if (!InvoiceId.TryFind(id, generator, invoiceCount, out var invoice))
        {
            await ServiceError.InvoiceNotFound(id).WriteAsync(context).ConfigureAwait(false);
            return null;
        }
        return invoice;
    }

    private async Task SendAsync(HttpContext context, string path, Func<byte[]> render)
    {
        if (redirectBase is not null)
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = redirectBase + path;
            return;
        }
        var pdf = render();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/pdf";
        if (faults.TakeTruncation(context.Request.Path.Value ?? ""))
        {
            await PageResponse.SendTruncatedAsync(context, pdf).ConfigureAwait(false);
            return;
        }
        context.Response.ContentLength = pdf.Length;
        await context.Response.Body.WriteAsync(pdf, context.RequestAborted).ConfigureAwait(false);
    }

    private static string CanonicalId(in Invoice invoice)
    {
        Span<byte> id = stackalloc byte[16];
        return Encoding.ASCII.GetString(id[..InvoiceJsonWriter.FormatId(id, invoice.Type, invoice.Index, invoice.AmendmentNumber)]);
    }
}
