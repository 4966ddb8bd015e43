using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PartnerCenterInvoices.Queries;

namespace PartnerCenterInvoices.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets the billing or usage line items of invoices, streaming them page by page.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PcInvoiceLineItem")]
    [OutputType(typeof(OneTimeInvoiceLineItem), typeof(DailyRatedUsageLineItem), typeof(LicenseBasedLineItem), typeof(UsageBasedLineItem))]
    public sealed class GetPcInvoiceLineItemCommand : PcCmdlet
    {
        /// <summary>The invoice whose line items to read; takes ids, or invoices from Get-PcInvoice, from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string InvoiceId { get; set; } = string.Empty;

        /// <summary>The billing provider: Azure, Office, OneTime or Marketplace. Left out, every provider the invoice lists.</summary>
        [Parameter(Position = 1)]
        [ValidateSet("Azure", "Office", "OneTime", "Marketplace", IgnoreCase = true)]
        public string? BillingProvider { get; set; }

        /// <summary>BillingLineItems (default) or UsageLineItems.</summary>
        [Parameter]
        [ValidateSet("BillingLineItems", "UsageLineItems", IgnoreCase = true)]
        public string LineItemType { get; set; } = "BillingLineItems";

        /// <summary>Line items per request (1 to 2000). Defaults to the service's maximum.</summary>
        [Parameter]
        [ValidateRange(1, LineItemQuery.MaxPageSize)]
        [PSDefaultValue(Value = LineItemQuery.MaxPageSize)]
        public int? PageSize { get; set; }

        /// <summary>Bound from a piped invoice: the providers it has lines for.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, DontShow = true)]
        public object[]? InvoiceDetails { get; set; }

        protected override void ProcessRecordCore() => ForEachItem(ReadOneInvoice);

        private void ReadOneInvoice()
        {
            // The same check and error (InvalidInvoiceId) as every cmdlet that takes ids, before any request.
            ServiceId.Require(InvoiceId, "invoice id");
            var connection = RequireConnection();
            foreach (var provider in Providers())
            {
                var query = new LineItemQuery(InvoiceId, new BillingProvider(provider), new InvoiceLineItemType(LineItemType), PageSize);
                using var pages = connection.GetInvoiceLineItems(query, RequestContext, PrefetchSetting.Enabled);
                long count = 0;
                try
                {
                    while (Await(pages.ReadNextPageAsync) is IReadOnlyList<InvoiceLineItem> items)
                    {
                        foreach (var item in items) WriteObject(item);
                        count += items.Count;
                        WriteProgress(new ProgressRecord(1, $"Line items of invoice {InvoiceId}", $"{provider} {LineItemType}: {count} read, page {pages.PagesRead}"));
                    }
                }
                catch (TerminatingError error) when (error.Record.Exception is PartnerCenterApiException api && V1LineItemRetirement.IsRetirementRefusal(api, query))
                {
                    throw new TerminatingError(MovedToGraph(api, query));
                }
                if (count == 0 && query.IsModernProvider && query.LineItemType == InvoiceLineItemType.BillingLineItems)
                    WriteWarning($"Invoice {InvoiceId} has no {provider} billing lines on the v1 API. New-commerce lines of billing periods after " +
                        $"March 2025 are served only by Microsoft Graph: Get-PcReconciliationLineItem -InvoiceId {InvoiceId}.");
                WriteProgress(new ProgressRecord(1, $"Line items of invoice {InvoiceId}", "Done") { RecordType = ProgressRecordType.Completed });
                WriteVerbose($"Invoice {InvoiceId}, {provider} {LineItemType}: {count} line items in {pages.PagesRead} {(pages.PagesRead == 1 ? "page" : "pages")}.");
            }
        }

        private ErrorRecord MovedToGraph(PartnerCenterApiException api, LineItemQuery query)
        {
            var command = query.LineItemType == InvoiceLineItemType.UsageLineItems ? "Get-PcUsageLineItem" : "Get-PcReconciliationLineItem";
            var message = $"Partner Center no longer serves the {query.Provider} {query.LineItemType} of invoice {InvoiceId} on the v1 API: " +
                $"new-commerce line items of billing periods after March 2025 come from Microsoft Graph. Use {command} -InvoiceId {InvoiceId}. ({api.Message})";
            return new ErrorRecord(new InvalidOperationException(message, api), "LineItemsMovedToGraph", ErrorCategory.InvalidOperation, InvoiceId)
            {
                ErrorDetails = new ErrorDetails(message) { RecommendedAction = $"Run {command} -InvoiceId {InvoiceId} (or pipe the invoice to it)." },
            };
        }

        // An invoice lists the providers it has lines for; an id alone needs -BillingProvider.
        private IEnumerable<string> Providers()
        {
            if (BillingProvider is not null) return new[] { BillingProvider };
            var fromInvoice = (InvoiceDetails ?? Array.Empty<object>())
                .Select(d => PSObject.AsPSObject(d).Properties["BillingProvider"]?.Value?.ToString())
                .Where(p => !string.IsNullOrEmpty(p) && new BillingProvider(p!) is var known &&
                    (known == PartnerCenterInvoices.BillingProvider.Azure || known == PartnerCenterInvoices.BillingProvider.Office ||
                     known == PartnerCenterInvoices.BillingProvider.OneTime || known == PartnerCenterInvoices.BillingProvider.Marketplace))
                .Select(p => new BillingProvider(p!).Value)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (fromInvoice.Count > 0) return fromInvoice;
            throw new TerminatingError(new ErrorRecord(
                new ArgumentException($"Say which billing provider's line items to read for invoice {InvoiceId} with -BillingProvider, or pipe the invoice from Get-PcInvoice."),
                "BillingProviderRequired", ErrorCategory.InvalidArgument, InvoiceId));
        }
    }
}
