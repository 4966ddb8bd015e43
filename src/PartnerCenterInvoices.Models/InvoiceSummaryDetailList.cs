using System;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>A summary's parts: "Recurring=1234.56;OneTime=10.00" in a CSV cell.</summary>
    public sealed class InvoiceSummaryDetailList : SummarizedList<InvoiceSummaryDetail> { }
}
