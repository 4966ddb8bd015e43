using System.Net;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>The four export POSTs, their operations and manifests, as the Graph billing API answers them.</summary>
[Collection(GraphEmulatorCollection.Name)]
public sealed class GraphExportTests(GraphEmulatorFixture fixture)
{
    private EmulatorProcess Emulator => fixture.Emulator;
    private string Token => fixture.GraphToken;
    private static string NewCommerceInvoice => GraphExports.FirstInvoiceId(InvoiceType.OneTime);

    public static TheoryData<string, string> Exports => new()
    {
        { GraphExports.BilledReconciliation, $$"""{"invoiceId":"{{GraphExports.FirstInvoiceId(InvoiceType.OneTime)}}","attributeSet":"full"}""" },
        { GraphExports.UnbilledReconciliation, """{"currencyCode":"USD","billingPeriod":"current","attributeSet":"full"}""" },
        { GraphExports.BilledUsage, $$"""{"invoiceId":"{{GraphExports.FirstInvoiceId(InvoiceType.OneTime)}}","attributeSet":"basic"}""" },
        { GraphExports.UnbilledUsage, """{"currencyCode":"EUR","billingPeriod":"last","attributeSet":"basic"}""" },
    };

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task Each_export_is_accepted_runs_for_one_poll_with_Retry_After_then_succeeds_with_a_manifest_link(string path, string body)
    {
        var operationUrl = await GraphExports.StartAsync(Emulator, Token, path, body);
        Assert.Matches($"^{Emulator.BaseUrl}/v1.0/reports/partners/billing/operations/[0-9a-f-]{{36}}$", operationUrl);

        var (running, first) = await GraphExports.PollAsync(Emulator, Token, operationUrl);
        using (first)
        {
            Assert.Equal("#microsoft.graph.partners.billing.runningOperation", running.GetProperty("@odata.type").GetString());
            Assert.Contains(running.GetProperty("status").GetString(), new[] { "notStarted", "running" });
            Assert.Equal(TimeSpan.FromSeconds(1), first.Headers.RetryAfter?.Delta);
            Assert.EndsWith("Z", running.GetProperty("createdDateTime").GetString());
        }

        var done = await GraphExports.PollUntilDoneAsync(Emulator, Token, operationUrl);
        Assert.Equal("#microsoft.graph.partners.billing.exportSuccessOperation", done.GetProperty("@odata.type").GetString());
        Assert.Equal("succeeded", done.GetProperty("status").GetString());
        Assert.Equal(operationUrl.Split('/')[^1], done.GetProperty("id").GetString());
        var link = done.GetProperty("resourceLocation@odata.navigationLink").GetString()!;
        Assert.StartsWith($"{Emulator.BaseUrl}/v1.0/reports/partners/billing/manifests/", link);

        var manifest = await GraphExports.ManifestAsync(Emulator, Token, done);
        Assert.Equal(link.Split('/')[^1], manifest.GetProperty("id").GetString());
        Assert.Equal("2", manifest.GetProperty("schemaVersion").GetString());
        Assert.Equal("compressedJSON", manifest.GetProperty("dataFormat").GetString());
        Assert.Equal("default", manifest.GetProperty("partitionType").GetString());
        Assert.Equal(EmulatorProcess.TenantId, manifest.GetProperty("partnerTenantId").GetString());
        Assert.StartsWith($"{fixture.BlobBaseUrl}/reconexports/v1/PartnerTenantId={EmulatorProcess.TenantId}/", manifest.GetProperty("rootDirectory").GetString());
        Assert.Matches("^sv=[^&]+&st=[^&]+&se=[^&]+&sr=d&sp=rl&sdd=[0-9]+&sig=[^&]+$", manifest.GetProperty("sasToken").GetString());
        Assert.Equal(GraphEmulatorFixture.Blobs, manifest.GetProperty("blobCount").GetInt32());
        var blobs = manifest.GetProperty("blobs").EnumerateArray().ToList();
        Assert.Equal(GraphEmulatorFixture.Blobs, blobs.Count);
        Assert.All(blobs, b => Assert.Matches("^part-0000[0-2]-[0-9a-f-]{36}\\.c000\\.json\\.gz$", b.GetProperty("name").GetString()));
        Assert.All(blobs, b => Assert.Equal("default", b.GetProperty("partitionValue").GetString()));
    }

