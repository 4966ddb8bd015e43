using System.Diagnostics;
using System.Globalization;

namespace PartnerCenterInvoices.Emulator.BlobStorage;

/// <summary>Every request to the blob host: <c>GET</c> (or <c>HEAD</c>) <c>/reconexports/{directory}/{name}?{sas}</c>, as Azure Blob Storage answers it.</summary>
/// <remarks>
/// The order of checks is the service's: authentication (an Authorization header is refused, then the SAS),
/// then the blob, then the range. Bodies are copied from the blob's file in 64 KB pieces, never read whole;
/// <c>--blob-bytes-per-second</c> paces the copy and the truncate fault cuts it at about half, after a full
/// <c>Content-Length</c>, then drops the connection.
/// </remarks>
internal sealed class BlobEndpoint(BlobContainer container, SharedAccessSignatures signatures, FaultInjector faults, EmulatorStats stats,
    TimeProvider time, GraphExportSettings settings)
{
    private const int ChunkSize = 64 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        var path = request.Path.Value ?? "/";
        response.Headers["x-ms-request-id"] = Guid.NewGuid().ToString();
        response.Headers["x-ms-version"] = SharedAccessSignatures.Version;

        if (settings.BlobLatencyMilliseconds > 0) await Task.Delay(settings.BlobLatencyMilliseconds, context.RequestAborted).ConfigureAwait(false);

        // A bearer token has no business here: the export's blobs are read with the SAS alone, so a client that
        // leaks its Graph token to the storage host fails loudly (the recorder notes that the header came).
        if (request.Headers.ContainsKey("Authorization"))
        {
            await StorageError.AuthorizationHeaderRefused().WriteAsync(context, time.GetUtcNow()).ConfigureAwait(false);
            return;
        }
        var isHead = HttpMethods.IsHead(request.Method);
        if (!isHead && !HttpMethods.IsGet(request.Method))
        {
            await StorageError.UnsupportedMethod().WriteAsync(context, time.GetUtcNow()).ConfigureAwait(false);
            return;
        }

        var slash = path.LastIndexOf('/');
        var directory = slash > 0 ? path[..slash] : "";
        if (signatures.Check(request.Query, directory) is { } refused)
        {
            await refused.WriteAsync(context, time.GetUtcNow()).ConfigureAwait(false);
            return;
        }
        if (!container.TryFind(path, out var blob, out _))
        {
            await StorageError.BlobNotFound().WriteAsync(context, time.GetUtcNow()).ConfigureAwait(false);
            return;
        }

        var rangeHeader = request.Headers["x-ms-range"].ToString();
        if (rangeHeader.Length == 0) rangeHeader = request.Headers.Range.ToString();
        var hasRange = ByteRange.TryParse(rangeHeader, blob.Length, out var range, out var satisfiable);
        if (hasRange && !satisfiable)
        {
            response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes */{blob.Length}");
            await StorageError.InvalidRange().WriteAsync(context, time.GetUtcNow()).ConfigureAwait(false);
            return;
        }
        if (!hasRange) range = new ByteRange(0, blob.Length - 1);

        response.StatusCode = hasRange ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK;
        response.ContentType = "application/octet-stream";
        response.ContentLength = blob.Length == 0 ? 0 : range.Length;
        response.Headers.ETag = blob.ETag;
        response.Headers.LastModified = StorageError.Rfc1123(blob.LastModified);
        response.Headers.AcceptRanges = "bytes";
        response.Headers["x-ms-blob-type"] = "BlockBlob";
        response.Headers["x-ms-creation-time"] = StorageError.Rfc1123(blob.LastModified);
        if (hasRange) response.Headers.ContentRange = string.Create(CultureInfo.InvariantCulture, $"bytes {range.First}-{range.Last}/{blob.Length}");
        if (isHead || blob.Length == 0) return;

        var send = range.Length;
        var truncate = faults.TakeTruncation(path);
        if (truncate)
        {
            context.Items[RequestRecorder.FaultItem] = "truncated";
            send = Math.Max(1, send / 2);
        }
        await CopyAsync(context, blob.FilePath, range.First, send).ConfigureAwait(false);
        if (truncate)
        {
            // The promised Content-Length is never reached: the client's read must fail, not end quietly.
            await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            context.Abort();
        }
    }

    private async Task CopyAsync(HttpContext context, string filePath, long offset, long count)
    {
        var cancellationToken = context.RequestAborted;
        var rate = settings.BlobBytesPerSecond;
        var started = Stopwatch.GetTimestamp();
        var buffer = new byte[(int)Math.Min(ChunkSize, rate is long r ? Math.Max(1024, r / 10) : ChunkSize)];
        await using var file = new FileStream(filePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        file.Position = offset;
        long sent = 0;
        while (sent < count)
        {
            var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count - sent)), cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            sent += read;
            stats.CountBlobBytes(read);
            if (rate is long bytesPerSecond)
            {
                // Paced against the start, not per chunk, so the average holds however the writes are scheduled.
                var due = TimeSpan.FromSeconds((double)sent / bytesPerSecond) - Stopwatch.GetElapsedTime(started);
                if (due > TimeSpan.Zero) await Task.Delay(due, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
