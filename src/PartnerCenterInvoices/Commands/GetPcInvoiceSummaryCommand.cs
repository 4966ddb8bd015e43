using System.Management.Automation;
using PartnerCenterInvoices.Paging;

namespace PartnerCenterInvoices.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the partner's account balance summaries, one per currency.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PcInvoiceSummary")]
    [OutputType("PartnerCenterInvoices.InvoiceSummary")]
    public sealed class GetPcInvoiceSummaryCommand : PcCmdlet
    {
        /// <summary>Only the summary in this currency, such as USD or EUR.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? CurrencyCode { get; set; }

        protected override void ProcessRecordCore()
        {
            var connection = RequireConnection();
            using var pages = new PagePrefetcher<InvoiceSummary>(connection.GetInvoiceSummaries(RequestContext));
            while (Await(pages.ReadNextPageAsync) is PagedResourceCollection<InvoiceSummary> page)
            {
                foreach (var summary in page.Items)
                {
                    if (CurrencyCode is null || string.Equals(summary.CurrencyCode, CurrencyCode, System.StringComparison.OrdinalIgnoreCase))
                        WriteObject(summary);
                }
            }
        }
    }
}
