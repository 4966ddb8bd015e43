using System;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>A daily rated usage line item of the onetime or marketplace provider.</summary>
    public sealed class DailyRatedUsageLineItem : InvoiceLineItem
    {
        [JsonPropertyName("partnerName")] public string? PartnerName { get; set; }
        [JsonPropertyName("customerDomainName")] public string? CustomerDomainName { get; set; }
        [JsonPropertyName("customerCountry")] public string? CustomerCountry { get; set; }
        [JsonPropertyName("mpnId")] public string? MpnId { get; set; }
        [JsonPropertyName("resellerMpnId")] public string? ResellerMpnId { get; set; }
        [JsonPropertyName("productId")] public string? ProductId { get; set; }
        [JsonPropertyName("skuId")] public string? SkuId { get; set; }
        [JsonPropertyName("availabilityId")] public string? AvailabilityId { get; set; }
        [JsonPropertyName("skuName")] public string? SkuName { get; set; }
        [JsonPropertyName("productName")] public string? ProductName { get; set; }
        [JsonPropertyName("publisherName")] public string? PublisherName { get; set; }
        [JsonPropertyName("publisherId")] public string? PublisherId { get; set; }
        [JsonPropertyName("subscriptionDescription")] public string? SubscriptionDescription { get; set; }
        [JsonPropertyName("subscriptionId")] public string? SubscriptionId { get; set; }
        [JsonPropertyName("chargeStartDate")] public DateTimeOffset? ChargeStartDate { get; set; }
        [JsonPropertyName("chargeEndDate")] public DateTimeOffset? ChargeEndDate { get; set; }
        [JsonPropertyName("usageDate")] public DateTimeOffset? UsageDate { get; set; }
        [JsonPropertyName("meterType")] public string? MeterType { get; set; }
        [JsonPropertyName("meterCategory")] public string? MeterCategory { get; set; }
        [JsonPropertyName("meterId")] public string? MeterId { get; set; }
        [JsonPropertyName("meterSubCategory")] public string? MeterSubCategory { get; set; }
        [JsonPropertyName("meterName")] public string? MeterName { get; set; }
        [JsonPropertyName("meterRegion")] public string? MeterRegion { get; set; }
        [JsonPropertyName("unitOfMeasure")] public string? UnitOfMeasure { get; set; }
        [JsonPropertyName("resourceLocation")] public string? ResourceLocation { get; set; }
        [JsonPropertyName("consumedService")] public string? ConsumedService { get; set; }
        [JsonPropertyName("resourceGroup")] public string? ResourceGroup { get; set; }
        [JsonPropertyName("resourceUri")] public string? ResourceUri { get; set; }
        [JsonPropertyName("serviceInfo1")] public string? ServiceInfo1 { get; set; }
        [JsonPropertyName("serviceInfo2")] public string? ServiceInfo2 { get; set; }
        [JsonPropertyName("chargeType")] public string? ChargeType { get; set; }
        [JsonPropertyName("unitPrice")] public decimal UnitPrice { get; set; }
        [JsonPropertyName("effectiveUnitPrice")] public decimal EffectiveUnitPrice { get; set; }
        [JsonPropertyName("quantity")] public decimal Quantity { get; set; }
        [JsonPropertyName("unitType")] public string? UnitType { get; set; }
        [JsonPropertyName("billingPreTaxTotal")] public decimal BillingPreTaxTotal { get; set; }
        [JsonPropertyName("billingCurrency")] public string? BillingCurrency { get; set; }
        [JsonPropertyName("pricingPreTaxTotal")] public decimal PricingPreTaxTotal { get; set; }
        [JsonPropertyName("pricingCurrency")] public string? PricingCurrency { get; set; }
        [JsonPropertyName("entitlementId")] public string? EntitlementId { get; set; }
        [JsonPropertyName("entitlementDescription")] public string? EntitlementDescription { get; set; }
        [JsonPropertyName("pcToBCExchangeRate")] public decimal PCToBCExchangeRate { get; set; }
        [JsonPropertyName("pcToBCExchangeRateDate")] public DateTimeOffset? PCToBCExchangeRateDate { get; set; }
        [JsonPropertyName("rateOfPartnerEarnedCredit")] public decimal RateOfPartnerEarnedCredit { get; set; }
        [JsonPropertyName("hasPartnerEarnedCredit")] public bool HasPartnerEarnedCredit { get; set; }

        public override decimal LineTotal => BillingPreTaxTotal;
    }
}
