using System.Net;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>Follows a collection's next links, with their headers, the way the module does.</summary>
public static class InvoicePages
{
    public static async Task<List<JsonElement>> ReadAllAsync(EmulatorProcess emulator, string token, string firstUri, int maxPages = 10_000)
    {
        var pages = new List<JsonElement>();
        var uri = firstUri;
        var headers = Array.Empty<(string, string)>();
        while (uri is not null)
        {
            Assert.True(pages.Count < maxPages, "The emulator kept handing out next links.");
            using var response = await emulator.GetAsync(uri, token, headers);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {uri} -> {(int)response.StatusCode}: {body}");
            var page = JsonDocument.Parse(body).RootElement.Clone();
            pages.Add(page);

            uri = null;
            if (page.GetProperty("links").TryGetProperty("next", out var next))
            {
                // Link URIs are relative to the version root.
                uri = "v1" + next.GetProperty("uri").GetString();
                headers = [.. next.GetProperty("headers").EnumerateArray()
                    .Select(h => (h.GetProperty("key").GetString()!, h.GetProperty("value").GetString()!))];
            }
        }
        return pages;
    }

    public static List<JsonElement> Items(IEnumerable<JsonElement> pages) =>
        [.. pages.SelectMany(p => p.GetProperty("items").EnumerateArray())];

    public static string Id(JsonElement invoice) => invoice.GetProperty("id").GetString()!;

    public static DateTimeOffset InvoiceDate(JsonElement invoice) => invoice.GetProperty("invoiceDate").GetDateTimeOffset();
}
