using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>The blob host: its own origin, gzip JSON-lines parts, SAS rules like Azure Storage's, Range requests, and faults.</summary>
[Collection(GraphEmulatorCollection.Name)]
public sealed class BlobHostTests(GraphEmulatorFixture fixture)
{
    private EmulatorProcess Emulator => fixture.Emulator;

    private Task<JsonElement> ExportAsync(string currency = "USD") =>
        GraphExports.ExportAsync(Emulator, fixture.GraphToken, GraphExports.UnbilledReconciliation, $$"""{"currencyCode":"{{currency}}","billingPeriod":"current"}""");

    [Fact]
    public async Task The_blob_host_is_another_port_and_serves_each_part_as_gzip_json_lines_with_azures_headers()
    {
        Assert.NotEqual(new Uri(Emulator.BaseUrl).Port, new Uri(fixture.BlobBaseUrl).Port);
        var manifest = await ExportAsync();
        var total = 0;
        foreach (var url in GraphExports.BlobUrls(manifest))
        {
            using var response = await Emulator.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
            Assert.Equal([0x1f, 0x8b], bytes[..2]);
            Assert.Equal("bytes", response.Headers.AcceptRanges.Single());
            Assert.NotNull(response.Headers.ETag);
            Assert.NotNull(response.Content.Headers.LastModified);
            Assert.Equal("BlockBlob", response.Headers.GetValues("x-ms-blob-type").Single());
            Assert.NotEmpty(response.Headers.GetValues("x-ms-request-id").Single());
            Assert.NotEmpty(response.Headers.GetValues("x-ms-version").Single());
            total += GraphExports.Lines(bytes).Count;
        }
        Assert.Equal(GraphEmulatorFixture.Lines, total);
    }

