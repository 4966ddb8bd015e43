using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
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

        /// <summary>Exports started and not yet written, in input order. Each prepares in the background; only the first is read.</summary>
        private readonly Queue<QueuedExport> _queue = new Queue<QueuedExport>();
        private CancellationTokenSource? _abandon;

        /// <summary>Exports prepared at the same time: a year of monthly invoices, so twelve months take about as long as one.</summary>
        private const int ExportsInFlight = 12;

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
                // One export: nothing to overlap, and its failure ends the command as before.
                using var single = Start(request);
                single.Write();
                return;
            }
            foreach (var id in InvoiceId)
            {
                while (_queue.Count >= ExportsInFlight) WriteFirst();
                try
                {
                    _queue.Enqueue(Start(BillingExportRequest.Billed(Kind, id, AttributeSet)));
                }
                catch (ArgumentException ex)
                {
                    // Written in its turn, like an export's failure, so the output keeps the input's order.
                    var error = new ErrorRecord(ex, "InvalidInvoiceId", ErrorCategory.InvalidArgument, id);
                    _queue.Enqueue(new QueuedExport(() => throw new TerminatingError(error), null, null));
                }
            }
            // Whatever is ready is written now; the rest waits for more input or the end.
            while (_queue.Count > 0 && _queue.Peek().IsReady) WriteFirst();
        }

        protected override void EndProcessing()
        {
            try
            {
                while (_queue.Count > 0) WriteFirst();
            }
            catch (TerminatingError error)
            {
                ThrowTerminatingError(error.Record);
            }
        }

        private void WriteFirst()
        {
            using var export = _queue.Dequeue();
            ForEachItem(export.Write);
        }

        /// <summary>Starts the export's preparation (POST and polls) in the background; its lines are read when <see cref="QueuedExport.Write"/> runs.</summary>
        private QueuedExport Start(BillingExportRequest request)
        {
            var connection = RequireConnection();
            var options = new BillingExportOptions(TimeSpan.FromSeconds(TimeoutSec), parallelism: ThrottleLimit);
            return _usage
                ? Start(() => connection.ReadUsageLineItems(request, RequestContext, options), request)
                : Start(() => connection.ReadReconciliationLineItems(request, RequestContext, options), request);
        }

        private QueuedExport Start<T>(Func<BillingExportReader<T>> open, BillingExportRequest request) where T : BillingExportLineItem, new()
        {
            BillingExportReader<T> reader;
            try
            {
                reader = open();
            }
            catch (BillingExportException ex)
            {
                // No Graph in this cloud, no Graph token: said before any request is made.
                var error = ErrorRecordFactory.FromException(ex, request.Description)!;
                return new QueuedExport(() => throw new TerminatingError(error), null, null);
            }
            _abandon ??= CancellationTokenSource.CreateLinkedTokenSource(StoppingToken);
            var token = _abandon.Token;
            Task ready;
            // The export's requests (MSAL's token requests too) write to this call's log from the background.
            using (RequestLogScope.Begin(Log)) ready = Task.Run(() => reader.WaitUntilReadyAsync(token));
            return new QueuedExport(() => WriteLines(reader, ready, request), reader, ready);
        }

        private void WriteLines<T>(BillingExportReader<T> reader, Task ready, BillingExportRequest request) where T : BillingExportLineItem, new()
        {
            var activity = "Export of " + request.Description;
            while (!ready.IsCompleted)
            {
                Await(async cancellationToken =>
                {
                    await Task.WhenAny(ready, Task.Delay(500, cancellationToken)).ConfigureAwait(false);
                    return true;
                });
                WriteProgress(new ProgressRecord(2, activity, Status(reader)));
            }
            // Its failure (the service's error, the time budget) is this invoice's error, written in its turn.
            Await(async cancellationToken =>
            {
                await ready.ConfigureAwait(false);
                return true;
            });
            while (Await(reader.ReadNextAsync) is IReadOnlyList<T> lines)
            {
                foreach (var line in lines) WriteLine(line);
                WriteProgress(new ProgressRecord(2, activity, Status(reader)));
            }
            WriteProgress(new ProgressRecord(2, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        /// <summary>Runs when the pipeline ends however it ends (a downstream Select-Object -First too): the exports
        /// still queued stop preparing, and nothing is left running.</summary>
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _abandon?.Cancel();
                while (_queue.Count > 0) _queue.Dequeue().Dispose();
                _abandon?.Dispose();
            }
            base.Dispose(disposing);
        }

        /// <summary>One export in the queue: how to write it, and what to stop and release when it is dropped.</summary>
        private sealed class QueuedExport : IDisposable
        {
            private readonly Action _write;
            private readonly IDisposable? _reader;
            private readonly Task? _ready;

            public QueuedExport(Action write, IDisposable? reader, Task? ready)
            {
                _write = write;
                _reader = reader;
                _ready = ready;
            }

            public bool IsReady => _ready?.IsCompleted ?? true;

            public void Write() => _write();

            public void Dispose()
            {
                // The preparation was cancelled by then (or has ended); wait for it so the reader is not disposed under it.
                try
                {
                    _ready?.Wait(TimeSpan.FromSeconds(30));
                }
                catch (AggregateException)
                {
                    // Its failure was written in its turn, or nobody is left to read it.
                }
                _reader?.Dispose();
            }
        }

        private static string Status<T>(BillingExportReader<T> reader) where T : BillingExportLineItem, new() => reader.Phase switch
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
