using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerCenterInvoices.Http
{
    /// <summary>Writes each request on the wire to the invocation's log: one verbose line, and the redacted headers as debug.</summary>
    /// <remarks>
    /// It sits below the authorization step, so it sees the real Authorization header: that is the
    /// header it must hide. It also sees each attempt, a 401 and its re-send included, which the layers
    /// above see as one request. Bodies are never logged (token requests carry the client secret there).
    /// </remarks>
    internal sealed class TraceHandler : DelegatingHandler
    {
        private const string LogProperty = "PartnerCenterInvoices.RequestLog";
        private readonly bool _pathOnly;

        /// <param name="inner">The transport.</param>
        /// <param name="pathOnly">Show the path without its query in the verbose line (identity requests, and storage
        /// requests, whose query is the SAS).</param>
        public TraceHandler(HttpMessageHandler inner, bool pathOnly = false) : base(inner) => _pathOnly = pathOnly;

        public static void AttachLog(HttpRequestMessage request, IRequestLog log) => request.Properties[LogProperty] = log;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // MSAL builds its own requests: those find the cmdlet call's log through the async flow.
            var log = request.Properties.TryGetValue(LogProperty, out var value) && value is IRequestLog attached ? attached : RequestLogScope.Current;
            if (log is null) return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);

            var requested = request.RequestUri;
            log.Debug($"HTTP request: {request.Method} {SasRedaction.Redact(requested)}{Environment.NewLine}{Headers(request.Headers)}");
            var watch = Stopwatch.StartNew();
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var elapsed = watch.ElapsedMilliseconds;
            // The one verbose line of every request of every service: Partner Center, Graph and storage each name
            // their request id differently, and a resumed download says where it resumed.
            var (idHeader, requestId) = RequestId(request, response);
            var range = request.Headers.Range?.Ranges.FirstOrDefault()?.From is long from ? $" from byte {from}" : string.Empty;
            log.Write($"{request.Method} {(_pathOnly ? requested?.AbsolutePath : SasRedaction.Redact(requested?.PathAndQuery))}{range} -> " +
                $"{(int)response.StatusCode} {response.StatusCode} in {elapsed} ms" + (requestId is null ? string.Empty : $" ({idHeader} {requestId})"));
            // After a redirect RequestUri is the new target, whose query may hold a signature: show its path only.
            var answered = request.RequestUri == requested ? SasRedaction.Redact(requested) : request.RequestUri?.GetLeftPart(UriPartial.Path) + " (redirected)";
            log.Debug($"HTTP response: {(int)response.StatusCode} {response.StatusCode} for {request.Method} {answered} in {elapsed} ms" +
                $"{Environment.NewLine}{Headers(response.Headers)}");
            return response;
        }

        private static readonly string[] RequestIdHeaders = ["MS-RequestId", "request-id", "x-ms-request-id"];

        private static (string Header, string? Value) RequestId(HttpRequestMessage request, HttpResponseMessage response)
        {
            foreach (var name in RequestIdHeaders)
            {
                if (HeaderValue(response.Headers, name) is string value) return (name, value);
            }
            return ("MS-RequestId", HeaderValue(request.Headers, "MS-RequestId"));
        }

        private static string? HeaderValue(HttpHeaders headers, string name) =>
            headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

        internal static string Headers(HttpHeaders headers)
        {
            var text = new StringBuilder();
            foreach (var header in headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
                text.Append("  ").Append(header.Key).Append(": ").AppendLine(Redact(header.Key, header.Value));
            return text.ToString().TrimEnd();
        }

        internal static string Redact(string name, IEnumerable<string> values)
        {
            if (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
            {
                // Keep the scheme: "Bearer" tells the reader a token was sent without showing it.
                var scheme = values.FirstOrDefault()?.Split(' ')[0];
                return (string.IsNullOrEmpty(scheme) ? string.Empty : scheme + " ") + "[redacted]";
            }
            if (IsSensitive(name)) return "[redacted]";
            return string.Join(", ", values);
        }

        private static bool IsSensitive(string name) =>
            new[] { "cookie", "secret", "password", "assertion", "api-key", "apikey" }.Any(word => name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0) ||
            (name.IndexOf("token", StringComparison.OrdinalIgnoreCase) >= 0 && !name.Equals("MS-ContinuationToken", StringComparison.OrdinalIgnoreCase));
    }
}
