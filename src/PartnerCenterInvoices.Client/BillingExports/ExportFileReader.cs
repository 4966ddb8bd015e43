using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenterInvoices.Http;

namespace PartnerCenterInvoices.BillingExports
{
    /// <summary>Reads one export file (gzip JSON lines) into typed lines, a batch at a time, streaming from the storage account.</summary>
    /// <remarks>
    /// The seam for reading several files at once: each reader owns its own download and holds one
    /// buffer of decompressed text, so readers can run side by side without sharing state. Files are
    /// gzip in every sample (dataFormat compressedJSON), but that is inferred, not documented: the
    /// first two bytes decide (1f 8b is gzip), so plain JSON lines read too.
    /// </remarks>
    internal sealed class ExportFileReader<T> : IBatchSource<T> where T : BillingExportLineItem, new()
    {
        private readonly ResumableBlobStream _download;
        private readonly ExportBlob _blob;
        private readonly RequestContext _context;
        private Stream? _decoded;
        private JsonLinesReader<T>? _lines;
        private long _linesRead;

        public ExportFileReader(HttpClient blobClient, RetryOptions retry, IBlobUriSource uris, ExportBlob blob, RequestContext context)
        {
            _blob = blob;
            _context = context;
            _download = new ResumableBlobStream(blobClient, retry, uris, blob, context);
        }

        public long LinesRead => _lines?.LinesRead ?? _linesRead;
        public long BytesDownloaded => _download.BytesRead;
        public int Resumes => _download.Resumes;

        /// <summary>Up to <paramref name="maxItems"/> lines; an empty list at the end of the file.</summary>
        public async Task<IReadOnlyList<T>> ReadBatchAsync(int maxItems, CancellationToken cancellationToken)
        {
            try
            {
                _lines ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
                return await _lines.ReadBatchAsync(maxItems, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidServiceResponseException($"The export file {_blob.Name} is not valid gzip ({ex.Message}).", _context.CorrelationId.ToString(), null, ex);
            }
            catch (FormatException ex)
            {
                throw new InvalidServiceResponseException(ex.Message, _context.CorrelationId.ToString(), null, ex);
            }
        }

        private async Task<JsonLinesReader<T>> OpenAsync(CancellationToken cancellationToken)
        {
            var head = new byte[2];
            var length = 0;
            int read;
            while (length < head.Length && (read = await _download.ReadAsync(head, length, head.Length - length, cancellationToken).ConfigureAwait(false)) > 0)
                length += read;
            Stream source = new PrefixedStream(head, length, _download);
            _decoded = length == 2 && head[0] == 0x1f && head[1] == 0x8b ? new GZipStream(source, CompressionMode.Decompress) : source;
            return new JsonLinesReader<T>(_decoded, "export file " + _blob.Name);
        }

        public void Dispose()
        {
            _decoded?.Dispose();
            _download.Dispose();
            // The export keeps its readers for their counts until it ends: not their buffers and string caches.
            _linesRead = LinesRead;
            _lines = null;
            _decoded = null;
        }
    }
}
