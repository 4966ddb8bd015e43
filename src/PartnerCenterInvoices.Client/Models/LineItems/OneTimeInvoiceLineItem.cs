using System;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>A billing line item of the onetime or marketplace provider (new commerce purchases and consumption).</summary>
    public sealed class OneTimeInvoiceLineItem : InvoiceLineItem
    {
        [JsonPropertyName("customerDomainName")] public string? CustomerDomainName { get; set; }
        [JsonPropertyName("customerCountry")] public string? CustomerCountry { get; set; }
        [JsonPropertyName("mpnId")] public string? MpnId { get; set; }
        [JsonPropertyName("resellerMpnId")] public string? ResellerMpnId { get; set; }
        [JsonPropertyName("orderId")] public string? OrderId { get; set; }
        [JsonPropertyName("orderDate")] public DateTimeOffset? OrderDate { get; set; }
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
        [JsonPropertyName("billableQuantity")] public decimal BillableQuantity { get; set; }
        [JsonPropertyName("subtotal")] public decimal Subtotal { get; set; }
        [JsonPropertyName("taxTotal")] public decimal TaxTotal { get; set; }
        [JsonPropertyName("totalForCustomer")] public decimal TotalForCustomer { get; set; }
        [JsonPropertyName("publisherName")] public string? PublisherName { get; set; }
        [JsonPropertyName("publisherId")] public string? PublisherId { get; set; }
        [JsonPropertyName("subscriptionDescription")] public string? SubscriptionDescription { get; set; }
        [JsonPropertyName("subscriptionId")] public string? SubscriptionId { get; set; }
        [JsonPropertyName("chargeStartDate")] public DateTimeOffset? ChargeStartDate { get; set; }
        [JsonPropertyName("chargeEndDate")] public DateTimeOffset? ChargeEndDate { get; set; }
        [JsonPropertyName("termAndBillingCycle")] public string? TermAndBillingCycle { get; set; }
        [JsonPropertyName("billingFrequency")] public string? BillingFrequency { get; set; }
        [JsonPropertyName("alternateId")] public string? AlternateId { get; set; }
        [JsonPropertyName("priceAdjustmentDescription")] public string? PriceAdjustmentDescription { get; set; }
        [JsonPropertyName("discountDetails")] public string? DiscountDetails { get; set; }
        [JsonPropertyName("pricingCurrency")] public string? PricingCurrency { get; set; }
        [JsonPropertyName("pcToBCExchangeRate")] public decimal PCToBCExchangeRate { get; set; }
        [JsonPropertyName("pcToBCExchangeRateDate")] public DateTimeOffset? PCToBCExchangeRateDate { get; set; }
        [JsonPropertyName("meterDescription")] public string? MeterDescription { get; set; }
        [JsonPropertyName("reservationOrderId")] public string? ReservationOrderId { get; set; }

        public override decimal LineTotal => TotalForCustomer;
    }
}
