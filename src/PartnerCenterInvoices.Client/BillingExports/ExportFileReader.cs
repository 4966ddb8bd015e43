using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Net.Http;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenterInvoices.Http;

namespace PartnerCenterInvoices.BillingExports
{
    /// <summary>Reads one export file (gzip JSON lines) into typed lines, a batch at a time, streaming from the storage account.</summary>
    /// <remarks>
    /// The seam for reading several files at once: each reader owns its own download and holds one
    /// buffer of decompressed text, so readers can run side by side without sharing state.
    /// </remarks>
    internal sealed class ExportFileReader<T> : IDisposable where T : class
    {
        private readonly ResumableBlobStream _download;
        private readonly GZipStream _gzip;
        private readonly JsonLinesReader<T> _lines;
        private readonly ExportBlob _blob;
        private readonly RequestContext _context;

        public ExportFileReader(HttpClient blobClient, RetryOptions retry, IBlobUriSource uris, ExportBlob blob, JsonTypeInfo<T> typeInfo,
            RequestContext context)
        {
            _blob = blob;
            _context = context;
            _download = new ResumableBlobStream(blobClient, retry, uris, blob, context);
            _gzip = new GZipStream(_download, CompressionMode.Decompress);
            _lines = new JsonLinesReader<T>(_gzip, typeInfo, "export file " + blob.Name);
        }

        public long LinesRead => _lines.LinesRead;
        public long BytesDownloaded => _download.BytesRead;
        public int Resumes => _download.Resumes;

        /// <summary>Up to <paramref name="maxItems"/> lines; an empty list at the end of the file.</summary>
        public async Task<IReadOnlyList<T>> ReadBatchAsync(int maxItems, CancellationToken cancellationToken)
        {
            try
            {
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

        public void Dispose()
        {
            _gzip.Dispose();
            _download.Dispose();
        }
    }
}
