using System.Net;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>
/// A second emulator as the "foreign host" of the module's token-leak tests: it presents the first one's certificate
/// (--certificate-pfx-out, --certificate-pfx) and receives its next links (--next-link-base) and statement
/// redirects (--statement-redirect-base), recording whether a request carried an Authorization header.
/// </summary>
[Collection(Name)]
public sealed class ForeignHostTests(ForeignHostTests.Emulators fixture)
{
    // One collection: the tests reset the foreign emulator's stats, so they must not run side by side.
    public const string Name = "Foreign host";

    private readonly EmulatorProcess _foreign = fixture.Foreign;
    private readonly EmulatorProcess _home = fixture.Home;
    private readonly string _userToken = fixture.UserToken;

    /// <summary>The foreign emulator, started first, and the home one that presents its certificate and links to it.</summary>
    public sealed class Emulators : IAsyncLifetime
    {
        private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"pc-emulator-test-{Guid.NewGuid():N}.pfx");

        public EmulatorProcess Foreign { get; private set; } = null!;
        public EmulatorProcess Home { get; private set; } = null!;
        public string UserToken { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Foreign = await EmulatorProcess.StartAsync("--invoices", "20", "--certificate-pfx-out", _pfx);
            Home = await EmulatorProcess.StartAsync("--invoices", "20", "--certificate-pfx", _pfx,
                "--next-link-base", Foreign.BaseUrl, "--statement-redirect-base", Foreign.BaseUrl + "/");
            using var response = await Home.Client.PostAsync("_emulator/token?user=admin@contoso.onmicrosoft.com", null);
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            UserToken = body.RootElement.GetProperty("access_token").GetString()!;
        }

        public async Task DisposeAsync()
        {
            await Home.DisposeAsync();
            await Foreign.DisposeAsync();
            File.Delete(_pfx);
        }
    }

    [Fact]
    public async Task The_second_emulator_presents_the_first_ones_certificate()
    {
        Assert.Equal(_foreign.Certificate.RawData, _home.Certificate.RawData);
        // Each client trusts exactly the certificate its own emulator wrote, so a request proves what is presented.
        using var stats = await _home.Client.GetAsync("_emulator/stats");
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        using var foreignStats = await _foreign.Client.GetAsync("_emulator/stats");
        Assert.Equal(HttpStatusCode.OK, foreignStats.StatusCode);
    }

    [Fact]
    public async Task Next_links_are_absolute_urls_on_the_foreign_host_with_the_usual_query_and_headers()
    {
        var token = await _home.GetTokenAsync();
        using var response = await _home.GetAsync("v1/invoices?size=3&invoiceType=recurring", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var next = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("links").GetProperty("next");
        Assert.Equal(_foreign.BaseUrl + "/v1/invoices?size=3&seekOperation=Next&invoiceType=recurring", next.GetProperty("uri").GetString());
        var header = Assert.Single(next.GetProperty("headers").EnumerateArray());
        Assert.Equal("MS-ContinuationToken", header.GetProperty("key").GetString());

        // A client that leaks the token there is seen doing so: the foreign emulator records the header's presence.
        await _foreign.ResetStatsAsync();
        using var leaked = new HttpRequestMessage(HttpMethod.Get, next.GetProperty("uri").GetString());
        leaked.Headers.Authorization = new("Bearer", token);
        leaked.Headers.TryAddWithoutValidation("MS-ContinuationToken", header.GetProperty("value").GetString());
        using var answer = await _foreign.Client.SendAsync(leaked);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        using var stats = await _foreign.GetStatsAsync();
        var recent = stats.RootElement.GetProperty("recent").EnumerateArray().Single(r => r.GetProperty("path").GetString() == "/v1/invoices");
        Assert.True(recent.GetProperty("hasAuthorization").GetBoolean());
    }

    [Fact]
    public async Task Statements_redirect_to_the_foreign_host_only_for_invoices_there_are()
    {
        var id = await FirstIdAsync();
        using var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.RawData.AsSpan().SequenceEqual(_home.Certificate.RawData),
        };
        using var client = new HttpClient(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{_home.BaseUrl}/v1/invoices/{id.ToLowerInvariant()}/documents/statement");
        request.Headers.Authorization = new("Bearer", _userToken);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal($"{_foreign.BaseUrl}/v1/invoices/{id}/documents/statement", response.Headers.Location?.OriginalString);

        // A tax receipt's statement goes there too.
        var withReceipt = await FirstWithTaxReceiptAsync();
        if (withReceipt is var (invoiceId, receiptId))
        {
            using var receiptRequest = new HttpRequestMessage(HttpMethod.Get, $"{_home.BaseUrl}/v1/invoices/{invoiceId}/receipts/{receiptId}/documents/statement");
            receiptRequest.Headers.Authorization = new("Bearer", _userToken);
            using var receipt = await client.SendAsync(receiptRequest);
            Assert.Equal(HttpStatusCode.Found, receipt.StatusCode);
            Assert.Equal($"{_foreign.BaseUrl}/v1/invoices/{invoiceId}/receipts/{receiptId}/documents/statement", receipt.Headers.Location?.OriginalString);
        }

        // An unknown invoice is still a 404, and an app-only caller still a 403: the redirect comes after the checks.
        using var unknown = await _home.GetAsync("v1/invoices/D999999999/documents/statement", _userToken);
        await ServiceErrorAssert.IsAsync(unknown, HttpStatusCode.NotFound);
        using var appOnly = await _home.GetAsync($"v1/invoices/{id}/documents/statement", await _home.GetTokenAsync());
        await ServiceErrorAssert.IsAsync(appOnly, HttpStatusCode.Forbidden);

        // HttpClient follows the redirect without the Authorization header; the foreign host records exactly that.
        await _foreign.ResetStatsAsync();
        using var followed = await _home.GetAsync($"v1/invoices/{id}/documents/statement", _userToken);
        Assert.Equal(HttpStatusCode.Unauthorized, followed.StatusCode);
        using var stats = await _foreign.GetStatsAsync();
        var recent = Assert.Single(stats.RootElement.GetProperty("recent").EnumerateArray());
        Assert.Equal($"/v1/invoices/{id}/documents/statement", recent.GetProperty("path").GetString());
        Assert.False(recent.GetProperty("hasAuthorization").GetBoolean());
    }

    private async Task<(string Id, string ReceiptId)?> FirstWithTaxReceiptAsync()
    {
        using var response = await _home.GetAsync("v1/invoices?size=20", await _home.GetTokenAsync());
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        foreach (var invoice in page.RootElement.GetProperty("items").EnumerateArray())
            foreach (var receipt in invoice.GetProperty("taxReceipts").EnumerateArray())
                return (InvoicePages.Id(invoice), receipt.GetProperty("id").GetString()!);
        return null;
    }

    private async Task<string> FirstIdAsync()
    {
        using var response = await _home.GetAsync("v1/invoices?size=1", await _home.GetTokenAsync());
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return InvoicePages.Id(page.RootElement.GetProperty("items")[0]);
    }
}

[CollectionDefinition(ForeignHostTests.Name)]
public sealed class ForeignHostCollection : ICollectionFixture<ForeignHostTests.Emulators>;
