using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenterInvoices.Http;
using PartnerCenterInvoices.Queries;

namespace PartnerCenterInvoices.BillingExports
{
    /// <summary>Runs one Graph billing export and reads its lines: POST, poll the operation, read the manifest, stream every file.</summary>
    /// <remarks>
    /// Each <see cref="ReadNextAsync"/> does one step and returns: an empty batch while the export is
    /// being started or is still running (so the caller can show progress between polls), lines while
    /// files are read, null at the end. The wait for the export has a time budget; reading the files
    /// has none (a big export takes as long as its bytes take), but every request in it retries.
    /// </remarks>
    public sealed class BillingExportReader<T> : IDisposable where T : BillingExportLineItem, new()
    {
        private readonly GraphRequestSender _graph;
        private readonly HttpClient _blobClient;
        private readonly RetryOptions _retry;
        private readonly Uri _graphRoot;
        private readonly BillingExportRequest _request;
        private readonly BillingExportOptions _options;
        private readonly RequestContext _context;
        private readonly Stopwatch _elapsed = new Stopwatch();
        private Uri? _operationUri;
        private TimeSpan? _nextPollWait;
        private ManifestSource? _manifest;
        private OrderedParallelReader<T>? _files;
        private readonly ConcurrentQueue<ExportFileReader<T>> _opened = new ConcurrentQueue<ExportFileReader<T>>();

        internal BillingExportReader(GraphRequestSender graph, HttpClient blobClient, RetryOptions retry, Uri graphRoot, BillingExportRequest request,
            BillingExportOptions options, RequestContext context)
        {
            _graph = graph;
            _blobClient = blobClient;
            _retry = retry;
            _graphRoot = graphRoot;
            _request = request;
            _options = options;
            _context = context;
        }

        public BillingExportRequest Request => _request;
        /// <summary>Where the export is: Starting, Waiting, Reading or Done.</summary>
        public string Phase { get; private set; } = "Starting";
        /// <summary>The operation's last status as the service spelled it (notStarted, running, succeeded, ...).</summary>
        public string? OperationStatus { get; private set; }
        public string? OperationId { get; private set; }
        public TimeSpan Elapsed => _elapsed.Elapsed;
        public int Polls { get; private set; }
        public int FileCount => _manifest?.Current.Blobs.Count ?? 0;
        public int FilesRead => _files?.SourcesDone ?? 0;
        /// <summary>The most files that were downloaded at the same time.</summary>
        public int MostFilesAtOnce => _files?.MostRunning ?? 0;
        public long LinesRead { get; private set; }
        /// <summary>Times a file download was picked up again after a cut connection.</summary>
        public int Resumes => _opened.Sum(file => file.Resumes);

        public async Task<IReadOnlyList<T>?> ReadNextAsync(CancellationToken cancellationToken)
        {
            _elapsed.Start();
            switch (Phase)
            {
                case "Starting":
                    _operationUri = await _graph.PostForLocationAsync(new Uri(_graphRoot + _request.RelativePath), _request.ToJsonBody(), _context, cancellationToken)
                        .ConfigureAwait(false);
                    OperationId = _operationUri.Segments.LastOrDefault()?.Trim('/');
                    _context.Log.Write($"Export of {_request.Description} started: operation {OperationId}.");
                    Phase = "Waiting";
                    return Array.Empty<T>();
                case "Waiting":
                    await PollAsync(cancellationToken).ConfigureAwait(false);
                    return Array.Empty<T>();
                case "Reading":
                    return await ReadFilesAsync(cancellationToken).ConfigureAwait(false);
                default:
                    return null;
            }
        }

        /// <summary>The shortest wait between two polls of one operation, whatever Retry-After says.</summary>
        internal static readonly TimeSpan MinimumPollWait = TimeSpan.FromMilliseconds(250);

