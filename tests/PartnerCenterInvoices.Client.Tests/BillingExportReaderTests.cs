using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenterInvoices.BillingExports;
using PartnerCenterInvoices.Http;
using PartnerCenterInvoices.Queries;
using Xunit;

namespace PartnerCenterInvoices.Tests
{
    public class BillingExportReaderTests
    {
        private const string Graph = "https://graph.example/v1.0";
        private const string Storage = "https://acct.blob.example/reconexports/dir";
        private static readonly RetryOptions FastRetry = new RetryOptions(3, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(30));

        private sealed class Service
        {
            public List<string> Requests { get; } = new();
            public string? PostBody;
            public int Polls;
            public int ManifestReads;
            public int RunningPolls = 1;
            public bool Inline;
            public string Status = "succeeded";
            public string? FailureCode;
            public int SasVersion;
            public int ExpireFirstBlobRequests;

            private string Manifest() =>
                $"{{\"id\":\"m1\",\"dataFormat\":\"compressedJSONLines\",\"partitionType\":\"Default\",\"rootDirectory\":\"{Storage}\"," +
                $"\"sasToken\":\"sv=1&sig=s{++SasVersion}\",\"blobCount\":2,\"blobs\":[{{\"name\":\"part-0.json.gz\"}},{{\"name\":\"part-1.json.gz\"}}]}}";

            public HttpResponseMessage Respond(HttpRequestMessage request)
            {
                var uri = request.RequestUri!;
                Requests.Add(request.Method + " " + uri.AbsolutePath);
                if (request.Method == HttpMethod.Post)
                {
                    PostBody = request.Content!.ReadAsStringAsync().Result;
                    var accepted = new HttpResponseMessage(HttpStatusCode.Accepted);
                    accepted.Headers.Location = new Uri(Graph + "/reports/partners/billing/operations/op1");
                    return accepted;
                }
                if (uri.AbsolutePath.EndsWith("/operations/op1"))
                {
                    if (Polls++ < RunningPolls)
                    {
                        var running = FakeApi.Json("{\"@odata.type\":\"#microsoft.graph.partners.billing.runningOperation\",\"id\":\"op1\",\"status\":\"running\"}");
                        running.Headers.TryAddWithoutValidation("Retry-After", "0");
                        return running;
                    }
                    if (FailureCode is not null)
                        return FakeApi.Json($"{{\"@odata.type\":\"#microsoft.graph.partners.billing.failedOperation\",\"id\":\"op1\",\"status\":\"failed\",\"error\":{{\"code\":\"{FailureCode}\",\"message\":\"No data available\"}}}}");
                    return FakeApi.Json($"{{\"id\":\"op1\",\"status\":\"{Status}\"," +
                        (Inline ? $"\"resourceLocation\":{Manifest()}}}" : $"\"resourceLocation@odata.navigationLink\":\"{Graph}/reports/partners/billing/manifests/m1\"}}"));
                }
                if (uri.AbsolutePath.EndsWith("/manifests/m1"))
                {
                    ManifestReads++;
                    return FakeApi.Json(Manifest());
                }
                if (uri.AbsoluteUri.StartsWith(Storage))
                {
                    Assert.Null(request.Headers.Authorization);
                    if (ExpireFirstBlobRequests-- > 0)
                        return new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("\uFEFF<Error><Code>AuthenticationFailed</Code><Message>Signed expiry time has passed</Message></Error>") };
                    var part = uri.AbsolutePath.EndsWith("part-0.json.gz") ? 0 : 1;
                    return new HttpResponseMessage(HttpStatusCode.OK)
                    {
                        Content = new ByteArrayContent(Gzip(Enumerable.Range(part * 100 + 1, 100)
                        .Select(i => $"{{\"InvoiceNumber\":\"G1\",\"Total\":\"{i}\"}}")))
                    };
                }
                return new HttpResponseMessage(HttpStatusCode.NotFound);
            }
        }

        private static byte[] Gzip(IEnumerable<string> lines)
        {
            using var memory = new MemoryStream();
            using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
            {
                var bytes = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
                gzip.Write(bytes, 0, bytes.Length);
            }
            return memory.ToArray();
        }

        private static BillingExportReader<ReconciliationLineItem> Reader(Service service, BillingExportRequest request, BillingExportOptions? options = null)
        {
            var http = new HttpClient(new FakeApi(service.Respond));
            return new BillingExportReader<ReconciliationLineItem>(new GraphRequestSender(http, FastRetry), http, FastRetry, new Uri(Graph), request,
                options ?? new BillingExportOptions(pollInterval: TimeSpan.FromMilliseconds(1)), new RequestContext());
        }

