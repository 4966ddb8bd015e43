using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenterInvoices.BillingExports;
using PartnerCenterInvoices.Http;
using Xunit;

namespace PartnerCenterInvoices.Tests
{
    public class ExportFileResumeTests
    {
        private static readonly RetryOptions FastRetry = new RetryOptions(4, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(30));

        /// <summary>A body that throws like a reset connection once <paramref name="cutAt"/> bytes were read.</summary>
        private sealed class CutStream : MemoryStream
        {
            private readonly long _cutAt;
            public CutStream(byte[] bytes, long cutAt) : base(bytes) => _cutAt = cutAt;
            public override int Read(byte[] buffer, int offset, int count)
            {
                if (Position >= _cutAt) throw new IOException("The connection was reset.");
                return base.Read(buffer, offset, (int)Math.Min(count, _cutAt - Position));
            }
            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                Task.FromResult(Read(buffer, offset, count));
        }

        private sealed class Uris : IBlobUriSource
        {
            public int Fresh;
            public Task<Uri> GetUriAsync(ExportBlob blob, bool fresh, CancellationToken cancellationToken)
            {
                if (fresh) Fresh++;
                return Task.FromResult(new Uri($"https://acct.blob.example/c/{blob.Name}?sv=1&sig=v{Fresh}"));
            }
        }

        private static byte[] GzipLines(int count)
        {
            using var memory = new MemoryStream();
            using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
            {
                // Random text so the compressed file is large enough to cut in the middle of many reads.
                var random = new Random(5);
                for (var i = 1; i <= count; i++)
                {
                    var noise = new string(Enumerable.Range(0, 200).Select(_ => (char)random.Next('a', 'z')).ToArray());
                    var line = $"{{\"InvoiceNumber\":\"G1\",\"Total\":{i},\"CustomerName\":\"{noise}\"}}\n";
                    var bytes = Encoding.UTF8.GetBytes(line);
                    gzip.Write(bytes, 0, bytes.Length);
                }
            }
            return memory.ToArray();
        }

        private static HttpResponseMessage Serve(byte[] file, HttpRequestMessage request, long? cutAt = null)
        {
            var from = request.Headers.Range?.Ranges.First().From ?? 0;
            var slice = file.Skip((int)from).ToArray();
            var response = new HttpResponseMessage(from > 0 ? HttpStatusCode.PartialContent : HttpStatusCode.OK)
            {
                Content = new StreamContent(cutAt is long cut ? new CutStream(slice, cut - from) : new MemoryStream(slice)),
            };
            response.Content.Headers.ContentLength = slice.Length;
            if (from > 0) response.Content.Headers.ContentRange = new ContentRangeHeaderValue(from, file.Length - 1, file.Length);
            response.Headers.ETag = new EntityTagHeaderValue("\"v1\"");
            return response;
        }

        private static async Task<List<ReconciliationLineItem>> ReadAll(FakeApi storage, IBlobUriSource uris)
        {
            using var reader = new ExportFileReader<ReconciliationLineItem>(new HttpClient(storage), FastRetry, uris, new ExportBlob { Name = "part-0.json.gz" }, new RequestContext());
            var all = new List<ReconciliationLineItem>();
            IReadOnlyList<ReconciliationLineItem> batch;
            while ((batch = await reader.ReadBatchAsync(100, CancellationToken.None)).Count > 0) all.AddRange(batch);
            return all;
        }

        [Fact]
        public async Task A_body_cut_twice_resumes_from_the_byte_reached_and_every_line_comes_once()
        {
            var file = GzipLines(3000);
            var cuts = new Queue<long>(new[] { file.Length / 3L, file.Length * 2 / 3L });
            var ranges = new List<long>();
            var storage = new FakeApi(request =>
            {
                ranges.Add(request.Headers.Range?.Ranges.First().From ?? 0);
                Assert.Null(request.Headers.Authorization);
                return Serve(file, request, cuts.Count > 0 ? cuts.Dequeue() : null);
            });

            var lines = await ReadAll(storage, new Uris());

            Assert.Equal(Enumerable.Range(1, 3000).Select(i => (decimal?)i), lines.Select(l => l.Total));
            Assert.Equal(3, ranges.Count);
            Assert.Equal(0, ranges[0]);
            Assert.Equal(file.Length / 3L, ranges[1]);
            Assert.Equal(file.Length * 2 / 3L, ranges[2]);
        }

