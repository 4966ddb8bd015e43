using System.Globalization;
using System.Net;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>Invoice and tax receipt statements: valid PDFs naming the invoice, App+User only, 404 for what is not there.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class StatementTests(EmulatorFixture fixture) : IAsyncLifetime
{
    private string _userToken = "";
    private List<JsonElement> _invoices = [];

    public async Task InitializeAsync()
    {
        using var response = await fixture.Main.Client.PostAsync("_emulator/token?user=admin@contoso.onmicrosoft.com", null);
        response.EnsureSuccessStatusCode();
        _userToken = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
        _invoices = InvoicePages.Items(await InvoicePages.ReadAllAsync(fixture.Main, _userToken, "v1/invoices?size=1000"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_pdf_link_of_an_invoice_read_by_id_leads_to_a_valid_pdf_naming_it()
    {
        var receipts = 0;
        foreach (var listed in _invoices.Where((_, i) => i % 10 == 0).Concat(_invoices.Where(i => i.GetProperty("taxReceipts").GetArrayLength() > 0).Take(5)))
        {
            var id = InvoicePages.Id(listed);
            using var byId = await fixture.Main.GetAsync($"v1/invoices/{id}", _userToken);
            var invoice = JsonDocument.Parse(await byId.Content.ReadAsStringAsync()).RootElement;

            var text = await GetPdfAsync("v1" + invoice.GetProperty("pdfDownloadLink").GetString());
            Assert.Contains($"(Invoice {id})", text);
            Assert.Contains($"(Invoice date: {InvoicePages.InvoiceDate(invoice):yyyy-MM-dd})", text);
            Assert.Contains($"(Currency: {invoice.GetProperty("currencyCode").GetString()})", text);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture,
                $"(Total: {invoice.GetProperty("totalCharges").GetDecimal()} {invoice.GetProperty("currencyCode").GetString()})"), text);

            foreach (var receipt in invoice.GetProperty("taxReceipts").EnumerateArray())
            {
                var receiptId = receipt.GetProperty("id").GetString()!;
                var link = receipt.GetProperty("taxReceiptPdfDownloadLink").GetString();
                Assert.Equal($"/invoices/{id}/receipts/{receiptId}/documents/statement", link);
                var receiptText = await GetPdfAsync("v1" + link);
                Assert.Contains($"(Tax receipt {receiptId})", receiptText);
                Assert.Contains($"(Invoice {id})", receiptText);
                receipts++;
            }
        }
        Assert.True(receipts >= 5);
    }

    [Fact]
    public async Task The_same_invoice_always_gets_the_same_bytes()
    {
        var id = InvoicePages.Id(_invoices[3]);
        using var first = await fixture.Main.GetAsync($"v1/invoices/{id}/documents/statement", _userToken);
        using var second = await fixture.Main.GetAsync($"v1/invoices/{id.ToLowerInvariant()}/documents/statement", _userToken);
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await second.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_receipt_the_invoice_does_not_have_is_404_and_app_only_callers_get_403()
    {
        var without = InvoicePages.Id(_invoices.First(i => i.GetProperty("taxReceipts").GetArrayLength() == 0));
        var with = _invoices.First(i => i.GetProperty("taxReceipts").GetArrayLength() > 0);
        var withId = InvoicePages.Id(with);
        var receiptId = with.GetProperty("taxReceipts")[0].GetProperty("id").GetString()!;
        Assert.Equal("", with.GetProperty("taxReceipts")[0].GetProperty("taxReceiptPdfDownloadLink").GetString());   // lists leave it empty

        using (var response = await fixture.Main.GetAsync($"v1/invoices/{without}/receipts/TR{without[1..]}/documents/statement", _userToken))
            await ServiceErrorAssert.IsAsync(response, HttpStatusCode.NotFound, "tax receipt");
        using (var response = await fixture.Main.GetAsync($"v1/invoices/{withId}/receipts/TR999999999/documents/statement", _userToken))
            await ServiceErrorAssert.IsAsync(response, HttpStatusCode.NotFound, "TR999999999");
        using (var response = await fixture.Main.GetAsync($"v1/invoices/D999999999/receipts/{receiptId}/documents/statement", _userToken))
            await ServiceErrorAssert.IsAsync(response, HttpStatusCode.NotFound, "D999999999");
        using (var response = await fixture.Main.GetAsync($"v1/invoices/{withId}/receipts/{receiptId.ToLowerInvariant()}/documents/statement", _userToken))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var response = await fixture.Main.GetAsync($"v1/invoices/{withId}/receipts/{receiptId}/documents/statement", fixture.MainToken))
            await ServiceErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "App+User");
    }

    private async Task<string> GetPdfAsync(string path)
    {
        using var response = await fixture.Main.GetAsync(path, _userToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.InRange(bytes.Length, 500, 4096);
        return PdfAssert.IsValid(bytes);
    }
}
