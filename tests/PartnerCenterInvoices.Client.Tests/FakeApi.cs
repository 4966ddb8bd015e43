using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerCenterInvoices.Tests
{
    /// <summary>An in-process stand-in for one class's unit tests; the real emulator covers the end-to-end path.</summary>
    internal sealed class FakeApi : HttpMessageHandler
    {
        private readonly Func<HttpRequestMessage, HttpResponseMessage> _respond;

        public FakeApi(Func<HttpRequestMessage, HttpResponseMessage> respond) => _respond = respond;

        public List<(string Uri, string? ContinuationToken, string? Authorization, string? CorrelationId, string? RequestId)> Requests { get; } = new();

        public static HttpResponseMessage Json(string json, HttpStatusCode status = HttpStatusCode.OK) =>
            new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request.RequestUri!.ToString(), Header(request, "MS-ContinuationToken"),
                request.Headers.Authorization?.ToString(), Header(request, "MS-CorrelationId"), Header(request, "MS-RequestId")));
            return Task.FromResult(_respond(request));
        }

        private static string? Header(HttpRequestMessage request, string name) =>
            request.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
    }
}
