namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>The invoice's <c>state</c>: recent invoices are open, older ones mostly paid, some past due.</summary>
internal enum InvoiceState
{
    Open,
    Paid,
    PastDue,
}
