using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>The invoices as a client sees them: every field, believable values, and the same bytes for the same seed.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class InvoiceDataTests(EmulatorFixture fixture)
{
    private static readonly string[] Fields =
    [
        "id", "invoiceDate", "billingPeriodStartDate", "billingPeriodEndDate", "totalCharges", "paidAmount", "currencyCode",
        "currencySymbol", "pdfDownloadLink", "invoiceDetails", "documentType", "invoiceType", "state", "programName",
        "amendments", "taxReceipts", "links", "attributes",
    ];

    [Fact]
    public async Task Every_invoice_has_every_field_with_plausible_values()
    {
        var all = InvoicePages.Items(await InvoicePages.ReadAllAsync(fixture.Main, fixture.MainToken, "v1/invoices?size=1000"));
        foreach (var invoice in all)
        {
            foreach (var field in Fields) Assert.True(invoice.TryGetProperty(field, out _), $"{InvoicePages.Id(invoice)} lacks {field}");
            var id = InvoicePages.Id(invoice);
            Assert.Matches("^[DG][0-9]{9}$", id);
            Assert.Equal("", invoice.GetProperty("pdfDownloadLink").GetString());
            Assert.Contains(invoice.GetProperty("documentType").GetString(), new[] { "invoice", "void_note", "adjustment_note" });
            Assert.Contains(invoice.GetProperty("state").GetString(), new[] { "Open", "Paid", "PastDue" });
            Assert.Equal($"/invoices/{id}", invoice.GetProperty("links").GetProperty("self").GetProperty("uri").GetString());
            Assert.Equal("Invoice", invoice.GetProperty("attributes").GetProperty("objectType").GetString());
            Assert.False(string.IsNullOrEmpty(invoice.GetProperty("attributes").GetProperty("etag").GetString()));
            Assert.True(invoice.GetProperty("billingPeriodStartDate").GetDateTimeOffset() <= invoice.GetProperty("billingPeriodEndDate").GetDateTimeOffset());

            var details = invoice.GetProperty("invoiceDetails").EnumerateArray().ToList();
            Assert.InRange(details.Count, 1, 3);
            foreach (var detail in details)
            {
                Assert.Equal("billing_line_items", detail.GetProperty("invoiceLineItemType").GetString());
                Assert.Contains(detail.GetProperty("billingProvider").GetString(), new[] { "azure", "office", "one_time", "marketplace" });
                Assert.StartsWith($"/invoices/{id}/lineitems/", detail.GetProperty("links").GetProperty("self").GetProperty("uri").GetString());
            }

            var total = invoice.GetProperty("totalCharges").GetDecimal();
            var paid = invoice.GetProperty("paidAmount").GetDecimal();
            Assert.True(Math.Abs(paid) <= Math.Abs(total));
            var places = invoice.GetProperty("currencyCode").GetString() == "JPY" ? 0 : 2;
            Assert.Equal(total, Math.Round(total, places));

            foreach (var amendment in invoice.GetProperty("amendments").EnumerateArray())
            {
                Assert.Equal(id, amendment.GetProperty("amendsOf").GetString());
                Assert.Equal("adjustment_note", amendment.GetProperty("documentType").GetString());
                Assert.StartsWith(id + "-A", InvoicePages.Id(amendment));
            }
        }

        var dates = all.Select(InvoicePages.InvoiceDate).ToList();
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        Assert.Contains(all, i => i.GetProperty("amendments").GetArrayLength() > 0);
        Assert.Contains(all, i => i.GetProperty("taxReceipts").GetArrayLength() > 0);
        Assert.Contains(all, i => i.GetProperty("documentType").GetString() != "invoice");
        Assert.True(all.Select(i => i.GetProperty("currencyCode").GetString()).Distinct().Count() > 3);
        Assert.True(all.Select(i => i.GetProperty("state").GetString()).Distinct().Count() == 3);
        var everyId = all.Select(InvoicePages.Id).Concat(all.SelectMany(i => i.GetProperty("amendments").EnumerateArray().Select(InvoicePages.Id))).ToList();
        Assert.Equal(everyId.Count, everyId.Distinct().Count());
    }

    [Fact]
    public async Task Currency_symbols_are_sent_as_utf8()
    {
        using var response = await fixture.Main.GetAsync("v1/invoices?size=1000", fixture.MainToken);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"currencySymbol\":\"€\"", text);
        Assert.DoesNotContain("\\u20AC", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_same_seed_serves_the_same_bytes_and_another_seed_does_not()
    {
        await using var same = await EmulatorProcess.StartAsync("--seed", $"{EmulatorFixture.Seed}", "--invoices", $"{EmulatorFixture.MainTotal}");
        await using var other = await EmulatorProcess.StartAsync("--seed", "12", "--invoices", $"{EmulatorFixture.MainTotal}");

        async Task<byte[][]> PagesAsync(EmulatorProcess emulator, string token)
        {
            using var first = await emulator.GetAsync("v1/invoices?size=100", token);
            var firstBytes = await first.Content.ReadAsByteArrayAsync();
            var continuation = JsonDocument.Parse(firstBytes).RootElement.GetProperty("continuationToken").GetString()!;
            using var second = await emulator.GetAsync("v1/invoices?size=100&seekOperation=Next", token, ("MS-ContinuationToken", continuation));
            return [firstBytes, await second.Content.ReadAsByteArrayAsync()];
        }

        var expected = await PagesAsync(fixture.Main, fixture.MainToken);
        var actual = await PagesAsync(same, await same.GetTokenAsync());
        Assert.Equal(expected[0], actual[0]);
        Assert.Equal(expected[1], actual[1]);
        Assert.NotEqual(expected[0], (await PagesAsync(other, await other.GetTokenAsync()))[0]);
    }
}
