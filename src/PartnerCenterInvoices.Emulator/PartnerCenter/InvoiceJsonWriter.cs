using System.Buffers.Text;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>Writes one <see cref="Invoice"/> as the service's Invoice resource JSON.</summary>
/// <remarks>
/// Property names and fixed values are encoded once, and ids and link URIs are formatted on the stack,
/// so a page of invoices is written without allocating. The spellings are the public samples':
/// <c>Recurring</c>/<c>OneTime</c>, <c>void_note</c>, <c>billing_line_items</c>.
/// </remarks>
internal static class InvoiceJsonWriter
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText InvoiceDateName = JsonEncodedText.Encode("invoiceDate");
    private static readonly JsonEncodedText BillingPeriodStartDate = JsonEncodedText.Encode("billingPeriodStartDate");
    private static readonly JsonEncodedText BillingPeriodEndDate = JsonEncodedText.Encode("billingPeriodEndDate");
    private static readonly JsonEncodedText TotalCharges = JsonEncodedText.Encode("totalCharges");
    private static readonly JsonEncodedText PaidAmount = JsonEncodedText.Encode("paidAmount");
    private static readonly JsonEncodedText CurrencyCode = JsonEncodedText.Encode("currencyCode");
    private static readonly JsonEncodedText CurrencySymbol = JsonEncodedText.Encode("currencySymbol");
    private static readonly JsonEncodedText PdfDownloadLink = JsonEncodedText.Encode("pdfDownloadLink");
    private static readonly JsonEncodedText InvoiceDetails = JsonEncodedText.Encode("invoiceDetails");
    private static readonly JsonEncodedText InvoiceLineItemType = JsonEncodedText.Encode("invoiceLineItemType");
    private static readonly JsonEncodedText BillingLineItems = JsonEncodedText.Encode("billing_line_items");
    private static readonly JsonEncodedText BillingProvider = JsonEncodedText.Encode("billingProvider");
    private static readonly JsonEncodedText DocumentTypeName = JsonEncodedText.Encode("documentType");
    private static readonly JsonEncodedText InvoiceTypeName = JsonEncodedText.Encode("invoiceType");
    private static readonly JsonEncodedText State = JsonEncodedText.Encode("state");
    private static readonly JsonEncodedText ProgramName = JsonEncodedText.Encode("programName");
    private static readonly JsonEncodedText AmendsOf = JsonEncodedText.Encode("amendsOf");
    private static readonly JsonEncodedText Amendments = JsonEncodedText.Encode("amendments");
    private static readonly JsonEncodedText TaxReceipts = JsonEncodedText.Encode("taxReceipts");
    private static readonly JsonEncodedText ReceiptType = JsonEncodedText.Encode("receiptType");
    private static readonly JsonEncodedText TaxReceipt = JsonEncodedText.Encode("TaxReceipt");
    private static readonly JsonEncodedText CreatedDate = JsonEncodedText.Encode("createdDate");
    private static readonly JsonEncodedText TaxReceiptPdfDownloadLink = JsonEncodedText.Encode("taxReceiptPdfDownloadLink");
    private static readonly JsonEncodedText Links = JsonEncodedText.Encode("links");
    private static readonly JsonEncodedText Self = JsonEncodedText.Encode("self");
    private static readonly JsonEncodedText Uri = JsonEncodedText.Encode("uri");
    private static readonly JsonEncodedText Method = JsonEncodedText.Encode("method");
    private static readonly JsonEncodedText Get = JsonEncodedText.Encode("GET");
    private static readonly JsonEncodedText Headers = JsonEncodedText.Encode("headers");
    private static readonly JsonEncodedText Attributes = JsonEncodedText.Encode("attributes");
    private static readonly JsonEncodedText Etag = JsonEncodedText.Encode("etag");
    private static readonly JsonEncodedText ObjectType = JsonEncodedText.Encode("objectType");
    private static readonly JsonEncodedText InvoiceObject = JsonEncodedText.Encode("Invoice");
    private static readonly JsonEncodedText InvoiceDetailObject = JsonEncodedText.Encode("InvoiceDetail");
    private static readonly JsonEncodedText DirectProgram = JsonEncodedText.Encode("CSP Direct Bill Partner");
    private static readonly JsonEncodedText IndirectProgram = JsonEncodedText.Encode("CSP Indirect Provider");

    private static readonly JsonEncodedText[] InvoiceTypes = [JsonEncodedText.Encode("Recurring"), JsonEncodedText.Encode("OneTime")];
    private static readonly JsonEncodedText[] DocumentTypes =
        [JsonEncodedText.Encode("invoice"), JsonEncodedText.Encode("void_note"), JsonEncodedText.Encode("adjustment_note")];
    private static readonly JsonEncodedText[] States = [JsonEncodedText.Encode("Open"), JsonEncodedText.Encode("Paid"), JsonEncodedText.Encode("PastDue")];

    // (flag, billingProvider value, the provider segment of the detail's line-item link)
    private static readonly (BillingProviders Flag, JsonEncodedText Value, byte[] LinkSegment)[] Providers =
    [
        (BillingProviders.Azure, JsonEncodedText.Encode("azure"), "Azure"u8.ToArray()),
        (BillingProviders.Office, JsonEncodedText.Encode("office"), "Office"u8.ToArray()),
        (BillingProviders.OneTime, JsonEncodedText.Encode("one_time"), "OneTime"u8.ToArray()),
        (BillingProviders.Marketplace, JsonEncodedText.Encode("marketplace"), "Marketplace"u8.ToArray()),
    ];

    private const int MaxIdLength = 16;   // "D000000001-A2"
    private const int MaxUriLength = 96;

    /// <param name="readById">
    /// A read by id: <c>pdfDownloadLink</c> is filled in (<c>/invoices/{id}/documents/statement</c>), as the service
    /// fills it only then; a list leaves it empty. Nested amendments keep it empty either way.
    /// </param>
    public static void Write(Utf8JsonWriter writer, InvoiceGenerator generator, in Invoice invoice, bool readById = false)
    {
        Span<byte> id = stackalloc byte[MaxIdLength];
        id = id[..FormatId(id, invoice.Type, invoice.Index, invoice.AmendmentNumber)];

        writer.WriteStartObject();
        writer.WriteString(Id, id);
        writer.WriteString(InvoiceDateName, invoice.InvoiceDate);
        writer.WriteString(BillingPeriodStartDate, invoice.BillingPeriodStart);
        writer.WriteString(BillingPeriodEndDate, invoice.BillingPeriodEnd);
        writer.WriteNumber(TotalCharges, invoice.TotalCharges);
        writer.WriteNumber(PaidAmount, invoice.PaidAmount);
        writer.WriteString(CurrencyCode, invoice.Currency.Code);
        writer.WriteString(CurrencySymbol, invoice.Currency.Symbol);
        // Filled only when an invoice is read by id, and then valid for 30 minutes; lists leave it empty.
        if (readById)
        {
            Span<byte> link = stackalloc byte[MaxUriLength];
            var linkLength = Append(link, 0, "/invoices/"u8);
            linkLength = Append(link, linkLength, id);
            linkLength = Append(link, linkLength, "/documents/statement"u8);
            writer.WriteString(PdfDownloadLink, link[..linkLength]);
        }
        else
        {
            writer.WriteString(PdfDownloadLink, ""u8);
        }
        WriteDetails(writer, invoice, id);
        writer.WriteString(DocumentTypeName, DocumentTypes[(int)invoice.Document]);
        writer.WriteString(InvoiceTypeName, InvoiceTypes[(int)invoice.Type]);
        writer.WriteString(State, States[(int)invoice.State]);
        writer.WriteString(ProgramName, invoice.IsIndirectProgram ? IndirectProgram : DirectProgram);
        if (invoice.AmendsIndex >= 0)
        {
            Span<byte> amended = stackalloc byte[MaxIdLength];
            var amendedType = invoice.AmendmentNumber > 0 ? invoice.Type : generator.TypeOf(invoice.AmendsIndex);
            writer.WriteString(AmendsOf, amended[..FormatId(amended, amendedType, invoice.AmendsIndex, 0)]);
        }

        writer.WriteStartArray(Amendments);
        for (var number = 1; number <= invoice.AmendmentCount; number++)
            Write(writer, generator, generator.GenerateAmendment(invoice, number));
        writer.WriteEndArray();

        writer.WriteStartArray(TaxReceipts);
        if (invoice.HasTaxReceipt) WriteTaxReceipt(writer, invoice, readById ? id : default);
        writer.WriteEndArray();

        Span<byte> self = stackalloc byte[MaxUriLength];
        var length = Append(self, 0, "/invoices/"u8);
        length = Append(self, length, id);
        WriteLinks(writer, self[..length]);

        writer.WriteStartObject(Attributes);
        Span<byte> etag = stackalloc byte[18];
        "0x"u8.CopyTo(etag);
        Utf8Formatter.TryFormat(invoice.Etag, etag[2..], out _, new System.Buffers.StandardFormat('X', 16));
        writer.WriteString(Etag, etag);
        writer.WriteString(ObjectType, InvoiceObject);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Formats an invoice id into <paramref name="destination"/> and returns its length.</summary>
    /// <remarks>
    /// "D" + 9 digits for recurring invoices, "G" + 9 digits for one-time ones (the prefixes the service's
    /// samples show), numbered from 1 by index; an amendment adds "-A1" or "-A2" to its parent's id.
    /// </remarks>
    public static int FormatId(Span<byte> destination, InvoiceType type, long index, int amendmentNumber)
    {
        destination[0] = type == InvoiceType.Recurring ? (byte)'D' : (byte)'G';
        Utf8Formatter.TryFormat(index + 1, destination[1..], out var digits, new System.Buffers.StandardFormat('D', 9));
        var length = 1 + digits;
        if (amendmentNumber > 0)
        {
            length = Append(destination, length, "-A"u8);
            Utf8Formatter.TryFormat(amendmentNumber, destination[length..], out digits);
            length += digits;
        }
        return length;
    }

    private static void WriteDetails(Utf8JsonWriter writer, in Invoice invoice, ReadOnlySpan<byte> id)
    {
        Span<byte> uri = stackalloc byte[MaxUriLength];
        writer.WriteStartArray(InvoiceDetails);
        foreach (var (flag, value, segment) in Providers)
        {
            if ((invoice.Providers & flag) == 0) continue;
            writer.WriteStartObject();
            writer.WriteString(InvoiceLineItemType, BillingLineItems);
            writer.WriteString(BillingProvider, value);
            var length = Append(uri, 0, "/invoices/"u8);
            length = Append(uri, length, id);
            length = Append(uri, length, "/lineitems/"u8);
            length = Append(uri, length, segment);
            length = Append(uri, length, "/BillingLineItems"u8);
            WriteLinks(writer, uri[..length]);
            writer.WriteStartObject(Attributes);
            writer.WriteString(ObjectType, InvoiceDetailObject);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    // Read by id, the receipt's PDF link is filled in as the invoice's is: /invoices/{id}/receipts/{receiptId}/documents/statement.
    private static void WriteTaxReceipt(Utf8JsonWriter writer, in Invoice invoice, ReadOnlySpan<byte> invoiceIdForLink)
    {
        Span<byte> id = stackalloc byte[MaxIdLength];
        "TR"u8.CopyTo(id);
        Utf8Formatter.TryFormat(invoice.Index + 1, id[2..], out var digits, new System.Buffers.StandardFormat('D', 9));
        writer.WriteStartObject();
        writer.WriteString(Id, id[..(2 + digits)]);
        writer.WriteString(ReceiptType, TaxReceipt);
        writer.WriteString(CreatedDate, invoice.InvoiceDate.AddDays(3));
        if (invoiceIdForLink.IsEmpty)
        {
            writer.WriteString(TaxReceiptPdfDownloadLink, ""u8);
        }
        else
        {
            Span<byte> link = stackalloc byte[MaxUriLength];
            var length = Append(link, 0, "/invoices/"u8);
            length = Append(link, length, invoiceIdForLink);
            length = Append(link, length, "/receipts/"u8);
            length = Append(link, length, id[..(2 + digits)]);
            length = Append(link, length, "/documents/statement"u8);
            writer.WriteString(TaxReceiptPdfDownloadLink, link[..length]);
        }
        writer.WriteEndObject();
    }

    private static void WriteLinks(Utf8JsonWriter writer, ReadOnlySpan<byte> selfUri)
    {
        writer.WriteStartObject(Links);
        writer.WriteStartObject(Self);
        writer.WriteString(Uri, selfUri);
        writer.WriteString(Method, Get);
        writer.WriteStartArray(Headers);
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static int Append(Span<byte> destination, int length, ReadOnlySpan<byte> text)
    {
        text.CopyTo(destination[length..]);
        return length + text.Length;
    }
}
