using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenterInvoices.Http;

namespace PartnerCenterInvoices.BillingExports
{
    /// <summary>The raw (compressed) bytes of one export file, read forward once; a cut connection resumes with a Range request.</summary>
    /// <remarks>
    /// Resuming happens below decompression, at the byte offset already handed to the reader: the
    /// gzip decoder above never sees the break, so no line is read twice or skipped and nothing is
    /// downloaded twice. (Re-reading from the start and skipping lines would re-download up to a
    /// whole file per fault, and would need the line count to be stable across reads.) The resumed
    /// response must say it starts where the last one stopped (Content-Range) and carry the same ETag,
    /// or the read fails rather than splicing two different files. A 403 means the SAS expired: the
    /// manifest is read again for a fresh one, once per open. Every request goes without an
    /// Authorization header: the SAS is the only credential the storage account gets.
    /// </remarks>
    internal sealed class ResumableBlobStream : Stream
    {
        private static readonly Regex XmlCode = new Regex("<Code>([^<]*)</Code>", RegexOptions.CultureInvariant);
        private static readonly Regex XmlMessage = new Regex("<Message>([^<]*)</Message>", RegexOptions.CultureInvariant | RegexOptions.Singleline);
        private readonly HttpClient _client;
        private readonly RetryPolicy _retry;
        private readonly RetryOptions _options;
        private readonly IBlobUriSource _uris;
        private readonly ExportBlob _blob;
        private readonly RequestContext _context;
        private Uri? _uri;
        private HttpResponseMessage? _response;
        private Stream? _body;
        private string? _etag;
        private long? _length;
        private int _failuresWithoutProgress;

        public ResumableBlobStream(HttpClient client, RetryOptions retry, IBlobUriSource uris, ExportBlob blob, RequestContext context)
        {
            _client = client;
            _options = retry;
            _retry = new RetryPolicy(retry);
            _uris = uris;
            _blob = blob;
            _context = context;
        }

        /// <summary>Bytes handed out so far: where a resumed request starts.</summary>
        public long BytesRead { get; private set; }