        [Fact]
        public async Task A_body_that_ends_early_without_an_error_is_resumed_too()
        {
            var file = GzipLines(500);
            var first = true;
            var storage = new FakeApi(request =>
            {
                if (!first) return Serve(file, request);
                first = false;
                // Announces the whole length, delivers half, then a clean end of stream.
                var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new MemoryStream(file, 0, file.Length / 2)) };
                response.Content.Headers.ContentLength = file.Length;
                return response;
            });
            Assert.Equal(500, (await ReadAll(storage, new Uris())).Count);
        }

        [Fact]
        public async Task An_expired_SAS_is_replaced_by_a_fresh_one_and_the_read_goes_on_from_where_it_was()
        {
            var file = GzipLines(2000);
            var requests = new List<(string Uri, long From)>();
            var storage = new FakeApi(request =>
            {
                var from = request.Headers.Range?.Ranges.First().From ?? 0;
                requests.Add((request.RequestUri!.Query, from));
                if (requests.Count == 1) return Serve(file, request, file.Length / 2);
                if (request.RequestUri!.Query.Contains("sig=v0"))
                    return new HttpResponseMessage(HttpStatusCode.Forbidden)
                    {
                        Content = new StringContent("<?xml version=\"1.0\"?><Error><Code>AuthenticationFailed</Code><Message>Server failed to authenticate the request.\nRequestId:1</Message></Error>"),
                    };
                return Serve(file, request);
            });
            var uris = new Uris();

            var lines = await ReadAll(storage, uris);

            Assert.Equal(2000, lines.Count);
            Assert.Equal(1, uris.Fresh);
            Assert.Equal(("?sv=1&sig=v1", (long)(file.Length / 2)), requests.Last());
        }

        [Fact]
        public async Task A_refused_fresh_SAS_fails_with_the_storage_code_and_no_signature_in_the_message()
        {
            var storage = new FakeApi(_ => new HttpResponseMessage(HttpStatusCode.Forbidden)
            {
                Content = new StringContent("<Error><Code>AuthenticationFailed</Code><Message>Signed expiry time must be after current time sig=leaked</Message></Error>"),
            });
            var error = await Assert.ThrowsAsync<PartnerCenterApiException>(() => ReadAll(storage, new Uris()));
            Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
            Assert.Equal("AuthenticationFailed", error.ServiceCode);
            Assert.Equal(PartnerCenterApiException.AzureStorage, error.Service);
            Assert.DoesNotContain("leaked", error.Message);
            Assert.DoesNotContain("sig=v", error.Message);
        }

        [Fact]
        public async Task Reads_a_file_that_came_without_gzip_as_plain_JSON_lines()
        {
            var plain = Encoding.UTF8.GetBytes("{\"Total\":1}\n{\"Total\":2}\n");
            var lines = await ReadAll(new FakeApi(request => Serve(plain, request)), new Uris());
            Assert.Equal(new decimal?[] { 1, 2 }, lines.Select(l => l.Total));
        }

        [Fact]
        public async Task A_file_that_changed_between_requests_fails_rather_than_splicing_two_files()
        {
            var file = GzipLines(1000);
            var count = 0;
            var storage = new FakeApi(request =>
            {
                var response = Serve(file, request, ++count == 1 ? file.Length / 2 : null);
                if (count > 1) response.Headers.ETag = new EntityTagHeaderValue("\"v2\"");
                return response;
            });
            var error = await Assert.ThrowsAsync<BillingExportException>(() => ReadAll(storage, new Uris()));
            Assert.Equal(BillingExportFailure.InvalidExport, error.Failure);
        }
    }
}
