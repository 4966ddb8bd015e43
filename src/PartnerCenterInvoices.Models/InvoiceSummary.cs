using System;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>The partner's account balance in one currency, with a part per invoice type.</summary>
    public sealed class InvoiceSummary
    {
        [JsonPropertyName("currencyCode")] public string? CurrencyCode { get; set; }
        [JsonPropertyName("currencySymbol")] public string? CurrencySymbol { get; set; }
        [JsonPropertyName("balanceAmount")] public decimal BalanceAmount { get; set; }
        [JsonPropertyName("accountingDate")] public DateTimeOffset? AccountingDate { get; set; }
        [JsonPropertyName("firstInvoiceCreationDate")] public DateTimeOffset? FirstInvoiceCreationDate { get; set; }
        [JsonPropertyName("latestInvoiceDate")] public DateTimeOffset? LatestInvoiceDate { get; set; }
        [JsonPropertyName("lastPaymentDate")] public DateTimeOffset? LastPaymentDate { get; set; }
        [JsonPropertyName("lastPaymentAmount")] public decimal LastPaymentAmount { get; set; }
        [JsonPropertyName("details")] public InvoiceSummaryDetailList Details { get; set; } = new InvoiceSummaryDetailList();

        public override string ToString() => $"{CurrencyCode} {BalanceAmount}";
    }
}