        /// <summary>Starts the export and polls it until its files can be read (or it fails or runs out of time).</summary>
        /// <remarks>Lets a caller prepare several exports at once and read them one after another: the reads of
        /// this reader must wait until this ends.</remarks>
        public async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
        {
            while (Phase == "Starting" || Phase == "Waiting") await ReadNextAsync(cancellationToken).ConfigureAwait(false);
        }

        private async Task PollAsync(CancellationToken cancellationToken)
        {
            if (_nextPollWait is TimeSpan wait)
            {
                var left = _options.TimeLimit - _elapsed.Elapsed;
                if (left <= TimeSpan.Zero) throw TimedOut();
                await Task.Delay(wait < left ? wait : left, cancellationToken).ConfigureAwait(false);
            }
            var (operation, retryAfter) = await _graph.GetJsonAsync(_operationUri!, GraphBillingJsonContext.Default.ExportOperation, _context, cancellationToken)
                .ConfigureAwait(false);
            Polls++;
            OperationStatus = operation.Status;
            if (operation.IsFailed)
                throw Failed(operation);
            if (operation.IsRunning)
            {
                // A Retry-After of 0 (or one already past) would have us poll in a tight loop: never sooner than the floor.
                _nextPollWait = retryAfter is TimeSpan asked ? (asked > MinimumPollWait ? asked : MinimumPollWait) : _options.PollInterval;
                if (_elapsed.Elapsed >= _options.TimeLimit) throw TimedOut();
                return;
            }
            _manifest = new ManifestSource(this, operation);
            await _manifest.LoadAsync(operation, cancellationToken).ConfigureAwait(false);
            _context.Log.Write($"Export of {_request.Description} is ready after {Polls} polls and {_elapsed.Elapsed.TotalSeconds:0} s: " +
                $"{_manifest.Current.Blobs.Count} files, data format {_manifest.Current.DataFormat}.");
            Phase = "Reading";
        }

        private async Task<IReadOnlyList<T>?> ReadFilesAsync(CancellationToken cancellationToken)
        {
            var blobs = _manifest!.Current.Blobs;
            _files ??= new OrderedParallelReader<T>(blobs.Count, index =>
            {
                var file = new ExportFileReader<T>(_blobClient, _retry, _manifest, blobs[index], _context);
                _opened.Enqueue(file);
                return file;
            }, _options.Parallelism, _options.BatchSize);
            var batch = await _files.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (batch is not null)
            {
                LinesRead += batch.Count;
                return batch;
            }
            Phase = "Done";
            _elapsed.Stop();
            var resumes = Resumes;
            _context.Log.Write($"Export of {_request.Description}: {LinesRead} lines from {FilesRead} files in {_elapsed.Elapsed.TotalSeconds:0.0} s, " +
                $"up to {MostFilesAtOnce} at once" + (resumes > 0 ? $", {resumes} downloads resumed." : "."));
            return null;
        }

        private BillingExportException TimedOut() =>
            new BillingExportException(BillingExportFailure.TimedOut,
                $"The export of {_request.Description} did not finish within {_options.TimeLimit.TotalSeconds:0} s (last status: {OperationStatus ?? "none"}, {Polls} polls).",
                operationId: OperationId, correlationId: _context.CorrelationId.ToString(),
                advice: "Microsoft documents exports taking minutes at busy times. Run the command again later, or give it more time with -TimeoutSec.");

        private BillingExportException Failed(ExportOperation operation)
        {
            var code = operation.Error?.Code;
            var message = operation.Error?.Message;
            string advice;
            if (code == "5000" && _request.IsBilled)
                advice = $"Graph's v2 exports serve new-commerce invoices from the February 2024 billing period on. For a legacy-commerce invoice " +
                    $"(or an older period) read the lines with Get-PcInvoiceLineItem -InvoiceId {_request.InvoiceId}. For a new invoice the data may not be ready yet: try again later.";
            else if (code == "5000")
                advice = "There is no unbilled data for that period and currency yet, or none at all: check the currency code, and try again later.";
            else
                advice = "Microsoft advises starting a new export after a failure rather than polling the failed one: run the command again.";
            return new BillingExportException(BillingExportFailure.Failed,
                $"The export of {_request.Description} failed" + (code is null ? string.Empty : $" with code {code}") +
                (string.IsNullOrWhiteSpace(message) ? "." : $": {message!.Trim()}"),
                code, message, operation.Id ?? OperationId, _context.CorrelationId.ToString(), advice);
        }

