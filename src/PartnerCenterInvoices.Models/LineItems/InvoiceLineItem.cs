using System;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>What every invoice line item has, whichever billing provider it comes from.</summary>
    /// <remarks>
    /// <see cref="LineTotal"/> is the amount the line adds to the invoice total, whatever the provider
    /// calls it (totalForCustomer, postTaxTotal, billingPreTaxTotal), so lines of different providers
    /// can be summed and reconciled in one sheet.
    /// </remarks>
    public abstract class InvoiceLineItem
    {
        [JsonPropertyName("invoiceNumber")] public string? InvoiceNumber { get; set; }
        [JsonPropertyName("billingProvider")] public BillingProvider? BillingProvider { get; set; }
        [JsonPropertyName("invoiceLineItemType")] public InvoiceLineItemType? InvoiceLineItemType { get; set; }
        [JsonPropertyName("partnerId")] public string? PartnerId { get; set; }
        [JsonPropertyName("customerId")] public string? CustomerId { get; set; }
        [JsonPropertyName("customerName")] public string? CustomerName { get; set; }
        [JsonPropertyName("currency")] public string? Currency { get; set; }

        /// <summary>The amount this line adds to its invoice's total.</summary>
        [JsonIgnore] public abstract decimal LineTotal { get; }
    }
}
