using System.Net;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary><c>GET /v1/invoices/{id}</c> and the statement its <c>pdfDownloadLink</c> names, for App+User callers.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class InvoiceByIdTests(EmulatorFixture fixture) : IAsyncLifetime
{
    private string _userToken = "";

    public async Task InitializeAsync()
    {
        using var response = await fixture.Main.Client.PostAsync("_emulator/token?user=admin@contoso.onmicrosoft.com", null);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        _userToken = body.RootElement.GetProperty("access_token").GetString()!;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Every_listed_invoice_reads_by_id_as_listed_with_its_pdf_link_filled_in()
    {
        var listed = InvoicePages.Items(await InvoicePages.ReadAllAsync(fixture.Main, _userToken, "v1/invoices?size=1000"));
        Assert.Equal(EmulatorFixture.MainTotal, listed.Count);

        foreach (var item in listed.Where((_, i) => i % 5 == 0 || i == listed.Count - 1))
        {
            var id = InvoicePages.Id(item);
            using var response = await fixture.Main.GetAsync($"v1/invoices/{id}", _userToken);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{id}: {(int)response.StatusCode} {text}");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

            var invoice = JsonDocument.Parse(text).RootElement;
            Assert.Equal($"/invoices/{id}/documents/statement", invoice.GetProperty("pdfDownloadLink").GetString());
            // Apart from the invoice's own link (nested amendments keep theirs empty), the same bytes as in the list.
            const string empty = "\"pdfDownloadLink\":\"\"";
            var raw = item.GetRawText();
            var at = raw.IndexOf(empty, StringComparison.Ordinal);
            var expected = raw[..at] + $"\"pdfDownloadLink\":\"/invoices/{id}/documents/statement\"" + raw[(at + empty.Length)..];
            // ... and its tax receipt's link, filled in the same way.
            foreach (var receipt in item.GetProperty("taxReceipts").EnumerateArray())
                expected = expected.Replace("\"taxReceiptPdfDownloadLink\":\"\"",
                    $"\"taxReceiptPdfDownloadLink\":\"/invoices/{id}/receipts/{receipt.GetProperty("id").GetString()}/documents/statement\"", StringComparison.Ordinal);
            Assert.Equal(expected, invoice.GetRawText());
        }
    }

    [Fact]
    public async Task An_amendment_reads_by_its_own_id()
    {
        var listed = InvoicePages.Items(await InvoicePages.ReadAllAsync(fixture.Main, _userToken, "v1/invoices?size=1000"));
        var amendment = listed.SelectMany(i => i.GetProperty("amendments").EnumerateArray()).First();
        var id = InvoicePages.Id(amendment);

        using var response = await fixture.Main.GetAsync($"v1/invoices/{id}", _userToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var invoice = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(id, InvoicePages.Id(invoice));
        Assert.Equal(amendment.GetProperty("amendsOf").GetString(), invoice.GetProperty("amendsOf").GetString());
        Assert.Equal(amendment.GetProperty("totalCharges").GetDecimal(), invoice.GetProperty("totalCharges").GetDecimal());
    }

    [Fact]
    public async Task The_statement_is_a_pdf()
    {
        using var response = await fixture.Main.GetAsync("v1/invoices/D000000001/documents/statement", _userToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            // Invoice 1 is a OneTime one under this seed; its id starts with G.
            using var other = await fixture.Main.GetAsync("v1/invoices/G000000001/documents/statement", _userToken);
            await AssertPdfAsync(other, "G000000001");
        }
        else
        {
            await AssertPdfAsync(response, "D000000001");
        }

        using var appOnly = await fixture.Main.GetAsync("v1/invoices/D000000001/documents/statement", fixture.MainToken);
        await ServiceErrorAssert.IsAsync(appOnly, HttpStatusCode.Forbidden, "App+User");

        static async Task AssertPdfAsync(HttpResponseMessage response, string id)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
            var text = System.Text.Encoding.ASCII.GetString(bytes);
            Assert.StartsWith("%PDF-1.4", text);
            Assert.EndsWith("%%EOF\n", text);
            Assert.Contains($"Invoice {id}", text);
            PdfAssert.IsValid(bytes);
        }
    }

    [Theory]
    [InlineData("D999999999")]
    [InlineData("X000000001")]
    [InlineData("D00000001")]
    [InlineData("D0000000001")]
    [InlineData("D000000251")]
    [InlineData("D000000000")]
    [InlineData("D00000000A")]
    [InlineData("D000000001-A9")]
    [InlineData("D000000001-B1")]
    public async Task An_id_that_is_not_one_of_the_invoices_is_404(string id)
    {
        using var response = await fixture.Main.GetAsync($"v1/invoices/{id}", _userToken);
        await ServiceErrorAssert.IsAsync(response, HttpStatusCode.NotFound, id);
        using var statement = await fixture.Main.GetAsync($"v1/invoices/{id}/documents/statement", _userToken);
        await ServiceErrorAssert.IsAsync(statement, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_id_with_the_wrong_type_letter_is_404()
    {
        var first = InvoicePages.Id(InvoicePages.Items(await InvoicePages.ReadAllAsync(fixture.Main, _userToken, "v1/invoices?size=1", maxPages: 1000))[0]);
        var swapped = (first[0] == 'D' ? "G" : "D") + first[1..];
        using var response = await fixture.Main.GetAsync($"v1/invoices/{swapped}", _userToken);
        await ServiceErrorAssert.IsAsync(response, HttpStatusCode.NotFound);
        using var lower = await fixture.Main.GetAsync($"v1/invoices/{first.ToLowerInvariant()}", _userToken);
        Assert.Equal(HttpStatusCode.OK, lower.StatusCode);
    }

    [Fact]
    public async Task Another_method_on_an_invoice_is_405()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "v1/invoices/D000000001");
        request.Headers.Authorization = new("Bearer", _userToken);
        using var response = await fixture.Main.Client.SendAsync(request);
        await ServiceErrorAssert.IsAsync(response, HttpStatusCode.MethodNotAllowed);
    }
}
