using System.Net;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>--line-items-per-invoice: a million lines a detail, each page as cheap as the first, every line visited once.</summary>
public sealed class ManyLineItemsTests(ManyLineItemsTests.Emulator fixture) : IClassFixture<ManyLineItemsTests.Emulator>
{
    private const int Lines = 1_000_000;
    private readonly EmulatorProcess _emulator = fixture.Process;
    private readonly string _token = fixture.Token;
    private readonly List<JsonElement> _invoices = fixture.Invoices;

    /// <summary>One emulator for the class: 30 invoices of a million lines a detail.</summary>
    public sealed class Emulator : IAsyncLifetime
    {
        public EmulatorProcess Process { get; private set; } = null!;
        public string Token { get; private set; } = "";
        public List<JsonElement> Invoices { get; private set; } = [];

        public async Task InitializeAsync()
        {
            Process = await EmulatorProcess.StartAsync("--invoices", "30", "--seed", "5", "--line-items-per-invoice", $"{Lines}");
            Token = await Process.GetTokenAsync();
            Invoices = InvoicePages.Items(await InvoicePages.ReadAllAsync(Process, Token, "v1/invoices?size=30"));
        }

        public async Task DisposeAsync() => await Process.DisposeAsync();
    }

    [Theory]
    [InlineData("office", 999)]
    [InlineData("marketplace", 1500)]
    public async Task The_first_pages_at_any_size_hold_the_same_lines_once_each(string provider, int size)
    {
        var id = InvoicePages.Id(_invoices.First(i => HasProvider(i, provider)));
        var first = LineItemPages.FirstUri(id, provider, billing: true, size);
        var reference = await ReadAsync(LineItemPages.FirstUri(id, provider, billing: true, 2000), pages: 2);
        var paged = await ReadAsync(first, pages: 2);
        Assert.Equal(reference.Take(paged.Count).Select(l => l.GetRawText()), paged.Select(l => l.GetRawText()));
        Assert.Equal(2 * size, paged.Count);
        Assert.Equal(paged.Count, paged.Select(l => l.GetRawText()).Distinct().Count());
    }

    [Fact]
    public async Task A_page_deep_into_a_million_lines_is_served_at_once_and_the_last_has_no_next_link()
    {
        var id = InvoicePages.Id(_invoices.First(i => HasProvider(i, "azure")));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var response = await _emulator.GetAsync($"v1/invoices/{id}/lineitems/Azure/BillingLineItems?size=2000&offset={Lines - 1500}", _token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1500, page.GetProperty("totalCount").GetInt32());
        Assert.Equal(1500, page.GetProperty("items").GetArrayLength());
        Assert.False(page.GetProperty("links").TryGetProperty("next", out _));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");

        using var beyond = await _emulator.GetAsync($"v1/invoices/{id}/lineitems/Azure/BillingLineItems?offset={Lines + 10}", _token);
        Assert.Equal(0, JsonDocument.Parse(await beyond.Content.ReadAsStringAsync()).RootElement.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task A_continuation_token_resumes_where_the_page_ended()
    {
        var id = InvoicePages.Id(_invoices.First(i => HasProvider(i, "one_time")));
        var lines = await ReadAsync(LineItemPages.FirstUri(id, "one_time", billing: false, 700), pages: 3);
        Assert.Equal(2100, lines.Count);
        Assert.All(lines, l => Assert.Equal("DailyRatedUsageLineItem", l.GetProperty("attributes").GetProperty("objectType").GetString()));
        var reference = await ReadAsync(LineItemPages.FirstUri(id, "one_time", billing: false, 2000), pages: 2);
        Assert.Equal(reference.Take(2100).Select(l => l.GetRawText()), lines.Select(l => l.GetRawText()));
    }

    private static bool HasProvider(JsonElement invoice, string provider) =>
        invoice.GetProperty("invoiceDetails").EnumerateArray().Any(d => d.GetProperty("billingProvider").GetString() == provider);

    // The first `pages` pages, following next links (and their headers) as the module does.
    private async Task<List<JsonElement>> ReadAsync(string uri, int pages)
    {
        var items = new List<JsonElement>();
        var headers = Array.Empty<(string, string)>();
        for (var i = 0; i < pages; i++)
        {
            using var response = await _emulator.GetAsync(uri, _token, headers);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            items.AddRange(page.GetProperty("items").EnumerateArray());
            var next = page.GetProperty("links").GetProperty("next");
            uri = "v1" + next.GetProperty("uri").GetString();
            headers = [.. next.GetProperty("headers").EnumerateArray().Select(h => (h.GetProperty("key").GetString()!, h.GetProperty("value").GetString()!))];
        }
        return items;
    }
}
