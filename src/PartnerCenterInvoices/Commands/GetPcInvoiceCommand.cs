using System;
using System.Management.Automation;
using PartnerCenterInvoices.Paging;
using PartnerCenterInvoices.Queries;

namespace PartnerCenterInvoices.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the partner's invoices, streaming each page to the pipeline as it arrives.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PcInvoice", DefaultParameterSetName = ListSet, SupportsPaging = true)]
    [OutputType(typeof(Invoice))]
    public sealed class GetPcInvoiceCommand : PcCmdlet
    {
        private const string ListSet = "List";
        private const string ByInvoiceIdSet = "ByInvoiceId";

        /// <summary>Reads these invoices by id (App+User sign-in). Takes ids, or invoices, from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = ByInvoiceIdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string[] InvoiceId { get; set; } = Array.Empty<string>();

        /// <summary>Only invoices of this type: Recurring or OneTime.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateSet("Recurring", "OneTime", IgnoreCase = true)]
        public string? InvoiceType { get; set; }

        /// <summary>Only invoices dated on or after this date (sent to the service as a filter).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTimeOffset? InvoiceDateFrom { get; set; }

        /// <summary>Only invoices dated on or before this date (sent to the service as a filter).</summary>
        [Parameter(ParameterSetName = ListSet)]
        public DateTimeOffset? InvoiceDateTo { get; set; }

        /// <summary>Invoices per request (the service's size). Left out, the service chooses, or -First sets it.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(1, InvoiceQuery.MaxPageSize)]
        public int? PageSize { get; set; }

        /// <summary>The zero-based index of the first invoice (the service's offset; legacy invoices only).</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateRange(0, int.MaxValue)]
        public int? Offset { get; set; }

        /// <summary>The service's raw filter JSON, such as {"Field":"InvoiceDate","Value":"2025-01-01","Operator":"greater_than_or_equals"}.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        public string? Filter { get; set; }

        /// <summary>The MS-CorrelationId sent with every request of this call; a new one when left out.</summary>
        [Parameter]
        public Guid? CorrelationId { get; set; }

        protected override Guid? InvocationCorrelationId => CorrelationId;

        protected override void ProcessRecordCore()
        {
            var connection = RequireConnection();
            if (ParameterSetName == ByInvoiceIdSet)
            {
                foreach (var id in InvoiceId)
                {
                    ForEachItem(() =>
                    {
                        ServiceId.Require(id, "invoice id");
                        WriteObject(Await(ct => connection.GetInvoiceAsync(id, RequestContext, ct)));
                    });
                }
                return;
            }
            WriteList(connection);
        }

        private void WriteList(PartnerCenterConnection connection)
        {
            if (Filter is not null && (InvoiceDateFrom is not null || InvoiceDateTo is not null))
                throw new TerminatingError(new ErrorRecord(new ArgumentException("Use either -Filter or -InvoiceDateFrom/-InvoiceDateTo, not both."),
                    "FilterConflict", ErrorCategory.InvalidArgument, Filter));
            string? filter;
            try
            {
                filter = Filter ?? InvoiceDateFilter.Build(InvoiceDateFrom, InvoiceDateTo);
            }
            catch (ArgumentException ex)
            {
                throw new TerminatingError(new ErrorRecord(ex, "InvalidDateRange", ErrorCategory.InvalidArgument, InvoiceDateFrom));
            }

            var skip = PagingParameters.Skip;
            var first = PagingParameters.First;
            // -First defaults to ulong.MaxValue: add without wrapping around.
            var wanted = first > ulong.MaxValue - skip ? ulong.MaxValue : first + skip;
            var query = new InvoiceQuery
            {
                // Asked for only a few? Ask the service for only a few, so -First 5 costs one small request.
                PageSize = PageSize ?? (wanted < InvoiceQuery.MaxPageSize ? (int)Math.Max(1UL, wanted) : (int?)null),
                Offset = Offset,
                InvoiceType = InvoiceType is null ? null : new InvoiceType(InvoiceType),
                Filter = filter,
            };

            using var pages = new PagePrefetcher<Invoice>(connection.GetInvoices(query, RequestContext), PrefetchSetting.Enabled, wanted);
            ulong seen = 0, written = 0;
            var complete = true;
            while (written < first)
            {
                if (Await(pages.ReadNextPageAsync) is not PagedResourceCollection<Invoice> page) break;
                foreach (var invoice in page.Items)
                {
                    if (seen++ < skip) continue;
                    if (written == first) { complete = false; break; }
                    WriteObject(invoice);
                    written++;
                }
                WriteVerbose($"Page {pages.PagesRead}: {page.Items.Count} invoices ({seen} so far){(pages.HasMorePages ? string.Empty : ", last page")}.");
                // Once a page, not once an invoice: PowerShell drops the record at once where nobody looks.
                if (pages.HasMorePages)
                    WriteProgress(new ProgressRecord(0, "Reading invoices", $"{written} invoices, page {pages.PagesRead}"));
            }
            WriteProgress(new ProgressRecord(0, "Reading invoices", "Done") { RecordType = ProgressRecordType.Completed });
            complete &= !pages.HasMorePages;

            if (PagingParameters.IncludeTotalCount)
            {
                // The service's totalCount counts one page only; a true total exists only once every page was read.
                WriteObject(complete ? PagingParameters.NewTotalCount(seen, 1.0) : PagingParameters.NewTotalCount(seen, 0.0));
            }
        }
    }
}
