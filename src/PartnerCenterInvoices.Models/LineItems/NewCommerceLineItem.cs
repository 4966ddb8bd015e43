using System;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>What the onetime and marketplace providers' lines share, billing and usage alike.</summary>
    /// <remarks>New-commerce billing lines and daily rated usage lines describe the same purchase (customer,
    /// product, SKU, subscription, price); only what they count differs.</remarks>
    public abstract class NewCommerceLineItem : InvoiceLineItem
    {
        [JsonPropertyName("customerDomainName")] public string? CustomerDomainName { get; set; }
        [JsonPropertyName("customerCountry")] public string? CustomerCountry { get; set; }
        [JsonPropertyName("mpnId")] public string? MpnId { get; set; }
        [JsonPropertyName("resellerMpnId")] public string? ResellerMpnId { get; set; }
        [JsonPropertyName("productId")] public string? ProductId { get; set; }
        [JsonPropertyName("skuId")] public string? SkuId { get; set; }
        [JsonPropertyName("availabilityId")] public string? AvailabilityId { get; set; }
        [JsonPropertyName("productName")] public string? ProductName { get; set; }
        [JsonPropertyName("skuName")] public string? SkuName { get; set; }
        [JsonPropertyName("chargeType")] public string? ChargeType { get; set; }
        [JsonPropertyName("unitPrice")] public decimal UnitPrice { get; set; }
        [JsonPropertyName("effectiveUnitPrice")] public decimal EffectiveUnitPrice { get; set; }
        [JsonPropertyName("unitType")] public string? UnitType { get; set; }
        [JsonPropertyName("quantity")] public decimal Quantity { get; set; }
        [JsonPropertyName("publisherName")] public string? PublisherName { get; set; }
        [JsonPropertyName("publisherId")] public string? PublisherId { get; set; }
        [JsonPropertyName("subscriptionDescription")] public string? SubscriptionDescription { get; set; }
        [JsonPropertyName("subscriptionId")] public string? SubscriptionId { get; set; }
        [JsonPropertyName("chargeStartDate")] public DateTimeOffset? ChargeStartDate { get; set; }
        [JsonPropertyName("chargeEndDate")] public DateTimeOffset? ChargeEndDate { get; set; }
        [JsonPropertyName("pricingCurrency")] public string? PricingCurrency { get; set; }
        [JsonPropertyName("pcToBCExchangeRate")] public decimal PCToBCExchangeRate { get; set; }
        [JsonPropertyName("pcToBCExchangeRateDate")] public DateTimeOffset? PCToBCExchangeRateDate { get; set; }
    }
}
