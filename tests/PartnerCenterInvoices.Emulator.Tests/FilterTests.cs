using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

[Collection(EmulatorCollection.Name)]
public sealed class FilterTests(EmulatorFixture fixture)
{
    private async Task<List<JsonElement>> ReadAsync(string query, string paging = "continuation", int size = 7)
    {
        var (emulator, token) = fixture.Get(paging, EmulatorFixture.MainTotal);
        return InvoicePages.Items(await InvoicePages.ReadAllAsync(emulator, token, $"v1/invoices?size={size}&{query}"));
    }

    private async Task<List<JsonElement>> AllAsync() => await ReadAsync("", size: 1000);

    [Theory]
    [InlineData("continuation")]
    [InlineData("offset")]
    public async Task InvoiceType_selects_one_type_and_the_two_add_up_to_all(string paging)
    {
        var recurring = await ReadAsync("invoiceType=recurring", paging);
        var oneTime = await ReadAsync("invoiceType=one_time", paging);

        Assert.All(recurring, i => Assert.Equal("Recurring", i.GetProperty("invoiceType").GetString()));
        Assert.All(oneTime, i => Assert.Equal("OneTime", i.GetProperty("invoiceType").GetString()));
        Assert.Equal(EmulatorFixture.MainTotal, recurring.Count + oneTime.Count);
        // Roughly 70% recurring.
        Assert.InRange(recurring.Count, 140, 210);

        var all = await AllAsync();
        Assert.Equal(all.Where(i => i.GetProperty("invoiceType").GetString() == "OneTime").Select(InvoicePages.Id), oneTime.Select(InvoicePages.Id));
    }

    [Theory]
    [InlineData("Recurring")]
    [InlineData("RECURRING")]
    [InlineData("OneTime")]
    [InlineData("onetime")]
    [InlineData("One_Time")]
    public async Task InvoiceType_accepts_every_spelling(string spelling)
    {
        var items = await ReadAsync("invoiceType=" + spelling, size: 1000);
        Assert.NotEmpty(items);
        var expected = spelling.Replace("_", "").Equals("recurring", StringComparison.OrdinalIgnoreCase) ? "Recurring" : "OneTime";
        Assert.All(items, i => Assert.Equal(expected, i.GetProperty("invoiceType").GetString()));
    }

    public static TheoryData<string, string> DateFilters() => new()
    {
        { "greater_than_or_equals", "2025-10-25T00:00:00Z" },
        { "greater_than", "2025-10-25T00:00:00Z" },
        { "less_than", "2025-10-25T00:00:00Z" },
        { "less_than_or_equals", "2025-10-25T00:00:00Z" },
        { "equals", "2025-10-25T00:00:00Z" },
        { "not_equals", "2025-10-25T00:00:00Z" },
        { "GreaterThanOrEquals", "2025-10-25" },
        { "less_than", "2020-01-01T00:00:00Z" },
        { "greater_than", "2030-01-01T00:00:00Z" },
    };

    [Theory]
    [MemberData(nameof(DateFilters))]
    public async Task A_date_filter_selects_exactly_the_invoices_whose_date_matches(string op, string value)
    {
        var filter = $$"""{"Field":"InvoiceDate","Value":"{{value}}","Operator":"{{op}}"}""";
        var bound = DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        Func<DateTimeOffset, bool> matches = op.Replace("_", "").ToLowerInvariant() switch
        {
            "greaterthanorequals" => d => d >= bound,
            "greaterthan" => d => d > bound,
            "lessthan" => d => d < bound,
            "lessthanorequals" => d => d <= bound,
            "equals" => d => d == bound,
            _ => d => d != bound,
        };
        var expected = (await AllAsync()).Where(i => matches(InvoicePages.InvoiceDate(i))).Select(InvoicePages.Id).ToList();

        foreach (var paging in new[] { "continuation", "offset" })
        {
            var actual = (await ReadAsync("filter=" + Uri.EscapeDataString(filter), paging)).Select(InvoicePages.Id).ToList();
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task The_date_filter_tests_are_not_vacuous()
    {
        var dates = (await AllAsync()).Select(InvoicePages.InvoiceDate).ToList();
        var bound = new DateTimeOffset(2025, 10, 25, 0, 0, 0, TimeSpan.Zero);
        Assert.Contains(dates, d => d > bound);
        Assert.Contains(dates, d => d < bound);
        Assert.Contains(dates, d => d == bound);
    }

    [Fact]
    public async Task Compound_filters_combine_with_and_and_or_together_with_invoiceType()
    {
        const string range = """{"Filters":[{"Field":"InvoiceDate","Value":"2025-10-20T00:00:00Z","Operator":"greater_than_or_equals"},{"field":"invoice_date","value":"2025-10-28T00:00:00Z","operator":"less_than"}],"Operator":"and"}""";
        const string outside = """{"Filters":[{"Field":"InvoiceDate","Value":"2025-10-20T00:00:00Z","Operator":"less_than"},{"Field":"InvoiceDate","Value":"2025-10-28T00:00:00Z","Operator":"greater_than_or_equals"}],"Operator":"OR"}""";
        var low = new DateTimeOffset(2025, 10, 20, 0, 0, 0, TimeSpan.Zero);
        var high = new DateTimeOffset(2025, 10, 28, 0, 0, 0, TimeSpan.Zero);
        var all = await AllAsync();

        var inRange = (await ReadAsync("invoiceType=OneTime&filter=" + Uri.EscapeDataString(range))).Select(InvoicePages.Id);
        Assert.Equal(all.Where(i => InvoicePages.InvoiceDate(i) >= low && InvoicePages.InvoiceDate(i) < high && i.GetProperty("invoiceType").GetString() == "OneTime")
            .Select(InvoicePages.Id), inRange);
        Assert.NotEmpty(inRange);

        var outOfRange = (await ReadAsync("filter=" + Uri.EscapeDataString(outside), "offset")).Select(InvoicePages.Id);
        Assert.Equal(all.Where(i => InvoicePages.InvoiceDate(i) < low || InvoicePages.InvoiceDate(i) >= high).Select(InvoicePages.Id), outOfRange);
        Assert.NotEmpty(outOfRange);
    }

    [Fact]
    public async Task Nested_compound_filters_work()
    {
        const string nested = """
            {"Operator":"or","Filters":[
              {"Operator":"and","Filters":[
                {"Field":"InvoiceDate","Value":"2025-10-30T00:00:00Z","Operator":"greater_than_or_equals"},
                {"Field":"InvoiceDate","Value":"2025-10-31T00:00:00Z","Operator":"less_than_or_equals"}]},
              {"Field":"InvoiceDate","Value":"2025-10-18T00:00:00Z","Operator":"equals"}]}
            """;
        var all = await AllAsync();
        var expected = all.Where(i =>
        {
            var d = InvoicePages.InvoiceDate(i);
            return (d >= new DateTimeOffset(2025, 10, 30, 0, 0, 0, TimeSpan.Zero) && d <= new DateTimeOffset(2025, 10, 31, 0, 0, 0, TimeSpan.Zero))
                || d == new DateTimeOffset(2025, 10, 18, 0, 0, 0, TimeSpan.Zero);
        }).Select(InvoicePages.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, (await ReadAsync("filter=" + Uri.EscapeDataString(nested), size: 3)).Select(InvoicePages.Id));
    }
}
