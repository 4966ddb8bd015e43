using System;
using System.Management.Automation;
using PartnerCenterInvoices.Queries;

namespace PartnerCenterInvoices.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the partner's invoices, streaming each page to the pipeline as it arrives.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PcInvoice")]
    [OutputType(typeof(Invoice))]
    public sealed class GetPcInvoiceCommand : PcCmdlet
    {
        /// <summary>Only invoices of this type: Recurring or OneTime.</summary>
        [Parameter]
        [ValidateSet("Recurring", "OneTime", IgnoreCase = true)]
        public string? InvoiceType { get; set; }

        /// <summary>Invoices per request (the service's size). Left out, the service chooses.</summary>
        [Parameter]
        [ValidateRange(1, InvoiceQuery.MaxPageSize)]
        public int? PageSize { get; set; }

        /// <summary>The zero-based index of the first invoice (the service's offset; legacy invoices only).</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        public int? Offset { get; set; }

        /// <summary>The service's filter, a JSON object such as {"Field":"InvoiceDate","Value":"2025-01-01","Operator":"greater_than_or_equals"}.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Filter { get; set; }

        /// <summary>The MS-CorrelationId sent with every request of this call; a new one when left out.</summary>
        [Parameter]
        public Guid? CorrelationId { get; set; }

        protected override Guid? InvocationCorrelationId => CorrelationId;

        protected override void ProcessRecordCore()
        {
            var connection = RequireConnection();
            var query = new InvoiceQuery
            {
                PageSize = PageSize,
                Offset = Offset,
                InvoiceType = InvoiceType is null ? null : new InvoiceType(InvoiceType),
                Filter = Filter,
            };
            var pages = connection.GetInvoices(query, RequestContext);
            var written = 0L;
            while (Await(pages.ReadNextPageAsync) is PagedResourceCollection<Invoice> page)
            {
                foreach (var invoice in page.Items) WriteObject(invoice);
                written += page.Items.Count;
                WriteVerbose($"Page {pages.PagesRead}: {page.Items.Count} invoices ({written} so far){(pages.HasMorePages ? string.Empty : ", last page")}.");
            }
        }
    }
}
