using System;

namespace PartnerCenterInvoices
{
    /// <summary>One line of a billed or unbilled invoice reconciliation export (Microsoft Graph, v2).</summary>
    /// <remarks>
    /// Properties are the 47 documented fields of the Full attribute set, named and ordered as Microsoft
    /// documents them (so Export-Csv columns match the portal's reconciliation file); a Basic export
    /// leaves the 12 fields it does not carry null. Amounts, prices, rates and quantities are decimal, and
    /// null when the service sent nothing or an empty string (never a made-up 0).
    /// </remarks>
    public sealed class ReconciliationLineItem : BillingExportLineItem
    {
        public string? PartnerId { get; set; }
        public string? CustomerId { get; set; }
        public string? CustomerName { get; set; }
        public string? CustomerDomainName { get; set; }
        public string? CustomerCountry { get; set; }
        public string? InvoiceNumber { get; set; }
        public string? MpnId { get; set; }
        public string? Tier2MpnId { get; set; }
        public string? OrderId { get; set; }
        public DateTimeOffset? OrderDate { get; set; }
        public string? ProductId { get; set; }
        public string? SkuId { get; set; }
        public string? AvailabilityId { get; set; }
        public string? SkuName { get; set; }
        public string? ProductName { get; set; }
        public string? ChargeType { get; set; }
        public decimal? UnitPrice { get; set; }
        public decimal? Quantity { get; set; }
        public decimal? Subtotal { get; set; }
        public decimal? TaxTotal { get; set; }
        public decimal? Total { get; set; }
        public string? Currency { get; set; }
        public string? PriceAdjustmentDescription { get; set; }
        public string? PublisherName { get; set; }
        public string? PublisherId { get; set; }
        public string? SubscriptionDescription { get; set; }
        public string? SubscriptionId { get; set; }
        public DateTimeOffset? ChargeStartDate { get; set; }
        public DateTimeOffset? ChargeEndDate { get; set; }
        public string? TermAndBillingCycle { get; set; }
        public decimal? EffectiveUnitPrice { get; set; }
        public string? UnitType { get; set; }
        public string? AlternateId { get; set; }
        public decimal? BillableQuantity { get; set; }
        public string? BillingFrequency { get; set; }
        public string? PricingCurrency { get; set; }
        public decimal? PCToBCExchangeRate { get; set; }
        public DateTimeOffset? PCToBCExchangeRateDate { get; set; }
        public string? MeterDescription { get; set; }
        public string? ReservationOrderId { get; set; }
        public string? CreditReasonCode { get; set; }
        public DateTimeOffset? SubscriptionStartDate { get; set; }
        public DateTimeOffset? SubscriptionEndDate { get; set; }
        public string? ReferenceId { get; set; }
        public string? ProductQualifiers { get; set; }
        public string? PromotionId { get; set; }
        public string? ProductCategory { get; set; }
    }
}
