using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>The export options that change the flow: inline manifests, "completed", polls and time before ready, SAS lifetime, pacing, extra fields, v1 retirement.</summary>
public sealed class GraphExportOptionsTests
{
    private const string Body = """{"currencyCode":"USD","billingPeriod":"current"}""";

    [Fact]
    public async Task Inline_manifests_the_completed_spelling_running_polls_an_extra_field_and_a_paced_slow_blob_host()
    {
        await using var emulator = await EmulatorProcess.StartAsync(GraphEmulatorFixture.Arguments("--manifest-style", "inline", "--operation-status-spelling", "completed",
            "--export-running-polls", "3", "--extra-line-field", "ServiceAddedLater=42", "--blob-bytes-per-second", "100000", "--blob-latency-ms", "400"));
        var token = await GraphExports.GetGraphTokenAsync(emulator);
        var operationUrl = await GraphExports.StartAsync(emulator, token, GraphExports.UnbilledReconciliation, Body);

        for (var poll = 1; poll <= 3; poll++)
        {
            var (running, response) = await GraphExports.PollAsync(emulator, token, operationUrl);
            response.Dispose();
            Assert.Equal(poll == 1 ? "notStarted" : "running", running.GetProperty("status").GetString());
        }
        await Task.Delay(500);
        var (done, last) = await GraphExports.PollAsync(emulator, token, operationUrl);
        last.Dispose();
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.False(done.TryGetProperty("resourceLocation@odata.navigationLink", out _));
        var manifest = done.GetProperty("resourceLocation");
        Assert.Equal(GraphEmulatorFixture.Blobs, manifest.GetProperty("blobCount").GetInt32());

        var clock = Stopwatch.StartNew();
        using (var head = await emulator.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, GraphExports.BlobUrls(manifest).First())))
        {
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.True(head.Content.Headers.ContentLength > 0);
        }
        Assert.True(clock.Elapsed.TotalSeconds >= 0.4, $"HEAD answered in {clock.Elapsed.TotalSeconds:F2} s, before --blob-latency-ms");

        clock.Restart();
        long bytes = 0;
        var lines = new List<JsonElement>();
        foreach (var url in GraphExports.BlobUrls(manifest))
        {
            var blob = await GraphExports.DownloadAsync(emulator, url);
            bytes += blob.Length;
            lines.AddRange(GraphExports.Lines(blob));
        }
        Assert.True(clock.Elapsed.TotalSeconds >= bytes / 100_000.0 * 0.8, $"{bytes} bytes in {clock.Elapsed.TotalSeconds:F2} s: not paced");
        Assert.Equal(GraphEmulatorFixture.Lines, lines.Count);
        Assert.All(lines, l => Assert.Equal("42", l.EnumerateObject().Last().Value.GetString()));
        Assert.All(lines, l => Assert.Equal("ServiceAddedLater", l.EnumerateObject().Last().Name));
    }

    [Fact]
    public async Task An_operation_waits_for_ready_after_seconds_and_a_sas_dies_after_its_lifetime()
    {
        await using var emulator = await EmulatorProcess.StartAsync(GraphEmulatorFixture.Arguments("--export-running-polls", "0",
            "--export-ready-after-seconds", "2", "--sas-lifetime-seconds", "2", "--export-retry-after", "3"));
        var token = await GraphExports.GetGraphTokenAsync(emulator);
        var operationUrl = await GraphExports.StartAsync(emulator, token, GraphExports.BilledUsage,
            $$"""{"invoiceId":"{{GraphExports.FirstInvoiceId(InvoiceType.OneTime)}}"}""");
        var (running, response) = await GraphExports.PollAsync(emulator, token, operationUrl);
        using (response)
        {
            Assert.Equal("#microsoft.graph.partners.billing.runningOperation", running.GetProperty("@odata.type").GetString());
            Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
        }

        await Task.Delay(TimeSpan.FromSeconds(2.2));
        var done = await GraphExports.PollUntilDoneAsync(emulator, token, operationUrl);
        Assert.Equal("succeeded", done.GetProperty("status").GetString());
        var url = GraphExports.BlobUrls(await GraphExports.ManifestAsync(emulator, token, done)).First();
        Assert.NotEmpty(await GraphExports.DownloadAsync(emulator, url));

        await Task.Delay(TimeSpan.FromSeconds(3.1));
        using var expired = await emulator.Client.GetAsync(url);
        await GraphExports.AssertStorageErrorAsync(expired, HttpStatusCode.Forbidden, "AuthenticationFailed", "must be after current time");
    }

    [Fact]
    public async Task Retired_v1_line_items_of_new_commerce_periods_after_March_2025_are_refused_and_others_still_served()
    {
        await using var emulator = await EmulatorProcess.StartAsync("--seed", "11", "--retire-v1-line-items");
        var token = await emulator.GetTokenAsync();
        var newCommerce = GraphExports.FirstInvoiceId(InvoiceType.OneTime);
        using (var modern = await emulator.GetAsync($"v1/invoices/{newCommerce}/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&size=10", token))
        {
            var error = await ServiceErrorAssert.IsAsync(modern, HttpStatusCode.BadRequest, "reconciliation API v2 on Microsoft Graph");
            Assert.Equal(600036, error.GetProperty("code").GetInt32());
        }
        using (var legacyRoute = await emulator.GetAsync($"v1/invoices/{newCommerce}/lineitems/OneTime/UsageLineItems?size=10", token))
            await ServiceErrorAssert.IsAsync(legacyRoute, HttpStatusCode.BadRequest, "March 2025");
        using (var legacyCommerce = await emulator.GetAsync($"v1/invoices/{GraphExports.FirstInvoiceId(InvoiceType.Recurring)}/lineitems/Azure/BillingLineItems?size=10", token))
            Assert.Equal(HttpStatusCode.OK, legacyCommerce.StatusCode);

        // Off by default: the same request is served.
        await using var today = await EmulatorProcess.StartAsync("--seed", "11");
        using var served = await today.GetAsync($"v1/invoices/{newCommerce}/lineitems?provider=onetime&invoicelineitemtype=billinglineitems&size=10", await today.GetTokenAsync());
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Fact]
    public async Task The_blob_files_live_in_a_temp_folder_of_the_process_that_is_deleted_when_it_exits()
    {
        await using var emulator = await EmulatorProcess.StartAsync(GraphEmulatorFixture.Arguments());
        string Pattern() => $"pc-emulator-blobs-{emulator.Process.Id}-*";
        var token = await GraphExports.GetGraphTokenAsync(emulator);
        await GraphExports.ExportAsync(emulator, token, GraphExports.UnbilledUsage, Body);
        var folder = Assert.Single(Directory.GetDirectories(Path.GetTempPath(), Pattern()));
        Assert.Equal(GraphEmulatorFixture.Blobs, Directory.GetFiles(folder, "*.json.gz", SearchOption.AllDirectories).Length);

        Assert.Equal(0, await emulator.TerminateAsync(TimeSpan.FromSeconds(20)));
        Assert.False(Directory.Exists(folder));
    }

    [Theory]
    [InlineData("--export-blobs", "0")]
    [InlineData("--export-lines", "-1")]
    [InlineData("--manifest-style", "embedded")]
    [InlineData("--operation-status-spelling", "done")]
    [InlineData("--sas-lifetime-seconds", "0")]
    [InlineData("--blob-bytes-per-second", "0")]
    [InlineData("--extra-line-field", "NoValue")]
    [InlineData("--no-graph-consent", "")]
    [InlineData("--blob-port", "70000")]
    public void A_bad_export_option_is_refused_with_a_message_naming_it(string option, string value)
    {
        var ex = Assert.Throws<EmulatorOptionsException>(() => EmulatorOptions.Parse([option, value]));
        Assert.Contains(option.TrimStart('-').Split('-')[0], ex.Message);
    }

    [Fact]
    public void Export_options_default_to_what_the_contract_says()
    {
        var options = EmulatorOptions.Parse([]);
        Assert.Equal(1000, options.Exports.LinesPerExport);
        Assert.Equal(3, options.Exports.BlobsPerExport);
        Assert.Equal(1, options.Exports.RunningPolls);
        Assert.Equal(0, options.Exports.ReadyAfterSeconds);
        Assert.Equal(1, options.Exports.RetryAfterSeconds);
        Assert.False(options.Exports.InlineManifest);
        Assert.Equal("succeeded", options.Exports.SucceededStatus);
        Assert.Equal(3600, options.Exports.SasLifetimeSeconds);
        Assert.Null(options.Exports.BlobBytesPerSecond);
        Assert.False(options.RetireV1LineItems);
        Assert.Equal(0, options.BlobPort);
    }
}
