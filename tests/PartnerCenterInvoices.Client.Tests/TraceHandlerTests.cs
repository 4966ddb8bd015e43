using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using PartnerCenterInvoices.Http;
using Xunit;

namespace PartnerCenterInvoices.Tests
{
    public class TraceHandlerTests
    {
        private sealed class DebugLog : IRequestLog
        {
            public ConcurrentQueue<string> Lines { get; } = new();
            public void Write(string message) { }
            public void Debug(string message) => Lines.Enqueue(message);
        }

        [Fact]
        public async Task Logs_method_url_status_and_headers_with_credentials_redacted()
        {
            var inner = new FakeApi(_ =>
            {
                var response = FakeApi.Json("{}");
                response.Headers.Add("Set-Cookie", "session=abc");
                response.Headers.Add("MS-CorrelationId", "corr-9");
                return response;
            });
            var client = new HttpClient(new TraceHandler(inner));
            var log = new DebugLog();
            var request = new HttpRequestMessage(HttpMethod.Get, "https://pc.example/v1/invoices?size=5");
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer eyJ.secret.token");
            request.Headers.TryAddWithoutValidation("X-Client-Secret", "hunter2");
            request.Headers.TryAddWithoutValidation("MS-ContinuationToken", "page-2");
            TraceHandler.AttachLog(request, log);

            await client.SendAsync(request);

            var text = string.Join("\n", log.Lines);
            Assert.Contains("HTTP request: GET https://pc.example/v1/invoices?size=5", text);
            Assert.Contains("Authorization: Bearer [redacted]", text);
            Assert.Contains("X-Client-Secret: [redacted]", text);
            Assert.Contains("MS-ContinuationToken: page-2", text);
            Assert.Contains("HTTP response: 200 OK for GET https://pc.example/v1/invoices?size=5 in ", text);
            Assert.Contains("MS-CorrelationId: corr-9", text);
            Assert.Contains("Set-Cookie: [redacted]", text);
            Assert.DoesNotContain("eyJ.secret.token", text);
            Assert.DoesNotContain("hunter2", text);
            Assert.DoesNotContain("session=abc", text);
        }
    }
}
