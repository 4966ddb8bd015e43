using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>Writes an export's blobs into the blob container, once per export: the same export asked again reuses them.</summary>
/// <remarks>
/// Blobs are written in parallel (one per core at a time, on threads of their own), each to a temporary name first and renamed when
/// complete, so the host never serves half a file. Blob names and bytes are a function of the seed and the
/// export, so a second run with the same seed serves the same files under the same names.
/// </remarks>
internal sealed class ExportPreparation(BlobContainer container, GraphExportSettings settings, Guid partnerTenantId, long seed, CancellationToken stopping)
{
    // The date the data's files claim to be written: fixed, so Last-Modified is the same on every run.
    private static readonly DateTimeOffset FilesWritten = new(InvoiceGenerator.BaseDate);

    private readonly ConcurrentDictionary<string, Lazy<Task<PreparedExport>>> _exports = new(StringComparer.Ordinal);
    private readonly ExportCustomers _customers = new(seed);
    private readonly (JsonEncodedText, JsonEncodedText)[] _extraFields =
        [.. settings.ExtraLineFields.Select(f => (JsonEncodedText.Encode(f.Key, JsonResponse.WriterOptions.Encoder), JsonEncodedText.Encode(f.Value, JsonResponse.WriterOptions.Encoder)))];

    /// <summary>The export's blobs, written now or earlier.</summary>
    public Task<PreparedExport> PrepareAsync(ExportScope scope) =>
        _exports.GetOrAdd(scope.Directory, _ => new Lazy<Task<PreparedExport>>(() => Task.Run(() => WriteAsync(scope)))).Value;

    private async Task<PreparedExport> WriteAsync(ExportScope scope)
    {
        IExportLineWriter lines = scope.IsUsage
            ? new UsageLineWriter(scope, _customers, partnerTenantId, seed)
            : new ReconciliationLineWriter(scope, _customers, partnerTenantId, seed);
        var total = settings.LinesPerExport;
        var count = settings.BlobsPerExport;
        var folder = Path.Combine(container.Folder, scope.Key.ToString("x16", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var blobs = new StoredBlob[count];
        var partId = ExportCustomers.GuidFrom(scope.Key, 0xB10B);

        // Dedicated threads, one per core, take the parts in turn: writing a million lines keeps a core busy for
        // seconds, and on the thread pool that would starve the requests (the polls) the server must answer meanwhile.
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(count, Environment.ProcessorCount)).Select(_ => Task.Factory.StartNew(() =>
        {
            int part;
            while ((part = Interlocked.Increment(ref next)) < count)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"part-{part:00000}-{partId}.c000.json.gz");
                var path = Path.Combine(folder, name);
                var temporary = path + ".partial";
                ExportFileWriter.Write(temporary, lines, _extraFields, total * part / count, total * (part + 1) / count, stopping);
                File.Move(temporary, path);
                var length = new FileInfo(path).Length;
                var etag = string.Create(CultureInfo.InvariantCulture, $"\"0x8DD{InvoiceGenerator.Mix(scope.Key ^ (ulong)part ^ (ulong)length) & 0xFFFFFFFFFFFFFUL:X13}\"");
                blobs[part] = new StoredBlob(name, path, length, etag, FilesWritten);
            }
        }, stopping, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        await Task.WhenAll(workers).ConfigureAwait(false);

        container.Publish(scope.Directory, blobs);
        var exportTag = string.Create(CultureInfo.InvariantCulture, $"{scope.Key:x16}");
        return new PreparedExport(scope, blobs, exportTag, FilesWritten);
    }
}
