namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>Which <c>billingProvider</c> entries an invoice's <c>invoiceDetails</c> lists, one per flag, in flag order.</summary>
[Flags]
internal enum BillingProviders
{
    None = 0,
    Azure = 1,
    Office = 2,
    OneTime = 4,
    Marketplace = 8,
}
