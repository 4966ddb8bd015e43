using System.Net;

namespace PartnerCenterInvoices.Emulator.Tests;

[Collection(EmulatorCollection.Name)]
public sealed class QueryValidationTests(EmulatorFixture fixture)
{
    [Theory]
    [InlineData("size=0", "size")]
    [InlineData("size=-1", "size")]
    [InlineData("size=1001", "1000")]
    [InlineData("size=2147483648", "size")]
    [InlineData("size=abc", "size")]
    [InlineData("size=1.5", "size")]
    [InlineData("size=", "size")]
    [InlineData("size=5&size=6", "size")]
    [InlineData("offset=-1", "offset")]
    [InlineData("offset=x", "offset")]
    [InlineData("invoiceType=Monthly", "OneTime")]
    [InlineData("invoiceType=all", "Recurring")]
    [InlineData("seekOperation=Previous", "Next")]
    [InlineData("filter=nonsense", "filter")]
    [InlineData("filter=[]", "filter")]
    [InlineData("filter={\"Field\":\"Nonsense\"}", "InvoiceDate")]
    [InlineData("filter={\"Field\":\"TotalCharges\",\"Value\":\"1\",\"Operator\":\"equals\"}", "InvoiceDate")]
    [InlineData("filter={\"Field\":\"InvoiceDate\",\"Value\":\"2024-01-01\",\"Operator\":\"like\"}", "greater_than")]
    [InlineData("filter={\"Field\":\"InvoiceDate\",\"Value\":\"yesterday\",\"Operator\":\"equals\"}", "date")]
    [InlineData("filter={\"Field\":\"InvoiceDate\",\"Operator\":\"equals\"}", "Value")]
    [InlineData("filter={\"Filters\":[{\"Field\":\"InvoiceDate\",\"Value\":\"2024-01-01\",\"Operator\":\"equals\"}],\"Operator\":\"and\"}", "two or more")]
    [InlineData("filter={\"Filters\":[{\"Field\":\"InvoiceDate\",\"Value\":\"2024-01-01\",\"Operator\":\"equals\"},{\"Field\":\"InvoiceDate\",\"Value\":\"2024-01-02\",\"Operator\":\"equals\"}],\"Operator\":\"xor\"}", "'and' or 'or'")]
    [InlineData("filter={\"Value\":\"2024-01-01\"}", "Field")]
    public async Task Bad_input_is_400_with_a_description_naming_the_problem(string query, string named)
    {
        var correlation = Guid.NewGuid().ToString();
        var encoded = string.Join("&", query.Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=');
            return pair[..(equals + 1)] + Uri.EscapeDataString(pair[(equals + 1)..]);
        }));
        using var response = await fixture.Main.GetAsync($"v1/invoices?{encoded}", fixture.MainToken, ("MS-CorrelationId", correlation));
        await ServiceErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, named);
        Assert.Equal(correlation, response.Headers.GetValues("MS-CorrelationId").Single());
    }

    [Theory]
    [InlineData("SIZE=5")]
    [InlineData("Size=5&InvoiceType=recurring")]
    [InlineData("size=5&OFFSET=3")]
    public async Task Parameter_names_are_case_insensitive(string query)
    {
        using var response = await fixture.Main.GetAsync($"v1/invoices?{query}", fixture.MainToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var page = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(5, page.RootElement.GetProperty("totalCount").GetInt32());
    }
}
