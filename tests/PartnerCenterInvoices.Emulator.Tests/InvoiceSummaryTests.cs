using System.Net;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary><c>GET /v1/invoices/summaries</c> and the legacy <c>GET /v1/invoices/summary</c>: balances per currency, for App+User callers.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class InvoiceSummaryTests(EmulatorFixture fixture)
{
    private static readonly string[] Fields =
        ["currencyCode", "currencySymbol", "balanceAmount", "accountingDate", "firstInvoiceCreationDate", "latestInvoiceDate", "lastPaymentDate", "lastPaymentAmount", "details"];

    [Fact]
    public async Task There_is_one_summary_per_currency_with_the_balance_of_its_invoices_and_a_part_per_invoice_type()
    {
        var token = await UserTokenAsync(fixture.Main);
        var listed = InvoicePages.Items(await InvoicePages.ReadAllAsync(fixture.Main, token, "v1/invoices?size=1000"));
        var invoices = listed.Concat(listed.SelectMany(i => i.GetProperty("amendments").EnumerateArray())).ToList();

        using var response = await fixture.Main.GetAsync("v1/invoices/summaries", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var collection = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Collection", collection.GetProperty("attributes").GetProperty("objectType").GetString());
        Assert.Equal("/invoices/summaries", collection.GetProperty("links").GetProperty("self").GetProperty("uri").GetString());
        var summaries = collection.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(summaries.Count, collection.GetProperty("totalCount").GetInt32());

        var currencies = invoices.Select(i => i.GetProperty("currencyCode").GetString()!).Distinct().Order().ToList();
        Assert.Equal(currencies, summaries.Select(s => s.GetProperty("currencyCode").GetString()!).Order());
        foreach (var summary in summaries)
        {
            var code = summary.GetProperty("currencyCode").GetString()!;
            var mine = invoices.Where(i => i.GetProperty("currencyCode").GetString() == code).ToList();
            AssertSummary(summary, mine);
            Assert.Equal(mine[0].GetProperty("currencySymbol").GetString(), summary.GetProperty("currencySymbol").GetString());

            var details = summary.GetProperty("details").EnumerateArray().ToList();
            Assert.Equal(["Recurring", "OneTime"], details.Select(d => d.GetProperty("invoiceType").GetString()));
            foreach (var detail in details)
            {
                var part = mine.Where(i => i.GetProperty("invoiceType").GetString() == detail.GetProperty("invoiceType").GetString()).ToList();
                AssertSummary(detail.GetProperty("summary"), part);
            }
            Assert.Equal(summary.GetProperty("balanceAmount").GetDecimal(), details.Sum(d => d.GetProperty("summary").GetProperty("balanceAmount").GetDecimal()));
        }

        // The legacy single summary is the first currency's.
        using var legacy = await fixture.Main.GetAsync("v1/invoices/summary", token);
        Assert.Equal(HttpStatusCode.OK, legacy.StatusCode);
        Assert.Equal(summaries[0].GetRawText(), JsonDocument.Parse(await legacy.Content.ReadAsStringAsync()).RootElement.GetRawText());
    }

    [Fact]
    public async Task Without_invoices_there_are_no_summaries_and_the_legacy_summary_is_a_zero_balance()
    {
        var (emulator, _) = fixture.Get("continuation", 0);
        var token = await UserTokenAsync(emulator);
        using var response = await emulator.GetAsync("v1/invoices/summaries", token);
        var collection = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0, collection.GetProperty("totalCount").GetInt32());
        using var legacy = await emulator.GetAsync("v1/invoices/summary", token);
        var summary = JsonDocument.Parse(await legacy.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(0m, summary.GetProperty("balanceAmount").GetDecimal());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("latestInvoiceDate").ValueKind);
    }

    [Theory]
    [InlineData("v1/invoices/summaries")]
    [InlineData("v1/invoices/summary")]
    public async Task App_only_callers_get_403(string path)
    {
        using var response = await fixture.Main.GetAsync(path, fixture.MainToken);
        await ServiceErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "App+User");
    }

    private static void AssertSummary(JsonElement summary, List<JsonElement> invoices)
    {
        Assert.Equal(Fields.Order(), summary.EnumerateObject().Select(p => p.Name).Where(n => n != "attributes").Order());
        Assert.Equal(invoices.Sum(i => i.GetProperty("totalCharges").GetDecimal() - i.GetProperty("paidAmount").GetDecimal()), summary.GetProperty("balanceAmount").GetDecimal());
        if (invoices.Count == 0)
        {
            Assert.Equal(JsonValueKind.Null, summary.GetProperty("firstInvoiceCreationDate").ValueKind);
            return;
        }
        Assert.Equal(invoices.Min(InvoicePages.InvoiceDate), summary.GetProperty("firstInvoiceCreationDate").GetDateTimeOffset());
        Assert.Equal(invoices.Max(InvoicePages.InvoiceDate), summary.GetProperty("latestInvoiceDate").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero), summary.GetProperty("accountingDate").GetDateTimeOffset());
        var paid = invoices.Where(i => i.GetProperty("paidAmount").GetDecimal() != 0).ToList();
        if (paid.Count > 0)
        {
            var lastPaid = paid.Max(InvoicePages.InvoiceDate);
            Assert.Equal(lastPaid, summary.GetProperty("lastPaymentDate").GetDateTimeOffset());
            Assert.Contains(paid.Where(i => InvoicePages.InvoiceDate(i) == lastPaid), i => i.GetProperty("paidAmount").GetDecimal() == summary.GetProperty("lastPaymentAmount").GetDecimal());
        }
    }

    private static async Task<string> UserTokenAsync(EmulatorProcess emulator)
    {
        using var response = await emulator.Client.PostAsync("_emulator/token?user=admin@contoso.onmicrosoft.com", null);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    }
}
