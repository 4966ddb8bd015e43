using System;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>The balance of one invoice type within a currency's summary.</summary>
    public sealed class InvoiceSummaryDetail
    {
        [JsonPropertyName("invoiceType")] public InvoiceType? InvoiceType { get; set; }
        [JsonPropertyName("summary")] public InvoiceSummary? Summary { get; set; }

        /// <summary>"Recurring=1234.56", the form one CSV cell lists them in.</summary>
        public override string ToString() =>
            $"{InvoiceType}={Summary?.BalanceAmount.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
