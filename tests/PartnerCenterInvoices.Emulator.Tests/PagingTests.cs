using System.Net;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

[Collection(EmulatorCollection.Name)]
public sealed class PagingTests(EmulatorFixture fixture)
{
    public static TheoryData<string, int, int> Cases()
    {
        var cases = new TheoryData<string, int, int>();
        foreach (var paging in new[] { "continuation", "offset" })
            foreach (var total in new[] { 0, 1, EmulatorFixture.MainTotal })
                foreach (var size in new[] { 1, 7, 1000 })
                    cases.Add(paging, total, size);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Following_next_links_visits_every_invoice_exactly_once(string paging, int total, int size)
    {
        var (emulator, token) = fixture.Get(paging, total);

        var pages = await InvoicePages.ReadAllAsync(emulator, token, $"v1/invoices?size={size}");

        var ids = InvoicePages.Items(pages).Select(InvoicePages.Id).ToList();
        Assert.Equal(total, ids.Count);
        Assert.Equal(total, ids.Distinct().Count());
        Assert.Equal(Math.Max(1, (total + size - 1) / size), pages.Count);
        foreach (var page in pages)
        {
            // Like the real service, totalCount counts the items of this page, not the collection.
            Assert.Equal(page.GetProperty("items").GetArrayLength(), page.GetProperty("totalCount").GetInt32());
            Assert.Equal("Collection", page.GetProperty("attributes").GetProperty("objectType").GetString());
        }
        Assert.False(pages[^1].GetProperty("links").TryGetProperty("next", out _));
        Assert.False(pages[^1].TryGetProperty("continuationToken", out _));
    }

    [Fact]
    public async Task Both_paging_modes_list_the_same_invoices_in_the_same_order()
    {
        var (offset, offsetToken) = fixture.Get("offset", EmulatorFixture.MainTotal);
        var byOffset = InvoicePages.Items(await InvoicePages.ReadAllAsync(offset, offsetToken, "v1/invoices?size=100")).Select(InvoicePages.Id);
        var byToken = InvoicePages.Items(await InvoicePages.ReadAllAsync(fixture.Main, fixture.MainToken, "v1/invoices?size=100")).Select(InvoicePages.Id);
        Assert.Equal(byOffset, byToken);
    }

    [Fact]
    public async Task Continuation_next_link_carries_the_token_in_its_headers_and_the_query_in_its_uri()
    {
        var filter = """{"Field":"InvoiceDate","Value":"2025-01-01T00:00:00Z","Operator":"greater_than_or_equals"}""";
        using var response = await fixture.Main.GetAsync($"v1/invoices?size=5&invoiceType=Recurring&filter={Uri.EscapeDataString(filter)}", fixture.MainToken);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var links = page.RootElement.GetProperty("links");
        Assert.Equal($"/invoices?size=5&invoiceType=Recurring&filter={Uri.EscapeDataString(filter)}", links.GetProperty("self").GetProperty("uri").GetString());
        var next = links.GetProperty("next");
        Assert.Equal($"/invoices?size=5&seekOperation=Next&invoiceType=Recurring&filter={Uri.EscapeDataString(filter)}", next.GetProperty("uri").GetString());
        Assert.Equal("GET", next.GetProperty("method").GetString());
        var header = Assert.Single(next.GetProperty("headers").EnumerateArray());
        Assert.Equal("MS-ContinuationToken", header.GetProperty("key").GetString());
        Assert.Equal(page.RootElement.GetProperty("continuationToken").GetString(), header.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Offset_next_link_counts_on_in_the_uri_with_no_headers()
    {
        var (offset, token) = fixture.Get("offset", EmulatorFixture.MainTotal);
        using var response = await offset.GetAsync("v1/invoices?size=10&offset=20&invoiceType=OneTime", token);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var next = page.RootElement.GetProperty("links").GetProperty("next");
        Assert.Equal("/invoices?size=10&offset=30&invoiceType=OneTime", next.GetProperty("uri").GetString());
        Assert.Empty(next.GetProperty("headers").EnumerateArray());
        Assert.False(page.RootElement.TryGetProperty("continuationToken", out _));
    }

    [Fact]
    public async Task Offset_skips_that_many_invoices_in_either_mode()
    {
        var all = InvoicePages.Items(await InvoicePages.ReadAllAsync(fixture.Main, fixture.MainToken, "v1/invoices?size=1000")).Select(InvoicePages.Id).ToList();
        foreach (var paging in new[] { "continuation", "offset" })
        {
            var (emulator, token) = fixture.Get(paging, EmulatorFixture.MainTotal);
            var rest = InvoicePages.Items(await InvoicePages.ReadAllAsync(emulator, token, "v1/invoices?size=30&offset=200")).Select(InvoicePages.Id);
            Assert.Equal(all.Skip(200), rest);
        }
    }

    [Fact]
    public async Task Page_size_defaults_to_200()
    {
        using var response = await fixture.Main.GetAsync("v1/invoices", fixture.MainToken);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(200, page.RootElement.GetProperty("totalCount").GetInt32());
        Assert.Equal("/invoices?size=200&seekOperation=Next", page.RootElement.GetProperty("links").GetProperty("next").GetProperty("uri").GetString());
    }

    [Fact]
    public async Task An_offset_past_the_end_is_an_empty_last_page()
    {
        using var response = await fixture.Main.GetAsync("v1/invoices?offset=5000", fixture.MainToken);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, page.RootElement.GetProperty("totalCount").GetInt32());
        Assert.Empty(page.RootElement.GetProperty("items").EnumerateArray());
        Assert.False(page.RootElement.GetProperty("links").TryGetProperty("next", out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task SeekNext_without_a_valid_token_is_a_bad_request(string? token)
    {
        var headers = token is null ? [] : new[] { ("MS-ContinuationToken", token) };
        using var response = await fixture.Main.GetAsync("v1/invoices?size=5&seekOperation=Next", fixture.MainToken, headers);
        await ServiceErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "MS-ContinuationToken");
    }

    [Fact]
    public async Task A_token_from_an_emulator_with_other_data_is_refused()
    {
        using var first = await fixture.Main.GetAsync("v1/invoices?size=5", fixture.MainToken);
        using var page = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        var continuation = page.RootElement.GetProperty("continuationToken").GetString()!;

        await using var other = await EmulatorProcess.StartAsync("--seed", "99");
        using var response = await other.GetAsync("v1/invoices?size=5&seekOperation=Next", await other.GetTokenAsync(), ("MS-ContinuationToken", continuation));
        await ServiceErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "MS-ContinuationToken");
    }
}
