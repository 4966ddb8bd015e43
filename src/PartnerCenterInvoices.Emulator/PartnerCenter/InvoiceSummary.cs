namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>The balance of one currency (or of one invoice type within it), accumulated invoice by invoice.</summary>
internal sealed class InvoiceSummary(Currency currency)
{
    public Currency Currency { get; } = currency;
    public decimal BalanceAmount { get; private set; }
    public DateTime? FirstInvoiceCreationDate { get; private set; }
    public DateTime? LatestInvoiceDate { get; private set; }
    public DateTime? LastPaymentDate { get; private set; }
    public decimal LastPaymentAmount { get; private set; }

    public void Add(in Invoice invoice)
    {
        BalanceAmount += invoice.TotalCharges - invoice.PaidAmount;
        if (FirstInvoiceCreationDate is null || invoice.InvoiceDate < FirstInvoiceCreationDate) FirstInvoiceCreationDate = invoice.InvoiceDate;
        if (LatestInvoiceDate is null || invoice.InvoiceDate > LatestInvoiceDate) LatestInvoiceDate = invoice.InvoiceDate;
        // The emulator has no payment records: an invoice counts as paid on its own date, for what it paid.
        if (invoice.PaidAmount != 0 && (LastPaymentDate is null || invoice.InvoiceDate > LastPaymentDate))
        {
            LastPaymentDate = invoice.InvoiceDate;
            LastPaymentAmount = invoice.PaidAmount;
        }
    }
}
