namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>The invoice's <c>invoiceType</c>, spelled in JSON as the service's samples show it.</summary>
internal enum InvoiceType
{
    Recurring,
    OneTime,
}
