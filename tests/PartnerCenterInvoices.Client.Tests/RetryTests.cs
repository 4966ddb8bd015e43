using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenterInvoices.Http;
using Xunit;

namespace PartnerCenterInvoices.Tests
{
    public class RetryTests
    {
        private const string OnePage = "{\"totalCount\":1,\"items\":[{\"id\":\"A\"}]}";

        private static ApiRequestSender Sender(FakeApi api, int maxRetries = 3, TimeSpan? timeLimit = null) =>
            new ApiRequestSender(new HttpClient(api), new RetryOptions(maxRetries, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(50), timeLimit));

        private static Task<PagedResourceCollection<Invoice>> Get(ApiRequestSender sender, RequestContext? context = null) =>
            sender.GetJsonAsync(new Uri("https://pc.example/v1/invoices"), null, PartnerCenterJsonContext.Default.PagedResourceCollectionInvoice,
                context ?? new RequestContext(), CancellationToken.None);

        private static HttpResponseMessage Status(int status, string? retryAfterSeconds = null)
        {
            var response = FakeApi.Json("{\"code\":1,\"description\":\"busy\"}", (HttpStatusCode)status);
            if (retryAfterSeconds is not null) response.Headers.TryAddWithoutValidation("Retry-After", retryAfterSeconds);
            return response;
        }

        [Theory]
        [InlineData(408)]
        [InlineData(429)]
        [InlineData(500)]
        [InlineData(502)]
        [InlineData(503)]
        [InlineData(504)]
        public async Task Retries_a_transient_status_with_the_same_request_id(int status)
        {
            var calls = 0;
            var api = new FakeApi(_ => ++calls < 3 ? Status(status) : FakeApi.Json(OnePage));

            var page = await Get(Sender(api));

            Assert.Equal("A", Assert.Single(page.Items).Id);
            Assert.Equal(3, api.Requests.Count);
            Assert.Single(api.Requests.Select(r => r.RequestId).Distinct());
        }

        [Theory]
        [InlineData(400)]
        [InlineData(401)]
        [InlineData(403)]
        [InlineData(404)]
        public async Task Does_not_retry_what_asking_again_cannot_fix(int status)
        {
            var api = new FakeApi(_ => Status(status));
            var error = await Assert.ThrowsAsync<PartnerCenterApiException>(() => Get(Sender(api)));
            Assert.Equal(status, (int)error.StatusCode);
            Assert.Single(api.Requests);
        }

        [Fact]
        public async Task Gives_up_after_the_retry_count_with_the_last_service_error()
        {
            var api = new FakeApi(_ => Status(503));
            var error = await Assert.ThrowsAsync<PartnerCenterApiException>(() => Get(Sender(api, maxRetries: 2)));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
            Assert.Equal("busy", error.ServiceMessage);
            Assert.Equal(3, api.Requests.Count);
        }

