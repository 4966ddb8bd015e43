using System.Collections.Generic;

namespace PartnerCenterInvoices
{
    /// <summary>A list that prints as its items joined by ';', so Export-Csv writes one readable cell.</summary>
    /// <remarks>Export-Csv calls ToString on every property value; a plain List prints its type name.</remarks>
    public abstract class SummarizedList<T> : List<T>
    {
        public override string ToString() => string.Join(";", this);
    }

    /// <summary>An invoice's details: "Azure/BillingLineItems;Office/BillingLineItems" in a CSV cell.</summary>
    public sealed class InvoiceDetailList : SummarizedList<InvoiceDetail> { }

    /// <summary>An invoice's tax receipts: their ids joined by ';' in a CSV cell.</summary>
    public sealed class TaxReceiptList : SummarizedList<TaxReceipt> { }

    /// <summary>An invoice's amendments: their ids joined by ';' in a CSV cell.</summary>
    public sealed class InvoiceList : SummarizedList<Invoice> { }
}
