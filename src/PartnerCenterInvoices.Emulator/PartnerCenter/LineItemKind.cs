namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>The service's <c>invoiceLineItemType</c>: billing lines make up the invoice total, usage lines only inform.</summary>
internal enum LineItemKind
{
    Billing,
    Usage,
}
