using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerCenterInvoices.Http
{
    /// <summary>Sends one logical API request with the service's tracking headers, retrying it as a whole, and reads its JSON or its error.</summary>
    internal sealed class ApiRequestSender
    {
        private const int MaxErrorBodyBytes = 64 * 1024;
        private readonly HttpClient _client;
        private readonly RetryPolicy _retry;

        public ApiRequestSender(HttpClient client, RetryOptions? retry = null)
        {
            _client = client;
            _retry = new RetryPolicy(retry ?? new RetryOptions());
        }

        public Task<T> GetJsonAsync<T>(Uri uri, IEnumerable<LinkHeader>? linkHeaders, JsonTypeInfo<T> typeInfo,
            RequestContext context, CancellationToken cancellationToken) =>
            SendWithRetryAsync(uri, linkHeaders, "application/json", context, cancellationToken, async (response, correlationId, requestId, ct) =>
            {
                try
                {
                    using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                    var value = await JsonSerializer.DeserializeAsync(stream, typeInfo, ct).ConfigureAwait(false);
                    return value ?? throw new JsonException("The body is JSON null.");
                }
                catch (JsonException ex)
                {
                    throw new InvalidServiceResponseException(
                        $"Partner Center answered GET {uri.AbsolutePath} with a body that is not valid {typeof(T).Name.Split('`')[0]} JSON ({ex.Message}).",
                        correlationId, requestId, ex);
                }
            });

        /// <summary>Streams a document (a PDF statement) into <paramref name="destination"/>, starting it over on every retry.</summary>
        /// <remarks>
        /// Every write to <paramref name="destination"/> (truncating, writing, flushing) that fails is a
        /// <see cref="DestinationWriteException"/>: a full disk is not the service's fault, retrying will
        /// not empty it, and an IOException would be retried as a connection cut off mid-body.
        /// </remarks>
        public Task<long> DownloadAsync(Uri uri, string accept, Stream destination, RequestContext context, CancellationToken cancellationToken) =>
            SendWithRetryAsync(uri, null, accept, context, cancellationToken, async (response, correlationId, requestId, ct) =>
            {
                await WriteLocallyAsync(() => { destination.SetLength(0); return Task.CompletedTask; }).ConfigureAwait(false);
                using var body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                var buffer = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(buffer, 0, buffer.Length, ct).ConfigureAwait(false)) > 0)
                    await WriteLocallyAsync(() => destination.WriteAsync(buffer, 0, read, ct)).ConfigureAwait(false);
                await WriteLocallyAsync(() => destination.FlushAsync(ct)).ConfigureAwait(false);
                return destination.Length;
            });

        private static async Task WriteLocallyAsync(Func<Task> write)
        {
            try
            {
                await write().ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new DestinationWriteException($"Could not write the document: {ex.Message}", ex);
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new DestinationWriteException($"Could not write the document: {ex.Message}", ex);
            }
        }

        private async Task<T> SendWithRetryAsync<T>(Uri uri, IEnumerable<LinkHeader>? linkHeaders, string accept, RequestContext context,
            CancellationToken cancellationToken, Func<HttpResponseMessage, string, string, CancellationToken, Task<T>> readBody)
        {
            // One MS-RequestId for the logical request: the service treats a retry with the same id as the same request.
            var requestId = Guid.NewGuid().ToString();
            var headers = linkHeaders?.Where(h => !string.IsNullOrEmpty(h.Key)).ToList() ?? new List<LinkHeader>();
            var description = "GET " + uri.AbsolutePath;
            try
            {
                return await _retry.ExecuteAsync(async ct =>
                {
                    using var request = CreateRequest(uri, headers, accept, context, requestId);
                    // The trace below writes each attempt's line, a renewal's 401 and re-send included.
                    HttpResponseMessage sent;
                    try
                    {
                        sent = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                    }
                    catch (HttpRequestException ex) when (uri.Scheme == Uri.UriSchemeHttp && TlsFailure.Find(ex) is null && !ct.IsCancellationRequested)
                    {
                        // An https server drops plain http without a word; retrying cannot help, so ask the port once.
                        if (await TlsProbe.SpeaksTlsAsync(uri, ct).ConfigureAwait(false))
                            throw new InvalidEndpointException(uri, $"The endpoint {uri.GetLeftPart(UriPartial.Authority)} is plain http, but the server there " +
                                "speaks https and dropped the request: connect with an https:// -Endpoint.", ex);
                        throw;
                    }
                    using var response = sent;
                    var correlationId = HeaderValue(response, "MS-CorrelationId") ?? context.CorrelationId.ToString();
                    var responseRequestId = HeaderValue(response, "MS-RequestId") ?? requestId;
                    // Stream reads ignore the token on some runtimes (.NET Framework); closing the response
                    // is what reliably ends a read the server has stalled.
                    using (ct.Register(() => response.Dispose()))
                    {
                        try
                        {
                            if (!response.IsSuccessStatusCode)
                                throw await ReadErrorAsync(response, uri, correlationId, responseRequestId, ct).ConfigureAwait(false);
                            return await readBody(response, correlationId, responseRequestId, ct).ConfigureAwait(false);
                        }
                        catch (Exception ex) when (ct.IsCancellationRequested && ex is not OperationCanceledException)
                        {
                            throw new OperationCanceledException("The response was abandoned.", ex, ct);
                        }
                    }
                }, description, context, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (TlsFailure.Find(ex) is not null)
            {
                throw new UntrustedServerCertificateException(uri, ex);
            }
            catch (HttpRequestException ex)
            {
                var cause = ex.InnerException is null ? string.Empty : $" ({Innermost(ex).Message.TrimEnd('.')})";
                throw new HttpRequestException($"Could not reach Partner Center at {uri.GetLeftPart(UriPartial.Authority)}: {ex.Message.TrimEnd('.')}{cause}.", ex);
            }
            catch (IOException ex)
            {
                throw new InvalidServiceResponseException(
                    $"The response to {description} was cut off ({ex.Message}), and retrying did not help.", context.CorrelationId.ToString(), requestId, ex);
            }
        }

        private static HttpRequestMessage CreateRequest(Uri uri, List<LinkHeader> linkHeaders, string accept, RequestContext context, string requestId)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            request.Headers.TryAddWithoutValidation("MS-CorrelationId", context.CorrelationId.ToString());
            request.Headers.TryAddWithoutValidation("MS-RequestId", requestId);
            foreach (var header in linkHeaders) request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            TraceHandler.AttachLog(request, context.Log);
            return request;
        }

        private static async Task<PartnerCenterApiException> ReadErrorAsync(HttpResponseMessage response, Uri uri,
            string correlationId, string requestId, CancellationToken cancellationToken)
        {
            string? code = null, message = null;
            try
            {
                using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                var buffer = new byte[MaxErrorBodyBytes];
                var length = 0;
                int read;
                while (length < buffer.Length && (read = await stream.ReadAsync(buffer, length, buffer.Length - length, cancellationToken).ConfigureAwait(false)) > 0)
                    length += read;
                if (length > 0)
                {
                    try
                    {
                        var body = JsonSerializer.Deserialize(new ReadOnlySpan<byte>(buffer, 0, length), PartnerCenterJsonContext.Default.ServiceErrorBody);
                        code = body?.CodeText;
                        message = body?.Text;
                    }
                    catch (JsonException)
                    {
                        // Not JSON (a proxy's HTML page, say): show the start of it rather than nothing.
                        message = Encoding.UTF8.GetString(buffer, 0, Math.Min(length, 512)).Trim();
                    }
                }
            }
            catch (IOException) when (!cancellationToken.IsCancellationRequested) { }
            catch (HttpRequestException) when (!cancellationToken.IsCancellationRequested) { }

            return new PartnerCenterApiException(response.StatusCode, code, message, "GET", uri.AbsolutePath, correlationId, requestId,
                RetryAfter.Read(response, DateTimeOffset.UtcNow));
        }

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException is not null) ex = ex.InnerException;
            return ex;
        }

        private static string? HeaderValue(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
    }
}
