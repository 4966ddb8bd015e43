using System;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>A daily rated usage line item of the onetime or marketplace provider.</summary>
    public sealed class DailyRatedUsageLineItem : NewCommerceLineItem
    {
        [JsonPropertyName("partnerName")] public string? PartnerName { get; set; }
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
        [JsonPropertyName("billingPreTaxTotal")] public decimal BillingPreTaxTotal { get; set; }
        [JsonPropertyName("billingCurrency")] public string? BillingCurrency { get; set; }
        [JsonPropertyName("pricingPreTaxTotal")] public decimal PricingPreTaxTotal { get; set; }
        [JsonPropertyName("entitlementId")] public string? EntitlementId { get; set; }
        [JsonPropertyName("entitlementDescription")] public string? EntitlementDescription { get; set; }
        [JsonPropertyName("rateOfPartnerEarnedCredit")] public decimal RateOfPartnerEarnedCredit { get; set; }
        [JsonPropertyName("hasPartnerEarnedCredit")] public bool HasPartnerEarnedCredit { get; set; }

        public override decimal LineTotal => BillingPreTaxTotal;
    }
}
