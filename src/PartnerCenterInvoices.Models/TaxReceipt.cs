using System;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>A tax receipt issued for an invoice.</summary>
    public sealed class TaxReceipt
    {
        [JsonPropertyName("id")] public string Id { get; set; } = string.Empty;
        [JsonPropertyName("receiptType")] public string? ReceiptType { get; set; }
        [JsonPropertyName("createdDate")] public DateTimeOffset? CreatedDate { get; set; }
        [JsonPropertyName("taxReceiptPdfDownloadLink")] public string? TaxReceiptPdfDownloadLink { get; set; }

        public override string ToString() => Id;
    }
}