        private static async Task<List<ReconciliationLineItem>> ReadAll(BillingExportReader<ReconciliationLineItem> reader)
        {
            var all = new List<ReconciliationLineItem>();
            while (await reader.ReadNextAsync(CancellationToken.None) is IReadOnlyList<ReconciliationLineItem> batch) all.AddRange(batch);
            return all;
        }

        [Fact]
        public async Task Starts_polls_reads_the_linked_manifest_and_every_file_in_order()
        {
            var service = new Service();
            var reader = Reader(service, BillingExportRequest.Billed(BillingExportKind.Reconciliation, "G1"));

            var lines = await ReadAll(reader);

            Assert.Equal(Enumerable.Range(1, 200).Select(i => (decimal?)i), lines.Select(l => l.Total));
            Assert.Equal("{\"invoiceId\":\"G1\",\"attributeSet\":\"full\"}", service.PostBody);
            Assert.Equal("POST /v1.0/reports/partners/billing/reconciliation/billed/export", service.Requests[0]);
            Assert.Equal(2, reader.Polls);
            Assert.Equal(1, service.ManifestReads);
            Assert.Equal(2, reader.FilesRead);
            Assert.Equal("Done", reader.Phase);
        }

        [Fact]
        public async Task Takes_an_inline_manifest_and_the_completed_spelling_and_renews_an_expired_SAS_by_polling_again()
        {
            var service = new Service { Inline = true, Status = "completed", ExpireFirstBlobRequests = 1 };
            var lines = await ReadAll(Reader(service, BillingExportRequest.Unbilled(BillingExportKind.Reconciliation, "Current", "USD")));
            Assert.Equal(200, lines.Count);
            Assert.Equal(0, service.ManifestReads);
            Assert.Equal(3, service.Polls);
            Assert.Equal(2, service.SasVersion);
        }

        [Fact]
        public async Task Renews_an_expired_SAS_from_the_manifest_link()
        {
            var service = new Service { ExpireFirstBlobRequests = 1 };
            Assert.Equal(200, (await ReadAll(Reader(service, BillingExportRequest.Billed(BillingExportKind.Reconciliation, "G1")))).Count);
            Assert.Equal(2, service.ManifestReads);
        }

        [Fact]
        public async Task A_failed_operation_carries_the_code_the_message_and_advice_for_legacy_invoices()
        {
            var service = new Service { FailureCode = "5000" };
            var error = await Assert.ThrowsAsync<BillingExportException>(() => ReadAll(Reader(service, BillingExportRequest.Billed(BillingExportKind.Reconciliation, "D1"))));
            Assert.Equal(BillingExportFailure.Failed, error.Failure);
            Assert.Equal("5000", error.ServiceCode);
            Assert.Equal("op1", error.OperationId);
            Assert.Contains("No data available", error.Message);
            Assert.Contains("Get-PcInvoiceLineItem -InvoiceId D1", error.Advice);
            Assert.DoesNotContain(service.Requests, r => r.Contains("/manifests/"));
        }

        [Fact]
        public async Task An_export_that_stays_running_ends_at_the_time_budget()
        {
            var service = new Service { RunningPolls = int.MaxValue };
            var reader = Reader(service, BillingExportRequest.Billed(BillingExportKind.Usage, "G1"),
                new BillingExportOptions(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(20)));
            var error = await Assert.ThrowsAsync<BillingExportException>(() => ReadAll(reader));
            Assert.Equal(BillingExportFailure.TimedOut, error.Failure);
            Assert.Contains("last status: running", error.Message);
        }

        [Fact]
        public async Task A_Retry_After_of_zero_does_not_make_it_poll_in_a_tight_loop()
        {
            var service = new Service { RunningPolls = 3 };
            var reader = Reader(service, BillingExportRequest.Billed(BillingExportKind.Reconciliation, "G1"));
            var watch = System.Diagnostics.Stopwatch.StartNew();

            await ReadAll(reader);

            Assert.Equal(4, reader.Polls);
            Assert.True(watch.Elapsed >= TimeSpan.FromTicks(3 * BillingExportReader<ReconciliationLineItem>.MinimumPollWait.Ticks),
                $"three waits of at least {BillingExportReader<ReconciliationLineItem>.MinimumPollWait.TotalMilliseconds} ms, took {watch.ElapsedMilliseconds} ms");
        }
    }
}
