using System;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>An Azure (usage-based) billing line item of a legacy invoice.</summary>
    public sealed class UsageBasedLineItem : InvoiceLineItem
    {
        [JsonPropertyName("partnerName")] public string? PartnerName { get; set; }
        [JsonPropertyName("partnerBillableAccountId")] public string? PartnerBillableAccountId { get; set; }
        [JsonPropertyName("customerCompanyName")] public string? CustomerCompanyName { get; set; }
        [JsonPropertyName("mpnId")] public string? MpnId { get; set; }
        [JsonPropertyName("tier2MpnId")] public string? Tier2MpnId { get; set; }
        [JsonPropertyName("subscriptionId")] public string? SubscriptionId { get; set; }
        [JsonPropertyName("subscriptionName")] public string? SubscriptionName { get; set; }
        [JsonPropertyName("subscriptionDescription")] public string? SubscriptionDescription { get; set; }
        [JsonPropertyName("orderId")] public string? OrderId { get; set; }
        [JsonPropertyName("serviceName")] public string? ServiceName { get; set; }
        [JsonPropertyName("serviceType")] public string? ServiceType { get; set; }
        [JsonPropertyName("resourceGuid")] public string? ResourceGuid { get; set; }
        [JsonPropertyName("resourceName")] public string? ResourceName { get; set; }
        [JsonPropertyName("region")] public string? Region { get; set; }
        [JsonPropertyName("sku")] public string? Sku { get; set; }
        [JsonPropertyName("detailLineItemId")] public string? DetailLineItemId { get; set; }
        [JsonPropertyName("consumedQuantity")] public decimal ConsumedQuantity { get; set; }
        [JsonPropertyName("includedQuantity")] public decimal IncludedQuantity { get; set; }
        [JsonPropertyName("overageQuantity")] public decimal OverageQuantity { get; set; }
        [JsonPropertyName("listPrice")] public decimal ListPrice { get; set; }
        [JsonPropertyName("pretaxCharges")] public decimal PretaxCharges { get; set; }
        [JsonPropertyName("taxAmount")] public decimal TaxAmount { get; set; }
        [JsonPropertyName("postTaxTotal")] public decimal PostTaxTotal { get; set; }
        [JsonPropertyName("pretaxEffectiveRate")] public decimal PretaxEffectiveRate { get; set; }
        [JsonPropertyName("postTaxEffectiveRate")] public decimal PostTaxEffectiveRate { get; set; }
        [JsonPropertyName("chargeStartDate")] public DateTimeOffset? ChargeStartDate { get; set; }
        [JsonPropertyName("chargeEndDate")] public DateTimeOffset? ChargeEndDate { get; set; }
        [JsonPropertyName("chargeType")] public string? ChargeType { get; set; }
        [JsonPropertyName("unit")] public string? Unit { get; set; }

        public override decimal LineTotal => PostTaxTotal;
    }
}
