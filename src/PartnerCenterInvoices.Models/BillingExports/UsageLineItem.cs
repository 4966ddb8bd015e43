using System;

namespace PartnerCenterInvoices
{
    /// <summary>One line of a billed or unbilled daily rated usage export (Microsoft Graph, v2).</summary>
    /// <remarks>
    /// Properties are the 54 documented fields of the Full attribute set, named and ordered as Microsoft
    /// documents them; a Basic export leaves the 24 fields it does not carry null. Amounts, prices, rates
    /// and quantities are decimal, null when the service sent nothing or an empty string.
    /// </remarks>
    public sealed class UsageLineItem : BillingExportLineItem
    {
        public string? AdditionalInfo { get; set; }
        public string? AvailabilityId { get; set; }
        public string? BenefitID { get; set; }
        public string? BenefitOrderID { get; set; }
        public string? BenefitType { get; set; }
        public string? BillingCurrency { get; set; }
        public decimal? BillingPreTaxTotal { get; set; }
        public DateTimeOffset? ChargeEndDate { get; set; }
        public DateTimeOffset? ChargeStartDate { get; set; }
        public string? ChargeType { get; set; }
        public string? ConsumedService { get; set; }
        public decimal? CreditPercentage { get; set; }
        public string? CreditType { get; set; }
        public string? CustomerCountry { get; set; }
        public string? CustomerDomainName { get; set; }
        public string? CustomerId { get; set; }
        public string? CustomerName { get; set; }
        public decimal? EffectiveUnitPrice { get; set; }
        public string? EntitlementDescription { get; set; }
        public string? EntitlementId { get; set; }
        public string? InvoiceNumber { get; set; }
        public string? MeterCategory { get; set; }
        public string? MeterId { get; set; }
        public string? MeterName { get; set; }
        public string? MeterRegion { get; set; }
        public string? MeterSubCategory { get; set; }
        public string? MeterType { get; set; }
        public string? MpnId { get; set; }
        public decimal? PartnerEarnedCreditPercentage { get; set; }
        public string? PartnerId { get; set; }
        public string? PartnerName { get; set; }
        public decimal? PCToBCExchangeRate { get; set; }
        public string? PricingCurrency { get; set; }
        public decimal? PricingPreTaxTotal { get; set; }
        public string? ProductId { get; set; }
        public string? ProductName { get; set; }
        public string? PublisherId { get; set; }
        public string? PublisherName { get; set; }
        public decimal? Quantity { get; set; }
        public string? ResourceGroup { get; set; }
        public string? ResourceLocation { get; set; }
        public string? ResourceURI { get; set; }
        public string? ServiceInfo1 { get; set; }
        public string? ServiceInfo2 { get; set; }
        public string? SkuId { get; set; }
        public string? SkuName { get; set; }
        public string? SubscriptionDescription { get; set; }
        public string? SubscriptionId { get; set; }
        public string? Tags { get; set; }
        public string? Tier2MpnId { get; set; }
        public string? Unit { get; set; }
        public decimal? UnitPrice { get; set; }
        public string? UnitType { get; set; }
        public DateTimeOffset? UsageDate { get; set; }
    }
}
