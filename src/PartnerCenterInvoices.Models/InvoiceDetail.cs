using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>One billing provider's part of an invoice, and the kind of line items it has.</summary>
    public sealed class InvoiceDetail
    {
        [JsonPropertyName("billingProvider")] public BillingProvider? BillingProvider { get; set; }
        [JsonPropertyName("invoiceLineItemType")] public InvoiceLineItemType? InvoiceLineItemType { get; set; }

        /// <summary>"Provider/LineItemType", the form one CSV cell lists them in.</summary>
        public override string ToString() => $"{BillingProvider}/{InvoiceLineItemType}";
    }
}