    [Theory]
    [InlineData("bytes=10-99", 10, 99)]
    [InlineData("bytes=100-", 100, -1)]
    [InlineData("bytes=-50", -50, -1)]
    public async Task A_range_request_gets_206_with_exactly_those_bytes(string range, int first, int last)
    {
        var url = GraphExports.BlobUrls(await ExportAsync()).First();
        var whole = await GraphExports.DownloadAsync(Emulator, url);
        var from = first < 0 ? whole.Length + first : first;
        var to = last < 0 ? whole.Length - 1 : last;

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Range", range);
        using var response = await Emulator.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"bytes {from}-{to}/{whole.Length}", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(whole[from..(to + 1)], await response.Content.ReadAsByteArrayAsync());

        using var msRange = new HttpRequestMessage(HttpMethod.Get, url);
        msRange.Headers.TryAddWithoutValidation("x-ms-range", $"bytes={from}-{to}");
        using var viaMsRange = await Emulator.Client.SendAsync(msRange);
        Assert.Equal(whole[from..(to + 1)], await viaMsRange.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_range_past_the_end_is_416_InvalidRange()
    {
        var url = GraphExports.BlobUrls(await ExportAsync()).First();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(100_000_000, null);
        using var response = await Emulator.Client.SendAsync(request);
        await GraphExports.AssertStorageErrorAsync(response, HttpStatusCode.RequestedRangeNotSatisfiable, "InvalidRange");
    }

    [Fact]
    public async Task A_tampered_missing_or_misplaced_sas_is_403_AuthenticationFailed()
    {
        var manifest = await ExportAsync();
        var url = GraphExports.BlobUrls(manifest).First();
        var query = url.IndexOf('?');

        using (var tampered = await Emulator.Client.GetAsync(url.Replace("sig=", "sig=x", StringComparison.Ordinal)))
            await GraphExports.AssertStorageErrorAsync(tampered, HttpStatusCode.Forbidden, "AuthenticationFailed", "Signature did not match");
        var later = DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
        var extended = System.Text.RegularExpressions.Regex.Replace(url, "se=[^&]+", "se=" + Uri.EscapeDataString(later));
        using (var longer = await Emulator.Client.GetAsync(extended))
            await GraphExports.AssertStorageErrorAsync(longer, HttpStatusCode.Forbidden, "AuthenticationFailed", "Signature did not match");
        using (var none = await Emulator.Client.GetAsync(url[..query]))
            await GraphExports.AssertStorageErrorAsync(none, HttpStatusCode.Forbidden, "AuthenticationFailed");

        // The same SAS on another export's directory: signed for one directory only.
        var other = GraphExports.BlobUrls(await ExportAsync("EUR")).First();
        using var elsewhere = await Emulator.Client.GetAsync(other[..other.IndexOf('?')] + url[query..]);
        await GraphExports.AssertStorageErrorAsync(elsewhere, HttpStatusCode.Forbidden, "AuthenticationFailed");
    }

    [Fact]
    public async Task A_request_with_an_Authorization_header_is_refused_and_recorded()
    {
        var url = GraphExports.BlobUrls(await ExportAsync()).First();
        await Emulator.ResetStatsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.GraphToken);
        using var response = await Emulator.Client.SendAsync(request);
        await GraphExports.AssertStorageErrorAsync(response, HttpStatusCode.Forbidden, "AuthenticationFailed", "Authorization header");

        using var stats = await Emulator.GetStatsAsync();
        var entry = stats.RootElement.GetProperty("recent").EnumerateArray().Single();
        Assert.Equal("blob", entry.GetProperty("host").GetString());
        Assert.True(entry.GetProperty("hasAuthorization").GetBoolean());
        Assert.Equal("graph", entry.GetProperty("audience").GetString());
        Assert.Equal("", entry.GetProperty("query").GetString());
        Assert.Equal(1, stats.RootElement.GetProperty("blobRequestsByStatus").GetProperty("403").GetInt32());
    }

    [Fact]
    public async Task An_unknown_blob_in_a_signed_directory_is_404_BlobNotFound()
    {
        var manifest = await ExportAsync();
        var url = $"{manifest.GetProperty("rootDirectory").GetString()}/part-99999.json.gz?{manifest.GetProperty("sasToken").GetString()}";
        using var response = await Emulator.Client.GetAsync(url);
        await GraphExports.AssertStorageErrorAsync(response, HttpStatusCode.NotFound, "BlobNotFound");
    }

    [Fact]
    public async Task A_truncate_fault_on_the_blob_prefix_cuts_the_body_after_a_full_Content_Length()
    {
        var url = GraphExports.BlobUrls(await ExportAsync()).First();
        try
        {
            (await Emulator.Client.PostAsJsonAsync("_emulator/faults", new { mode = "truncate", every = 1, pathPrefix = "/reconexports" })).Dispose();
            await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                using var response = await Emulator.Client.GetAsync(url);
                await response.Content.ReadAsByteArrayAsync();
            });
        }
        finally
        {
            (await Emulator.Client.DeleteAsync("_emulator/faults")).Dispose();
        }
        Assert.NotEmpty(await GraphExports.DownloadAsync(Emulator, url));
    }

    [Fact]
    public async Task One_shot_faults_answer_in_each_services_shape_graph_json_and_storage_xml()
    {
        var url = GraphExports.BlobUrls(await ExportAsync()).First();
        try
        {
            (await Emulator.Client.PostAsJsonAsync("_emulator/faults", new { status = 503, count = 1, pathPrefix = "/reconexports" })).Dispose();
            using (var busy = await Emulator.Client.GetAsync(url))
            {
                await GraphExports.AssertStorageErrorAsync(busy, HttpStatusCode.ServiceUnavailable, "ServerBusy");
                Assert.NotNull(busy.Headers.RetryAfter);
            }

            (await Emulator.Client.PostAsJsonAsync("_emulator/faults", new { status = 503, count = 1, pathPrefix = "/v1.0/reports" })).Dispose();
            using (var unavailable = await GraphExports.PostAsync(Emulator, GraphExports.UnbilledUsage, fixture.GraphToken, """{"currencyCode":"USD","billingPeriod":"current"}"""))
            {
                await GraphExports.AssertGraphErrorAsync(unavailable, HttpStatusCode.ServiceUnavailable, "serviceNotAvailable");
                Assert.Equal(TimeSpan.FromSeconds(1), unavailable.Headers.RetryAfter?.Delta);
            }

            (await Emulator.Client.PostAsJsonAsync("_emulator/faults", new { mode = "throttle", every = 1, retryAfterSeconds = 2, pathPrefix = "/v1.0/reports/partners/billing/operations" })).Dispose();
            var operationUrl = await GraphExports.StartAsync(Emulator, fixture.GraphToken, GraphExports.UnbilledUsage, """{"currencyCode":"USD","billingPeriod":"current"}""");
            using var throttled = await Emulator.GetAsync(operationUrl, fixture.GraphToken);
            await GraphExports.AssertGraphErrorAsync(throttled, HttpStatusCode.TooManyRequests, "TooManyRequests");
            Assert.Equal(TimeSpan.FromSeconds(2), throttled.Headers.RetryAfter?.Delta);
        }
        finally
        {
            (await Emulator.Client.DeleteAsync("_emulator/faults")).Dispose();
        }
    }

    [Fact]
    public async Task Graph_and_blob_requests_are_counted_in_the_stats()
    {
        await Emulator.ResetStatsAsync();
        var manifest = await ExportAsync("JPY");
        var bytes = await GraphExports.DownloadAsync(Emulator, GraphExports.BlobUrls(manifest).First());

        using var stats = await Emulator.GetStatsAsync();
        var root = stats.RootElement;
        Assert.Equal(1, root.GetProperty("exportsStarted").GetInt32());
        Assert.True(root.GetProperty("operationPolls").GetInt32() >= 2);
        Assert.Equal(1, root.GetProperty("manifestReads").GetInt32());
        Assert.Equal(1 + root.GetProperty("operationPolls").GetInt32() + 1, root.GetProperty("graphRequests").GetInt32());
        Assert.Equal(1, root.GetProperty("graphRequestsByStatus").GetProperty("202").GetInt32());
        Assert.Equal(1, root.GetProperty("blobRequests").GetInt32());
        Assert.Equal(1, root.GetProperty("blobRequestsByStatus").GetProperty("200").GetInt32());
        Assert.Equal(bytes.Length, root.GetProperty("blobBytesSent").GetInt64());
        Assert.Equal(0, root.GetProperty("apiRequests").GetInt32());
        var recent = root.GetProperty("recent").EnumerateArray().ToList();
        Assert.All(recent.Where(r => r.GetProperty("path").GetString()!.StartsWith("/v1.0", StringComparison.Ordinal)), r =>
        {
            Assert.Equal("graph", r.GetProperty("audience").GetString());
            Assert.Equal("main", r.GetProperty("host").GetString());
        });
        var blob = recent.Single(r => r.GetProperty("host").GetString() == "blob");
        Assert.Equal(JsonValueKind.Null, blob.GetProperty("audience").ValueKind);
        Assert.False(blob.GetProperty("hasAuthorization").GetBoolean());
    }

    [Fact]
    public async Task The_same_seed_serves_the_same_blob_names_and_bytes_in_another_run_and_another_seed_does_not()
    {
        var here = await ExportAsync("DKK");
        await using var again = await EmulatorProcess.StartAsync(GraphEmulatorFixture.Arguments());
        await using var otherSeed = await EmulatorProcess.StartAsync([.. GraphEmulatorFixture.Arguments(), "--seed", "12"]);
        var body = """{"currencyCode":"DKK","billingPeriod":"current"}""";
        var there = await GraphExports.ExportAsync(again, await GraphExports.GetGraphTokenAsync(again), GraphExports.UnbilledReconciliation, body);
        var elsewhere = await GraphExports.ExportAsync(otherSeed, await GraphExports.GetGraphTokenAsync(otherSeed), GraphExports.UnbilledReconciliation, body);

        Assert.Equal(here.GetProperty("blobs").ToString(), there.GetProperty("blobs").ToString());
        foreach (var (mine, theirs) in GraphExports.BlobUrls(here).Zip(GraphExports.BlobUrls(there)))
            Assert.Equal(SHA256.HashData(await GraphExports.DownloadAsync(Emulator, mine)), SHA256.HashData(await GraphExports.DownloadAsync(again, theirs)));
        Assert.NotEqual(SHA256.HashData(await GraphExports.DownloadAsync(Emulator, GraphExports.BlobUrls(here).First())),
            SHA256.HashData(await GraphExports.DownloadAsync(otherSeed, GraphExports.BlobUrls(elsewhere).First())));
    }
}
