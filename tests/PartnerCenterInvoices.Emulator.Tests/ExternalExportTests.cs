using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary><c>/_emulator/exports/external</c>: manifests that point at files in another storage service (the Azurite spec's seam).</summary>
/// <remarks>These tests change what the shared emulator's next exports list, so each clears it again.</remarks>
[Collection(GraphEmulatorCollection.Name)]
public sealed class ExternalExportTests(GraphEmulatorFixture fixture)
{
    private const string Root = "http://127.0.0.1:10000/devstoreaccount1/exports/v1/run-1";
    private const string Sas = "sv=2025-05-05&se=2026-12-02T10%3A00%3A00Z&sr=c&sp=rl&sig=c2lnbmF0dXJl";
    private static readonly string[] Names = ["part-00000.json.gz", "part-00001.json.gz", "part-00002.json.gz", "part-00003.json.gz"];

    private EmulatorProcess Emulator => fixture.Emulator;
    private string Token => fixture.GraphToken;
    private static string BilledBody => $$"""{"invoiceId":"{{GraphExports.FirstInvoiceId(InvoiceType.OneTime)}}"}""";

    [Fact]
    public async Task Exports_started_after_the_control_call_list_the_external_files_with_their_sas_as_given_until_it_is_cleared()
    {
        var before = await GraphExports.StartAsync(Emulator, Token, GraphExports.BilledReconciliation, BilledBody);
        try
        {
            using (var set = await Emulator.Client.PostAsJsonAsync("_emulator/exports/external", new { rootDirectory = Root + "/", sasToken = "?" + Sas, blobs = Names }))
            {
                var text = await set.Content.ReadAsStringAsync();
                Assert.True(set.StatusCode == HttpStatusCode.OK, text);
                using var answer = JsonDocument.Parse(text);
                Assert.Equal(Root, answer.RootElement.GetProperty("rootDirectory").GetString());
                Assert.Equal(Names.Length, answer.RootElement.GetProperty("blobCount").GetInt32());
                Assert.DoesNotContain("sig=", text);
            }

            foreach (var (path, body) in new[] { (GraphExports.BilledUsage, BilledBody), (GraphExports.UnbilledReconciliation, """{"currencyCode":"USD","billingPeriod":"current"}""") })
            {
                var manifest = await GraphExports.ExportAsync(Emulator, Token, path, body);
                Assert.Equal(Root, manifest.GetProperty("rootDirectory").GetString());
                Assert.Equal(Sas, manifest.GetProperty("sasToken").GetString());
                Assert.Equal(Names.Length, manifest.GetProperty("blobCount").GetInt32());
                Assert.Equal(Names, manifest.GetProperty("blobs").EnumerateArray().Select(b => b.GetProperty("name").GetString()));
                Assert.All(manifest.GetProperty("blobs").EnumerateArray(), b => Assert.Equal("default", b.GetProperty("partitionValue").GetString()));
                // Read again: the same SAS, not a fresh one (an expired one must stay expired).
                var again = await GraphExports.ManifestAsync(Emulator, Token, await GraphExports.PollUntilDoneAsync(Emulator, Token,
                    await GraphExports.StartAsync(Emulator, Token, path, body)));
                Assert.Equal(Sas, again.GetProperty("sasToken").GetString());
            }

            // An operation started before the call keeps the emulator's own files.
            var earlier = await GraphExports.ManifestAsync(Emulator, Token, await GraphExports.PollUntilDoneAsync(Emulator, Token, before));
            Assert.StartsWith(fixture.BlobBaseUrl + "/reconexports/", earlier.GetProperty("rootDirectory").GetString());

            // A legacy invoice still fails as it would.
            var legacy = await GraphExports.PollUntilDoneAsync(Emulator, Token, await GraphExports.StartAsync(Emulator, Token, GraphExports.BilledReconciliation,
                $$"""{"invoiceId":"{{GraphExports.FirstInvoiceId(InvoiceType.Recurring)}}"}"""));
            Assert.Equal("failed", legacy.GetProperty("status").GetString());
        }
        finally
        {
            using var cleared = await Emulator.Client.DeleteAsync("_emulator/exports/external");
            Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        }

        var own = await GraphExports.ExportAsync(Emulator, Token, GraphExports.BilledReconciliation, BilledBody);
        Assert.StartsWith(fixture.BlobBaseUrl + "/reconexports/", own.GetProperty("rootDirectory").GetString());
        Assert.Equal(GraphEmulatorFixture.Blobs, own.GetProperty("blobCount").GetInt32());
    }

    [Theory]
    [InlineData("""{"sasToken":"sv=1","blobs":["a"]}""", "rootDirectory")]
    [InlineData("""{"rootDirectory":"ftp://127.0.0.1/x","blobs":["a"]}""", "rootDirectory")]
    [InlineData("""{"rootDirectory":"http://127.0.0.1/x?sv=1","blobs":["a"]}""", "rootDirectory")]
    [InlineData("""{"rootDirectory":"http://127.0.0.1/x","blobs":[]}""", "blobs")]
    [InlineData("""{"rootDirectory":"http://127.0.0.1/x","blobs":["a",""]}""", "blobs")]
    [InlineData("""{"rootDirectory":"http://127.0.0.1/x","blobs":"a"}""", "blobs")]
    [InlineData("""{"rootDirectory":"http://127.0.0.1/x","blobs":["a"],"container":"c"}""", "container")]
    [InlineData("""[1]""", "JSON object")]
    public async Task A_bad_body_is_400_naming_what_is_wrong_and_changes_nothing(string body, string named)
    {
        using var response = await Emulator.Client.PostAsync("_emulator/exports/external", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.Contains(named, JsonDocument.Parse(text).RootElement.GetProperty("error").GetString());

        var manifest = await GraphExports.ExportAsync(Emulator, Token, GraphExports.BilledReconciliation, BilledBody);
        Assert.StartsWith(fixture.BlobBaseUrl + "/reconexports/", manifest.GetProperty("rootDirectory").GetString());
    }
}