        [Fact]
        public async Task Waits_as_long_as_Retry_After_says_and_logs_the_retry()
        {
            var calls = 0;
            var api = new FakeApi(_ => ++calls == 1 ? Status(429, "1") : FakeApi.Json(OnePage));
            var log = new ListLog();
            var watch = Stopwatch.StartNew();

            await Get(Sender(api), new RequestContext(log: log));

            Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.95), $"waited only {watch.Elapsed}");
            Assert.Contains(log.Lines, l => l.StartsWith("Retry 1 of 3 for GET /v1/invoices") && l.Contains("429") && l.Contains("Retry-After 1 s"));
        }

        [Theory]
        [InlineData("retry-after-ms", "100")]
        [InlineData("Retry-After", "Thu, 01 Jan 2015 00:00:00 GMT")]
        public async Task Backs_off_exponentially_when_Retry_After_asks_for_less_or_is_already_past(string header, string value)
        {
            // Base 200 ms: back-off alone waits at least 0.8 x (200 + 400 + 800) ms over three retries.
            var api = new FakeApi(_ =>
            {
                var response = Status(429);
                response.Headers.TryAddWithoutValidation(header, value);
                return response;
            });
            var sender = new ApiRequestSender(new HttpClient(api), new RetryOptions(3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10)));
            var watch = Stopwatch.StartNew();

            await Assert.ThrowsAsync<PartnerCenterApiException>(() => Get(sender));

            Assert.Equal(4, api.Requests.Count);
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(1100), $"three retries took only {watch.Elapsed.TotalMilliseconds:0} ms");
        }

        [Fact]
        public async Task Waits_for_Retry_After_when_it_asks_for_more_than_the_back_off()
        {
            var calls = 0;
            var api = new FakeApi(_ =>
            {
                if (++calls > 1) return FakeApi.Json(OnePage);
                var response = Status(429);
                response.Headers.TryAddWithoutValidation("retry-after-ms", "700");
                return response;
            });
            var watch = Stopwatch.StartNew();

            await Get(Sender(api));

            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(650), $"waited only {watch.Elapsed.TotalMilliseconds:0} ms");
        }

        [Fact]
        public async Task Fails_at_once_when_Retry_After_outlasts_the_time_budget()
        {
            var api = new FakeApi(_ => Status(429, "120"));
            var watch = Stopwatch.StartNew();
            var error = await Assert.ThrowsAsync<PartnerCenterApiException>(() => Get(Sender(api, timeLimit: TimeSpan.FromSeconds(10))));
            Assert.Equal(429, (int)error.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
            Assert.Single(api.Requests);
        }

        [Fact]
        public async Task Retries_a_body_cut_off_mid_stream()
        {
            var calls = 0;
            var api = new FakeApi(_ => ++calls == 1
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new FailingStream("{\"totalCount\":1,\"items\":[")) }
                : FakeApi.Json(OnePage));

            var page = await Get(Sender(api));

            Assert.Equal("A", Assert.Single(page.Items).Id);
            Assert.Equal(2, calls);
        }

        [Fact]
        public async Task Retries_a_dropped_connection()
        {
            var calls = 0;
            var api = new FakeApi(_ => ++calls == 1 ? throw new HttpRequestException("Connection reset by peer") : FakeApi.Json(OnePage));
            Assert.Equal("A", Assert.Single((await Get(Sender(api))).Items).Id);
        }

        [Theory]
        [InlineData("SetLength")]
        [InlineData("Write")]
        [InlineData("Flush")]
        public async Task Never_retries_a_document_that_cannot_be_written_locally(string failingCall)
        {
            var api = new FakeApi(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(new byte[1000]) });
            var full = new FullDiskStream(failingCall);

            var error = await Assert.ThrowsAsync<DestinationWriteException>(() =>
                Sender(api).DownloadAsync(new Uri("https://pc.example/v1/invoices/A/documents/statement"), "application/pdf", full,
                    new RequestContext(), CancellationToken.None));

            Assert.IsType<IOException>(error.InnerException);
            Assert.Single(api.Requests);
        }

        /// <summary>A destination that fails one call the way a full disk does.</summary>
        private sealed class FullDiskStream : MemoryStream
        {
            private readonly string _failingCall;
            public FullDiskStream(string failingCall) => _failingCall = failingCall;
            private void Fail(string call) { if (call == _failingCall) throw new IOException("No space left on device"); }
            public override void SetLength(long value) { Fail("SetLength"); base.SetLength(value); }
            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) { Fail("Write"); return base.WriteAsync(buffer, offset, count, cancellationToken); }
            public override Task FlushAsync(CancellationToken cancellationToken) { Fail("Flush"); return base.FlushAsync(cancellationToken); }
        }

        [Theory]
        [InlineData("2")]
        [InlineData(null)]
        public void Reads_Retry_After_as_seconds_or_as_an_http_date(string? seconds)
        {
            var now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
            var response = new HttpResponseMessage((HttpStatusCode)429);
            response.Headers.TryAddWithoutValidation("Retry-After", seconds ?? now.AddSeconds(2).ToString("r"));
            Assert.Equal(TimeSpan.FromSeconds(2), RetryAfter.Read(response, now));
        }

        private sealed class ListLog : IRequestLog
        {
            public System.Collections.Concurrent.ConcurrentQueue<string> Lines { get; } = new();
            public void Write(string message) => Lines.Enqueue(message);
            public void Debug(string message) { }
        }

        /// <summary>Yields some bytes, then fails the way a reset connection does.</summary>
        private sealed class FailingStream : MemoryStream
        {
            public FailingStream(string prefix) : base(System.Text.Encoding.UTF8.GetBytes(prefix)) { }

            public override int Read(byte[] buffer, int offset, int count)
            {
                var read = base.Read(buffer, offset, count);
                return read > 0 ? read : throw new IOException("The response ended prematurely.");
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                Task.FromResult(Read(buffer, offset, count));

            public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            {
                var read = base.Read(buffer.Span);
                return read > 0 ? new ValueTask<int>(read) : throw new IOException("The response ended prematurely.");
            }
        }
    }
}
