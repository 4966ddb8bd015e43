using System;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>A billing line item of the onetime or marketplace provider (new commerce purchases and consumption).</summary>
    public sealed class OneTimeInvoiceLineItem : NewCommerceLineItem
    {
        [JsonPropertyName("orderId")] public string? OrderId { get; set; }
        [JsonPropertyName("orderDate")] public DateTimeOffset? OrderDate { get; set; }
        [JsonPropertyName("billableQuantity")] public decimal BillableQuantity { get; set; }
        [JsonPropertyName("subtotal")] public decimal Subtotal { get; set; }
        [JsonPropertyName("taxTotal")] public decimal TaxTotal { get; set; }
        [JsonPropertyName("totalForCustomer")] public decimal TotalForCustomer { get; set; }
        [JsonPropertyName("termAndBillingCycle")] public string? TermAndBillingCycle { get; set; }
        [JsonPropertyName("billingFrequency")] public string? BillingFrequency { get; set; }
        [JsonPropertyName("alternateId")] public string? AlternateId { get; set; }
        [JsonPropertyName("priceAdjustmentDescription")] public string? PriceAdjustmentDescription { get; set; }
        [JsonPropertyName("discountDetails")] public string? DiscountDetails { get; set; }
        [JsonPropertyName("meterDescription")] public string? MeterDescription { get; set; }
        [JsonPropertyName("reservationOrderId")] public string? ReservationOrderId { get; set; }

        public override decimal LineTotal => TotalForCustomer;
    }
}
