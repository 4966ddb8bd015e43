using System.Collections.Generic;
using System.Management.Automation;
using PartnerCenterInvoices.Paging;

namespace PartnerCenterInvoices.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the partner's account balance summaries, one per currency.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PcInvoiceSummary")]
    [OutputType(typeof(InvoiceSummary))]
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
            var found = false;
            var currencies = new List<string>();
            while (Await(pages.ReadNextPageAsync) is PagedResourceCollection<InvoiceSummary> page)
            {
                foreach (var summary in page.Items)
                {
                    if (summary.CurrencyCode is not null) currencies.Add(summary.CurrencyCode);
                    if (CurrencyCode is null || string.Equals(summary.CurrencyCode, CurrencyCode, System.StringComparison.OrdinalIgnoreCase))
                    {
                        found = true;
                        WriteObject(summary);
                    }
                }
            }
            // A currency the account has no invoices in is not an empty answer to pass over in silence: a
            // typo (EUO) and a currency never billed both end here, and the list says which it is.
            if (CurrencyCode is not null && !found)
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"The account has no summary in the currency '{CurrencyCode}'. It has summaries in: " +
                        (currencies.Count > 0 ? string.Join(", ", currencies) : "none") + "."),
                    "CurrencyNotFound", ErrorCategory.ObjectNotFound, CurrencyCode));
        }
    }
}