        /// <summary>Times the download was picked up again after a cut or a reset.</summary>
        public int Resumes { get; private set; }

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_body is null) await OpenAsync(cancellationToken).ConfigureAwait(false);
                int read;
                // A stalled body never ends a read on its own: each read gets the attempt time limit.
                using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    attempt.CancelAfter(_options.AttemptTimeout);
                    using var abort = attempt.Token.Register(() => _response?.Dispose());
                    try
                    {
                        read = await _body!.ReadAsync(buffer, offset, count, attempt.Token).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (ex is IOException || ex is HttpRequestException || ex is OperationCanceledException || ex is ObjectDisposedException)
                    {
                        // Ctrl+C closes the response too: that is a cancellation, not a cut to resume.
                        if (cancellationToken.IsCancellationRequested) throw new OperationCanceledException("The download was cancelled.", ex, cancellationToken);
                        await ResumeLaterAsync(ex.Message, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                }
                if (read == 0 && _length is long length && BytesRead < length)
                {
                    await ResumeLaterAsync($"the body ended at byte {BytesRead} of {length}", cancellationToken).ConfigureAwait(false);
                    continue;
                }
                BytesRead += read;
                if (read > 0) _failuresWithoutProgress = 0;
                return read;
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        private async Task ResumeLaterAsync(string reason, CancellationToken cancellationToken)
        {
            CloseResponse();
            _failuresWithoutProgress++;
            if (_failuresWithoutProgress > Math.Max(1, _options.MaxRetries))
                throw new InvalidServiceResponseException(
                    $"The export file {_blob.Name} was cut off {_failuresWithoutProgress} times at byte {BytesRead} without progress ({reason}).",
                    _context.CorrelationId.ToString(), null);
            var delay = TimeSpan.FromTicks(Math.Min(_options.MaxDelay.Ticks, _options.BaseDelay.Ticks * (1L << Math.Min(10, _failuresWithoutProgress - 1))));
            Resumes++;
            _context.Log.Write($"Export file {_blob.Name}: {reason}; resuming from byte {BytesRead} in {delay.TotalSeconds:0.0} s.");
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }

        private async Task OpenAsync(CancellationToken cancellationToken)
        {
            var fresh = false;
            while (true)
            {
                _uri ??= await _uris.GetUriAsync(_blob, false, cancellationToken).ConfigureAwait(false);
                try
                {
                    var (response, body) = await _retry.ExecuteAsync(ct => SendAsync(_uri, ct), "GET export file " + _blob.Name, _context, cancellationToken)
                        .ConfigureAwait(false);
                    _response = response;
                    _body = body;
                    return;
                }
                catch (PartnerCenterApiException ex) when (ex.StatusCode == HttpStatusCode.Forbidden && !fresh)
                {
                    // Expired (or otherwise refused) SAS: the manifest mints a new one. Only once: a fresh SAS refused too is an error.
                    _context.Log.Write($"Export file {_blob.Name}: the storage account refused the SAS ({ex.ServiceCode}); reading the manifest again for a fresh one.");
                    fresh = true;
                    _uri = await _uris.GetUriAsync(_blob, true, cancellationToken).ConfigureAwait(false);
                }
                catch (HttpRequestException ex) when (TlsFailure.Find(ex) is not null)
                {
                    throw new UntrustedServerCertificateException(new Uri(_uri.GetLeftPart(UriPartial.Authority)), ex);
                }
                catch (HttpRequestException ex)
                {
                    throw new HttpRequestException($"Could not reach the export's storage at {_uri.GetLeftPart(UriPartial.Authority)}: {ex.Message}", ex);
                }
            }
        }

        private async Task<(HttpResponseMessage, Stream)> SendAsync(Uri uri, CancellationToken cancellationToken)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (BytesRead > 0) request.Headers.Range = new RangeHeaderValue(BytesRead, null);
            request.Headers.TryAddWithoutValidation("x-ms-client-request-id", _context.CorrelationId.ToString());
            request.Headers.Authorization = null;
            // TraceHandler writes the request's verbose line (path only: the query is the SAS), with the byte it resumes from.
            TraceHandler.AttachLog(request, _context.Log);
            var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            try
            {
                var requestId = Header(response, "x-ms-request-id");
                if (!response.IsSuccessStatusCode) throw await ReadErrorAsync(response, uri, requestId, cancellationToken).ConfigureAwait(false);

                var etag = response.Headers.ETag?.Tag;
                if (_etag is not null && etag is not null && etag != _etag)
                    throw new BillingExportException(BillingExportFailure.InvalidExport,
                        $"The export file {_blob.Name} changed while it was read (ETag {_etag}, now {etag}); run the command again.",
                        correlationId: _context.CorrelationId.ToString());
                _etag ??= etag;

                var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.PartialContent)
                {
                    var range = response.Content.Headers.ContentRange;
                    if (range?.From != BytesRead)
                        throw new InvalidServiceResponseException(
                            $"The storage account answered a resume of {_blob.Name} from byte {BytesRead} with the range {range}.", _context.CorrelationId.ToString(), requestId);
                    _length = range.Length ?? _length;
                }
                else
                {
                    _length = response.Content.Headers.ContentLength;
                    // The server ignored Range and sent the whole file: skip what was already handed out.
                    if (BytesRead > 0) await SkipAsync(body, BytesRead, cancellationToken).ConfigureAwait(false);
                }
                return (response, body);
            }
            catch
            {
                response.Dispose();
                throw;
            }
            finally
            {
                request.Dispose();
            }
        }

        private static async Task SkipAsync(Stream body, long count, CancellationToken cancellationToken)
        {
            var buffer = new byte[81920];
            while (count > 0)
            {
                var read = await body.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, count), cancellationToken).ConfigureAwait(false);
                if (read == 0) throw new IOException("The file ended before the point the read had reached.");
                count -= read;
            }
        }

        private async Task<PartnerCenterApiException> ReadErrorAsync(HttpResponseMessage response, Uri uri, string? requestId, CancellationToken cancellationToken)
        {
            string? code = Header(response, "x-ms-error-code"), message = null;
            try
            {
                var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                if (text.Length > 16 * 1024) text = text.Substring(0, 16 * 1024);
                var codeMatch = XmlCode.Match(text);
                if (codeMatch.Success) code = WebUtility.HtmlDecode(codeMatch.Groups[1].Value);
                var messageMatch = XmlMessage.Match(text);
                message = messageMatch.Success ? WebUtility.HtmlDecode(messageMatch.Groups[1].Value) : text.Trim();
                // Azure's message ends with "RequestId:...\nTime:..." lines; the first line says it.
                message = SasRedaction.Redact(message.Split('\n')[0].Trim());
            }
            catch (IOException) when (!cancellationToken.IsCancellationRequested) { }
            catch (HttpRequestException) when (!cancellationToken.IsCancellationRequested) { }
            // The path, never the query: the query is the SAS.
            return new PartnerCenterApiException(response.StatusCode, code, message, "GET", uri.AbsolutePath, _context.CorrelationId.ToString(), requestId,
                RetryAfter.Read(response, DateTimeOffset.UtcNow), PartnerCenterApiException.AzureStorage);
        }

        private static string? Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

        private void CloseResponse()
        {
            _body?.Dispose();
            _response?.Dispose();
            _body = null;
            _response = null;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) CloseResponse();
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