    [Fact]
    public async Task The_beta_path_and_the_qualified_action_name_work_as_well()
    {
        var operationUrl = await GraphExports.StartAsync(Emulator, Token,
            "beta/reports/partners/billing/usage/unbilled/microsoft.graph.partners.billing.export", """{"currencyCode":"GBP","billingPeriod":"current"}""");
        Assert.Contains("/beta/reports/partners/billing/operations/", operationUrl);
        Assert.Equal("succeeded", (await GraphExports.PollUntilDoneAsync(Emulator, Token, operationUrl)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("D")]
    [InlineData("unknown")]
    public async Task A_legacy_or_unknown_invoice_is_accepted_and_its_operation_fails_with_code_5000(string which)
    {
        var invoiceId = which == "D" ? GraphExports.FirstInvoiceId(InvoiceType.Recurring) : "G999999999";
        var operationUrl = await GraphExports.StartAsync(Emulator, Token, GraphExports.BilledReconciliation, $$"""{"invoiceId":"{{invoiceId}}"}""");
        var failed = await GraphExports.PollUntilDoneAsync(Emulator, Token, operationUrl);
        Assert.Equal("#microsoft.graph.partners.billing.failedOperation", failed.GetProperty("@odata.type").GetString());
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal("5000", failed.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("No data available", failed.GetProperty("error").GetProperty("message").GetString());
    }

    [Theory]
    [InlineData(GraphExports.BilledReconciliation, "{}", "invoiceId")]
    [InlineData(GraphExports.BilledReconciliation, """{"invoiceId":""}""", "invoiceId")]
    [InlineData(GraphExports.BilledReconciliation, """{"invoiceId":"G000000001","attributeSet":"everything"}""", "attributeSet")]
    [InlineData(GraphExports.BilledUsage, """{"invoiceId":"G000000001","billingPeriod":"current"}""", "billingPeriod")]
    [InlineData(GraphExports.UnbilledReconciliation, """{"billingPeriod":"current"}""", "currencyCode")]
    [InlineData(GraphExports.UnbilledReconciliation, """{"currencyCode":"XYZ","billingPeriod":"current"}""", "currencyCode")]
    [InlineData(GraphExports.UnbilledUsage, """{"currencyCode":"USD","billingPeriod":"previous"}""", "billingPeriod")]
    [InlineData(GraphExports.UnbilledUsage, """{"currencyCode":"USD"}""", "billingPeriod")]
    [InlineData(GraphExports.UnbilledUsage, "not json", "JSON")]
    public async Task Bad_input_is_400_BadRequest_naming_the_field(string path, string body, string named)
    {
        using var response = await GraphExports.PostAsync(Emulator, path, Token, body);
        await GraphExports.AssertGraphErrorAsync(response, HttpStatusCode.BadRequest, "BadRequest", named);
    }

    [Fact]
    public async Task A_body_that_is_not_json_content_is_415()
    {
        using var response = await GraphExports.PostAsync(Emulator, GraphExports.UnbilledUsage, Token, "currencyCode=USD", "application/x-www-form-urlencoded");
        await GraphExports.AssertGraphErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType");
    }

    [Fact]
    public async Task Unknown_operations_manifests_and_paths_are_404_in_graphs_shape_and_the_client_request_id_is_echoed()
    {
        using (var operation = await Emulator.GetAsync($"v1.0/reports/partners/billing/operations/{Guid.NewGuid()}", Token))
            await GraphExports.AssertGraphErrorAsync(operation, HttpStatusCode.NotFound, "NotFound");
        using (var manifest = await Emulator.GetAsync($"v1.0/reports/partners/billing/manifests/{Guid.NewGuid()}", Token))
            await GraphExports.AssertGraphErrorAsync(manifest, HttpStatusCode.NotFound, "NotFound");
        var clientRequestId = Guid.NewGuid().ToString();
        using var path = await Emulator.GetAsync("v1.0/reports/partners/billing/nothing", Token, ("client-request-id", clientRequestId));
        var error = await GraphExports.AssertGraphErrorAsync(path, HttpStatusCode.NotFound, "NotFound");
        Assert.Equal(clientRequestId, error.GetProperty("innerError").GetProperty("client-request-id").GetString());
    }

    [Fact]
    public async Task Each_manifest_read_carries_a_sas_and_after_the_sas_expiry_a_new_one()
    {
        var manifest = await GraphExports.ExportAsync(Emulator, Token, GraphExports.UnbilledReconciliation, """{"currencyCode":"CHF","billingPeriod":"last"}""");
        var url = GraphExports.BlobUrls(manifest).First();
        Assert.NotEmpty(await GraphExports.DownloadAsync(Emulator, url));

        using (var expire = await Emulator.Client.PostAsync("_emulator/sas/expire", null))
            Assert.Equal(HttpStatusCode.NoContent, expire.StatusCode);
        using (var expired = await Emulator.Client.GetAsync(url))
            await GraphExports.AssertStorageErrorAsync(expired, HttpStatusCode.Forbidden, "AuthenticationFailed", "Signed expiry time");

        using var reread = await Emulator.GetAsync($"v1.0/reports/partners/billing/manifests/{manifest.GetProperty("id").GetString()}", Token);
        var fresh = JsonDocument.Parse(await reread.Content.ReadAsStringAsync()).RootElement;
        Assert.NotEqual(manifest.GetProperty("sasToken").GetString(), fresh.GetProperty("sasToken").GetString());
        Assert.Equal(manifest.GetProperty("blobs").ToString(), fresh.GetProperty("blobs").ToString());
        Assert.NotEmpty(await GraphExports.DownloadAsync(Emulator, GraphExports.BlobUrls(fresh).First()));
    }
}
