using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using PartnerCenterInvoices.BillingExports;
using PartnerCenterInvoices.Http;
using PartnerCenterInvoices.Queries;
using Xunit;

namespace PartnerCenterInvoices.Tests
{
    public class JsonLinesReaderTests
    {
        /// <summary>Hands out at most a few bytes per read, so lines straddle every buffer boundary.</summary>
        private sealed class TrickleStream : MemoryStream
        {
            private readonly int _chunk;
            public TrickleStream(byte[] bytes, int chunk) : base(bytes) => _chunk = chunk;
            public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, _chunk));
            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                base.ReadAsync(buffer, offset, Math.Min(count, _chunk), cancellationToken);
        }

        private static async Task<List<ReconciliationLineItem>> ReadAll(string text, int chunk = 7, int bufferSize = 16)
        {
            var reader = new JsonLinesReader<ReconciliationLineItem>(new TrickleStream(Encoding.UTF8.GetBytes(text), chunk), "test", bufferSize);
            var all = new List<ReconciliationLineItem>();
            while (true)
            {
                var batch = await reader.ReadBatchAsync(2, CancellationToken.None);
                if (batch.Count == 0) return all;
                all.AddRange(batch);
            }
        }

        [Fact]
        public async Task Reads_lines_split_across_reads_and_longer_than_the_buffer()
        {
            var lines = Enumerable.Range(1, 25).Select(i => $"{{\"CustomerName\":\"{new string('x', i * 13)}\",\"Total\":{i}.5}}");
            var all = await ReadAll(string.Join("\n", lines) + "\n", chunk: 5, bufferSize: 16);
            Assert.Equal(25, all.Count);
            Assert.Equal(Enumerable.Range(1, 25).Select(i => i + 0.5m), all.Select(l => l.Total!.Value));
            Assert.Equal(25 * 13, all[24].CustomerName!.Length);
        }

        [Fact]
        public async Task Takes_CRLF_a_blank_last_line_a_missing_last_newline_and_a_byte_order_mark()
        {
            Assert.Equal(3, (await ReadAll("\uFEFF{\"Total\":1}\r\n{\"Total\":2}\r\n\r\n{\"Total\":3}")).Count);
            var withBlankLast = await ReadAll("{\"Total\":1}\r\n{\"Total\":2}\r\n\n");
            Assert.Equal(new decimal?[] { 1, 2 }, withBlankLast.Select(l => l.Total));
        }

        [Fact]
        public async Task Matches_keys_case_insensitively_and_reads_numbers_given_as_strings()
        {
            var line = (await ReadAll("{\"customername\":\"Contoso\",\"QUANTITY\":\"3\",\"unitPrice\":\"12.345678\",\"Total\":\"\",\"pcToBcExchangeRate\":1.2E0}\n"))[0];
            Assert.Equal("Contoso", line.CustomerName);
            Assert.Equal(3m, line.Quantity);
            Assert.Equal(12.345678m, line.UnitPrice);
            Assert.Null(line.Total);
            Assert.Equal(1.2m, line.PCToBCExchangeRate);
        }

        [Fact]
        public async Task Keeps_unknown_fields_and_reads_odd_shapes_of_text_fields()
        {
            var line = (await ReadAll("{\"CustomerName\":\"A\",\"NewField\":\"later\",\"NewAmount\":1.25,\"Flag\":true,\"ProductQualifiers\":[\"x\",\"y\"],\"SkuId\":42}\n"))[0];
            var extra = line.GetAdditionalFields();
            Assert.Equal("later", extra["NewField"]);
            Assert.Equal(1.25m, extra["newamount"]);
            Assert.Equal(true, extra["Flag"]);
            Assert.Equal("[\"x\",\"y\"]", line.ProductQualifiers);
            Assert.Equal("42", line.SkuId);
            Assert.Empty((await ReadAll("{\"CustomerName\":\"A\"}\n"))[0].GetAdditionalFields());
        }

        [Fact]
        public async Task Reads_a_date_without_an_offset_as_UTC_whatever_the_machine_zone()
        {
            var usage = new LineItemParser<UsageLineItem>().Parse(Encoding.UTF8.GetBytes("{\"UsageDate\":\"2025-10-03T00:00:00\",\"ChargeStartDate\":\"2025-10-01T00:00:00Z\",\"ChargeEndDate\":\"2025-10-31T00:00:00+02:00\"}"));
            Assert.Equal(new DateTimeOffset(2025, 10, 3, 0, 0, 0, TimeSpan.Zero), usage.UsageDate);
            Assert.Equal(TimeSpan.Zero, usage.UsageDate!.Value.Offset);
            Assert.Equal(new DateTimeOffset(2025, 10, 1, 0, 0, 0, TimeSpan.Zero), usage.ChargeStartDate);
            Assert.Equal(new DateTimeOffset(2025, 10, 30, 22, 0, 0, TimeSpan.Zero), usage.ChargeEndDate!.Value.ToUniversalTime());
            Assert.Equal(TimeSpan.FromHours(2), usage.ChargeEndDate!.Value.Offset);
            Assert.Null(new LineItemParser<UsageLineItem>().Parse(Encoding.UTF8.GetBytes("{\"UsageDate\":\"\"}")).UsageDate);
        }

        [Fact]
        public async Task Names_the_line_that_is_not_JSON()
        {
            var error = await Assert.ThrowsAsync<FormatException>(() => ReadAll("{\"Total\":1}\n{\"Total\":\n"));
            Assert.Contains("Line 2", error.Message);
        }
    }

    public class ExportOperationTests
    {
        private static ExportOperation Parse(string json) => JsonSerializer.Deserialize(json, GraphBillingJsonContext.Default.ExportOperation)!;

        [Theory]
        [InlineData("succeeded")]
        [InlineData("completed")]
        [InlineData("Succeeded")]
        public void Accepts_every_spelling_of_success(string status)
        {
            var operation = Parse($"{{\"@odata.type\":\"#microsoft.graph.partners.billing.exportSuccessOperation\",\"status\":\"{status}\"," +
                "\"resourceLocation@odata.navigationLink\":\"https://graph.example/v1.0/reports/partners/billing/manifests/m1\"}");
            Assert.True(operation.IsSucceeded);
            Assert.False(operation.IsRunning);
            Assert.Equal("https://graph.example/v1.0/reports/partners/billing/manifests/m1", operation.ManifestLink);
            Assert.Null(operation.InlineManifest());
        }

        [Fact]
        public void Reads_an_inline_manifest_whatever_its_dataFormat_and_partitionType_spelling()
        {
            var operation = Parse("{\"status\":\"succeeded\",\"resourceLocation\":{\"id\":\"m\",\"dataFormat\":\"compressedJSONLines\",\"partitionType\":\"Default\"," +
                "\"rootDirectory\":\"https://acct.blob.example/c/v1/Fragment=full/\",\"sasToken\":\"?sv=1&sig=abc%2B\",\"blobCount\":2," +
                "\"blobs\":[{\"name\":\"part-0.json.gz\",\"partitionValue\":\"default\"},{\"name\":\"part-1.json.gz\",\"partitionValue\":\"default\"}]}}");
            var manifest = operation.InlineManifest()!;
            Assert.Null(operation.ManifestLink);
            Assert.Equal(2, manifest.Blobs.Count);
            Assert.Equal("https://acct.blob.example/c/v1/Fragment=full/part-1.json.gz?sv=1&sig=abc%2B", manifest.BlobUri(manifest.Blobs[1]).AbsoluteUri);
        }

        [Theory]
        [InlineData("http://acct.blob.example/c/v1", false)]
        [InlineData("http://127.0.0.1:10000/devstoreaccount1/c", true)]
        [InlineData("http://localhost:10000/devstoreaccount1/c", true)]
        [InlineData("https://acct.blob.example/c/v1", true)]
        public void Sends_the_SAS_over_plain_http_only_to_this_machine(string rootDirectory, bool allowed)
        {
            var manifest = new ExportManifest { RootDirectory = rootDirectory, SasToken = "sv=1&sig=abc" };
            var blob = new ExportBlob { Name = "part-0.json.gz" };
            if (allowed) Assert.StartsWith(rootDirectory, manifest.BlobUri(blob).AbsoluteUri);
            else Assert.Contains("https", Assert.Throws<FormatException>(() => manifest.BlobUri(blob)).Message);
        }

        [Theory]
        [InlineData("{\"status\":\"notStarted\"}")]
        [InlineData("{\"status\":\"running\"}")]
        [InlineData("{\"status\":\"unknownFutureValue\",\"@odata.type\":\"#microsoft.graph.partners.billing.runningOperation\"}")]
        public void Keeps_waiting_while_not_started_running_or_new(string json) => Assert.True(Parse(json).IsRunning);

        [Fact]
        public void Reads_a_failed_operation_with_its_code_and_message()
        {
            var operation = Parse("{\"@odata.type\":\"#microsoft.graph.partners.billing.failedOperation\",\"status\":\"failed\",\"error\":{\"code\":\"5000\",\"message\":\"No data available\"}}");
            Assert.True(operation.IsFailed);
            Assert.Equal("5000", operation.Error!.Code);
            Assert.Equal("No data available", operation.Error.Message);
        }

        [Fact]
        public void Builds_bodies_in_the_service_spellings_and_refuses_bad_input()
        {
            Assert.Equal("{\"invoiceId\":\"G000000002\",\"attributeSet\":\"basic\"}",
                Encoding.UTF8.GetString(BillingExportRequest.Billed(BillingExportKind.Reconciliation, " G000000002 ", "Basic").ToJsonBody()));
            var unbilled = BillingExportRequest.Unbilled(BillingExportKind.Usage, "Last", "eur");
            Assert.Equal("{\"currencyCode\":\"EUR\",\"billingPeriod\":\"last\",\"attributeSet\":\"full\"}", Encoding.UTF8.GetString(unbilled.ToJsonBody()));
            Assert.Equal("/reports/partners/billing/usage/unbilled/export", unbilled.RelativePath);
            Assert.Throws<InvalidServiceIdException>(() => BillingExportRequest.Billed(BillingExportKind.Usage, "  "));
            Assert.Throws<InvalidServiceIdException>(() => BillingExportRequest.Billed(BillingExportKind.Usage, "../x"));
            Assert.Throws<ArgumentException>(() => BillingExportRequest.Unbilled(BillingExportKind.Usage, "Current", "US"));
            Assert.Throws<ArgumentException>(() => BillingExportRequest.Unbilled(BillingExportKind.Usage, "Current", "U$D"));
        }

        [Fact]
        public void Redacts_the_SAS_signature_wherever_it_appears()
        {
            Assert.Equal("https://a.blob/c/f.gz?sv=2023&se=2026&sig=[redacted]&sp=r",
                SasRedaction.Redact("https://a.blob/c/f.gz?sv=2023&se=2026&sig=AbC%2Bd%3D&sp=r"));
            Assert.Equal("GET x?SIG=[redacted] -> 403", SasRedaction.Redact("GET x?SIG=secret -> 403"));
        }
    }
}
