using System;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>An Office (license-based) billing line item of a legacy invoice.</summary>
    public sealed class LicenseBasedLineItem : InvoiceLineItem
    {
        [JsonPropertyName("mpnId")] public string? MpnId { get; set; }
        [JsonPropertyName("tier2MpnId")] public string? Tier2MpnId { get; set; }
        [JsonPropertyName("orderId")] public string? OrderId { get; set; }
        [JsonPropertyName("subscriptionId")] public string? SubscriptionId { get; set; }
        [JsonPropertyName("syndicationPartnerSubscriptionNumber")] public string? SyndicationPartnerSubscriptionNumber { get; set; }
        [JsonPropertyName("offerId")] public string? OfferId { get; set; }
        [JsonPropertyName("durableOfferId")] public string? DurableOfferId { get; set; }
        [JsonPropertyName("offerName")] public string? OfferName { get; set; }
        [JsonPropertyName("domainName")] public string? DomainName { get; set; }
        [JsonPropertyName("billingCycleType")] public string? BillingCycleType { get; set; }
        [JsonPropertyName("subscriptionName")] public string? SubscriptionName { get; set; }
        [JsonPropertyName("subscriptionDescription")] public string? SubscriptionDescription { get; set; }
        [JsonPropertyName("chargeStartDate")] public DateTimeOffset? ChargeStartDate { get; set; }
        [JsonPropertyName("chargeEndDate")] public DateTimeOffset? ChargeEndDate { get; set; }
        [JsonPropertyName("chargeType")] public string? ChargeType { get; set; }
        [JsonPropertyName("unitPrice")] public decimal UnitPrice { get; set; }
        [JsonPropertyName("quantity")] public decimal Quantity { get; set; }
        [JsonPropertyName("amount")] public decimal Amount { get; set; }
        [JsonPropertyName("totalOtherDiscount")] public decimal TotalOtherDiscount { get; set; }
        [JsonPropertyName("subtotal")] public decimal Subtotal { get; set; }
        [JsonPropertyName("tax")] public decimal Tax { get; set; }
        [JsonPropertyName("totalForCustomer")] public decimal TotalForCustomer { get; set; }

        public override decimal LineTotal => TotalForCustomer;
    }
}
