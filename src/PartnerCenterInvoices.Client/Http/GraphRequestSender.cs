using System;
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
    /// <summary>Sends Microsoft Graph requests (billing exports) with Graph's tracking headers, retrying each as a whole, and reads Graph's error shape.</summary>
    /// <remarks>
    /// Graph correlates by <c>client-request-id</c> (echoed back) and answers with <c>request-id</c>;
    /// the cmdlet's correlation id goes as client-request-id so one run can be found across both
    /// services. Errors come as <c>{"error":{"code","message","innerError":{...}}}</c>.
    /// </remarks>
    internal sealed class GraphRequestSender
    {
        private const int MaxErrorBodyBytes = 64 * 1024;
        private readonly HttpClient _client;
        private readonly RetryPolicy _retry;

        public GraphRequestSender(HttpClient client, RetryOptions retry)
        {
            _client = client;
            _retry = new RetryPolicy(retry);
        }

        /// <summary>POSTs a JSON body and returns the Location header of the 202 (the operation to poll).</summary>
        public Task<Uri> PostForLocationAsync(Uri uri, byte[] jsonBody, RequestContext context, CancellationToken cancellationToken) =>
            SendWithRetryAsync(HttpMethod.Post, uri, jsonBody, context, cancellationToken, (response, requestId) =>
            {
                var location = response.Headers.Location;
                if (location is null)
                    throw new InvalidServiceResponseException(
                        $"Microsoft Graph answered POST {uri.AbsolutePath} with {(int)response.StatusCode} but no Location header to poll.",
                        context.CorrelationId.ToString(), requestId);
                return Task.FromResult(location.IsAbsoluteUri ? location : new Uri(uri, location));
            });

        /// <summary>GETs JSON, and the Retry-After the service asked for (operations say how long to wait before the next poll).</summary>
        public Task<(T Value, TimeSpan? RetryAfter)> GetJsonAsync<T>(Uri uri, JsonTypeInfo<T> typeInfo, RequestContext context,
            CancellationToken cancellationToken) =>
            SendWithRetryAsync(HttpMethod.Get, uri, null, context, cancellationToken, async (response, requestId) =>
            {
                try
                {
                    using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                    var value = await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false);
                    return (value ?? throw new JsonException("The body is JSON null."), RetryAfter.Read(response, DateTimeOffset.UtcNow));
                }
                catch (JsonException ex)
                {
                    throw new InvalidServiceResponseException(
                        $"Microsoft Graph answered GET {uri.AbsolutePath} with a body that is not valid {typeof(T).Name} JSON ({ex.Message}).",
                        context.CorrelationId.ToString(), requestId, ex);
                }
            });

        private async Task<T> SendWithRetryAsync<T>(HttpMethod method, Uri uri, byte[]? body, RequestContext context,
            CancellationToken cancellationToken, Func<HttpResponseMessage, string, Task<T>> readBody)
        {
            var description = method.Method + " " + uri.AbsolutePath;
            try
            {
                return await _retry.ExecuteAsync(async ct =>
                {
                    using var request = new HttpRequestMessage(method, uri);
                    request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                    request.Headers.TryAddWithoutValidation("client-request-id", context.CorrelationId.ToString());
                    if (body is not null)
                    {
                        request.Content = new ByteArrayContent(body);
                        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                    }
                    TraceHandler.AttachLog(request, context.Log);
                    // TraceHandler writes the request's verbose line.
                    using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                    var requestId = HeaderValue(response, "request-id") ?? string.Empty;
                    using (ct.Register(() => response.Dispose()))
                    {
                        try
                        {
                            if (!response.IsSuccessStatusCode)
                                throw await ReadErrorAsync(response, method, uri, context, requestId, ct).ConfigureAwait(false);
                            return await readBody(response, requestId).ConfigureAwait(false);
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
                throw new HttpRequestException($"Could not reach Microsoft Graph at {uri.GetLeftPart(UriPartial.Authority)}: {ex.Message}", ex);
            }
            catch (IOException ex)
            {
                throw new InvalidServiceResponseException(
                    $"The response to {description} was cut off ({ex.Message}), and retrying did not help.", context.CorrelationId.ToString(), null, ex);
            }
        }

        private static async Task<PartnerCenterApiException> ReadErrorAsync(HttpResponseMessage response, HttpMethod method, Uri uri,
            RequestContext context, string requestId, CancellationToken cancellationToken)
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
                        var error = JsonSerializer.Deserialize(new ReadOnlySpan<byte>(buffer, 0, length), GraphBillingJsonContext.Default.GraphErrorBody)?.Error;
                        code = error?.Code;
                        message = error?.Message;
                        if (string.IsNullOrEmpty(requestId)) requestId = error?.InnerError?.RequestId ?? string.Empty;
                    }
                    catch (JsonException)
                    {
                        message = Encoding.UTF8.GetString(buffer, 0, Math.Min(length, 512)).Trim();
                    }
                }
            }
            catch (IOException) when (!cancellationToken.IsCancellationRequested) { }
            catch (HttpRequestException) when (!cancellationToken.IsCancellationRequested) { }

            var correlationId = HeaderValue(response, "client-request-id") ?? context.CorrelationId.ToString();
            return new PartnerCenterApiException(response.StatusCode, code, message, method.Method, uri.AbsolutePath, correlationId,
                string.IsNullOrEmpty(requestId) ? null : requestId, RetryAfter.Read(response, DateTimeOffset.UtcNow), PartnerCenterApiException.MicrosoftGraph);
        }

        private static string? HeaderValue(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
    }
}
