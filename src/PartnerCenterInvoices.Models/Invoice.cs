using System;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>A Partner Center invoice, or an amendment (void or adjustment note) of one.</summary>
    /// <remarks>
    /// Property order is the column order of Export-Csv. Collections summarise themselves in one
    /// cell (see their ToString) so a CSV row never shows a type name.
    /// </remarks>
    public sealed class Invoice
    {
        [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;
        [JsonPropertyName("invoiceDate")] public DateTimeOffset? InvoiceDate { get; set; }
        [JsonPropertyName("invoiceType")] public InvoiceType? InvoiceType { get; set; }
        [JsonPropertyName("documentType")] public DocumentType? DocumentType { get; set; }
        [JsonPropertyName("state")] public string? State { get; set; }
        [JsonPropertyName("currencyCode")] public string? CurrencyCode { get; set; }
        [JsonPropertyName("currencySymbol")] public string? CurrencySymbol { get; set; }
        [JsonPropertyName("totalCharges")] public decimal TotalCharges { get; set; }
        [JsonPropertyName("paidAmount")] public decimal PaidAmount { get; set; }
        [JsonPropertyName("billingPeriodStartDate")] public DateTimeOffset? BillingPeriodStartDate { get; set; }
        [JsonPropertyName("billingPeriodEndDate")] public DateTimeOffset? BillingPeriodEndDate { get; set; }
        [JsonPropertyName("amendsOf")] public string? AmendsOf { get; set; }
        [JsonPropertyName("programName")] public string? ProgramName { get; set; }
        [JsonPropertyName("pdfDownloadLink")] public string? PdfDownloadLink { get; set; }
        [JsonPropertyName("invoiceDetails")] public InvoiceDetailList InvoiceDetails { get; set; } = new InvoiceDetailList();
        [JsonPropertyName("taxReceipts")] public TaxReceiptList TaxReceipts { get; set; } = new TaxReceiptList();
        [JsonPropertyName("amendments")] public InvoiceList Amendments { get; set; } = new InvoiceList();

        public override string ToString() => Id;
    }
}
