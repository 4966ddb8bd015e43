using System;
using System.Collections.Generic;
using System.Management.Automation;
using PartnerCenterInvoices.BillingExports;
using PartnerCenterInvoices.Queries;

namespace PartnerCenterInvoices.Commands
{
    /// <summary>What Get-PcReconciliationLineItem and Get-PcUsageLineItem share: the billed and unbilled parameter sets, progress, output.</summary>
    /// <remarks>
    /// Each line is written as it is parsed. A field the service added after this version is kept as a
    /// note property of its own name rather than a dictionary property: Export-Csv and Export-PcCsv then
    /// give it a column of its own, and no cell ever reads "System.Collections.Generic.Dictionary".
    /// No generic base, no virtual member and no generic constraint naming a client-library type:
    /// PowerShell loads the cmdlet types before the module's dependency resolver runs, and any of
    /// those makes that load need the client library (measured: the import failed).
    /// </remarks>
    public abstract class BillingExportCommand : PcCmdlet
    {
        private readonly bool _usage;

        private protected BillingExportCommand(bool usage) => _usage = usage;

        protected const string BilledSet = "Billed";
        protected const string UnbilledSet = "Unbilled";

        /// <summary>The invoices whose lines to export (billed). Takes ids, invoices from Get-PcInvoice, or any object with an Id, from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = BilledSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string[] InvoiceId { get; set; } = Array.Empty<string>();

        /// <summary>Unbilled lines of the Current billing period or the Last one.</summary>
        [Parameter(Mandatory = true, ParameterSetName = UnbilledSet)]
        [ValidateSet("Current", "Last", IgnoreCase = true)]
        public string BillingPeriod { get; set; } = "Current";

        /// <summary>The currency of the unbilled lines: three letters of ISO 4217, such as USD.</summary>
        [Parameter(Mandatory = true, ParameterSetName = UnbilledSet)]
        public string CurrencyCode { get; set; } = string.Empty;

        /// <summary>Full (every documented field, default) or Basic (the most used ones; the rest stay empty).</summary>
        [Parameter]
        [ValidateSet("Full", "Basic", IgnoreCase = true)]
        public string AttributeSet { get; set; } = "Full";

        /// <summary>The most seconds to wait for the service to prepare each export (default 1800). Reading the files is not bounded by it.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; } = 1800;

        /// <summary>The most files of one export downloaded and decoded at the same time (default 4); lines still come out in the manifest's order.</summary>
        [Parameter]
        [ValidateRange(1, 32)]
        public int ThrottleLimit { get; set; } = 4;

        /// <summary>The client-request-id sent with every Graph request of this call; a new one when left out.</summary>
        [Parameter]
        public Guid? CorrelationId { get; set; }

        protected override Guid? InvocationCorrelationId => CorrelationId;

        private BillingExportKind Kind => _usage ? BillingExportKind.Usage : BillingExportKind.Reconciliation;

        protected override void ProcessRecordCore()
        {
            if (ParameterSetName == UnbilledSet)
            {
                BillingExportRequest request;
                try
                {
                    request = BillingExportRequest.Unbilled(Kind, BillingPeriod, CurrencyCode, AttributeSet);
                }
                catch (ArgumentException ex)
                {
                    throw new TerminatingError(new ErrorRecord(ex, "InvalidCurrencyCode", ErrorCategory.InvalidArgument, CurrencyCode));
                }
                Export(request);
                return;
            }
            foreach (var id in InvoiceId)
            {
                ForEachItem(() =>
                {
                    BillingExportRequest request;
                    try
                    {
                        request = BillingExportRequest.Billed(Kind, id, AttributeSet);
                    }
                    catch (ArgumentException ex)
                    {
                        throw new TerminatingError(new ErrorRecord(ex, "InvalidInvoiceId", ErrorCategory.InvalidArgument, id));
                    }
                    Export(request);
                });
            }
        }

        private void Export(BillingExportRequest request)
        {
            var connection = RequireConnection();
            var options = new BillingExportOptions(TimeSpan.FromSeconds(TimeoutSec), parallelism: ThrottleLimit);
            if (_usage) WriteLines(() => connection.ReadUsageLineItems(request, RequestContext, options), request);
            else WriteLines(() => connection.ReadReconciliationLineItems(request, RequestContext, options), request);
        }

        private void WriteLines<T>(Func<BillingExportReader<T>> open, BillingExportRequest request) where T : class
        {
            BillingExportReader<T> opened;
            try
            {
                opened = open();
            }
            catch (BillingExportException ex)
            {
                // No Graph in this cloud, no Graph token: said before any request is made.
                throw new TerminatingError(ErrorRecordFactory.FromException(ex, request.Description)!);
            }
            using var reader = opened;
            var activity = "Export of " + request.Description;
            while (Await(reader.ReadNextAsync) is IReadOnlyList<T> lines)
            {
                foreach (var line in lines) WriteLine((BillingExportLineItem)(object)line);
                WriteProgress(new ProgressRecord(2, activity, Status(reader)));
            }
            WriteProgress(new ProgressRecord(2, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        private static string Status<T>(BillingExportReader<T> reader) where T : class => reader.Phase switch
        {
            "Waiting" => $"Export {reader.OperationStatus ?? "started"}, {reader.Elapsed:hh\\:mm\\:ss} elapsed ({reader.Polls} polls)",
            "Reading" => $"Read {reader.FilesRead} of {reader.FileCount} files (up to {reader.MostFilesAtOnce} at once): {reader.LinesRead} lines, {reader.Elapsed:hh\\:mm\\:ss} elapsed",
            _ => $"{reader.Phase}, {reader.Elapsed:hh\\:mm\\:ss} elapsed",
        };

        private void WriteLine(BillingExportLineItem line)
        {
            var additional = line.GetAdditionalFields();
            if (additional.Count == 0)
            {
                WriteObject(line);
                return;
            }
            var wrapped = PSObject.AsPSObject(line);
            foreach (var field in additional)
            {
                if (wrapped.Properties[field.Key] is null) wrapped.Properties.Add(new PSNoteProperty(field.Key, field.Value));
            }
            WriteObject(wrapped);
        }
    }
}