        /// <summary>Stops every download of this export and waits for it to end.</summary>
        public void Dispose()
        {
            _files?.Dispose();
            _files = null;
        }

        /// <summary>The export's current manifest, and a fresh one (a new SAS) when the storage account refuses the old.</summary>
        private sealed class ManifestSource : IBlobUriSource
        {
            private readonly BillingExportReader<T> _owner;
            private readonly SemaphoreSlim _refreshing = new SemaphoreSlim(1, 1);
            private string? _link;
            private int _version;

            public ManifestSource(BillingExportReader<T> owner, ExportOperation operation)
            {
                _owner = owner;
                _link = operation.ManifestLink;
            }

            public ExportManifest Current { get; private set; } = new ExportManifest();

            public async Task LoadAsync(ExportOperation operation, CancellationToken cancellationToken)
            {
                var manifest = operation.InlineManifest() ?? await ReadLinkAsync(cancellationToken).ConfigureAwait(false);
                if (manifest.Blobs.Count == 0 && manifest.BlobCount > 0)
                    throw new BillingExportException(BillingExportFailure.InvalidExport,
                        $"The manifest of the export of {_owner._request.Description} says {manifest.BlobCount} files but lists none.",
                        operationId: _owner.OperationId, correlationId: _owner._context.CorrelationId.ToString());
                Current = manifest;
                _version++;
            }

            public async Task<Uri> GetUriAsync(ExportBlob blob, bool fresh, CancellationToken cancellationToken)
            {
                if (fresh)
                {
                    var seen = _version;
                    await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
                    try
                    {
                        // Another file may have refreshed it meanwhile; one new manifest serves them all.
                        if (_version == seen) await RefreshAsync(cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        _refreshing.Release();
                    }
                }
                return Current.BlobUri(blob);
            }

            // A navigation link is read again; an inline manifest comes back with the operation, so poll it again.
            private async Task RefreshAsync(CancellationToken cancellationToken)
            {
                if (_link is not null)
                {
                    Current = await ReadLinkAsync(cancellationToken).ConfigureAwait(false);
                    _version++;
                    return;
                }
                var (operation, _) = await _owner._graph.GetJsonAsync(_owner._operationUri!, GraphBillingJsonContext.Default.ExportOperation,
                    _owner._context, cancellationToken).ConfigureAwait(false);
                if (!operation.IsSucceeded)
                    throw new BillingExportException(BillingExportFailure.InvalidExport,
                        $"The export of {_owner._request.Description} is no longer available (status {operation.Status}); run the command again.",
                        operationId: _owner.OperationId, correlationId: _owner._context.CorrelationId.ToString());
                _link = operation.ManifestLink;
                await LoadAsync(operation, cancellationToken).ConfigureAwait(false);
            }

            private async Task<ExportManifest> ReadLinkAsync(CancellationToken cancellationToken)
            {
                if (_link is null || !Uri.TryCreate(_owner._graphRoot, _link, out var uri))
                    throw new BillingExportException(BillingExportFailure.InvalidExport,
                        $"The export of {_owner._request.Description} succeeded but names no manifest (neither resourceLocation nor its navigation link).",
                        operationId: _owner.OperationId, correlationId: _owner._context.CorrelationId.ToString());
                var (manifest, _) = await _owner._graph.GetJsonAsync(uri, GraphBillingJsonContext.Default.ExportManifest, _owner._context, cancellationToken)
                    .ConfigureAwait(false);
                return manifest;
            }
        }
    }
}
