namespace PartnerCenterInvoices.Emulator.Tests;

public sealed class InvoiceFilterTests
{
    private static readonly long Day = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private static InvoiceFilter Parse(string json)
    {
        Assert.True(InvoiceFilter.TryParse(json, out var filter, out var problem), problem);
        return filter;
    }

    [Theory]
    [InlineData("equals", nameof(FilterOperator.EqualTo))]
    [InlineData("not_equals", nameof(FilterOperator.NotEqualTo))]
    [InlineData("greater_than", nameof(FilterOperator.GreaterThan))]
    [InlineData("greater_than_or_equals", nameof(FilterOperator.GreaterThanOrEqualTo))]
    [InlineData("less_than", nameof(FilterOperator.LessThan))]
    [InlineData("less_than_or_equals", nameof(FilterOperator.LessThanOrEqualTo))]
    [InlineData("LessThanOrEquals", nameof(FilterOperator.LessThanOrEqualTo))]
    [InlineData("GREATER_THAN", nameof(FilterOperator.GreaterThan))]
    public void Reads_each_operator_in_any_spelling(string op, string expected)
    {
        var filter = Assert.IsType<InvoiceDateComparison>(Parse($$"""{"field":"InvoiceDate","VALUE":"2024-01-01T00:00:00Z","Operator":"{{op}}"}"""));
        Assert.Equal(Enum.Parse<FilterOperator>(expected), filter.Comparison);
        Assert.Equal(Day, filter.ValueTicks);
    }

    [Fact]
    public void Reads_dates_with_offsets_as_instants()
    {
        var filter = Assert.IsType<InvoiceDateComparison>(Parse("""{"Field":"InvoiceDate","Value":"2024-01-01T02:00:00+02:00","Operator":"equals"}"""));
        Assert.Equal(Day, filter.ValueTicks);
    }

    [Fact]
    public void Compound_filters_know_the_range_of_dates_they_can_match()
    {
        var and = Parse("""{"Filters":[{"Field":"InvoiceDate","Value":"2024-01-01","Operator":"greater_than_or_equals"},{"Field":"InvoiceDate","Value":"2024-01-31","Operator":"less_than"}],"Operator":"and"}""");
        Assert.Equal(Day, and.EarliestMatchingTicks);
        Assert.Equal(Day + 30 * TimeSpan.TicksPerDay, and.LatestMatchingTicks);
        Assert.True(and.Matches(Day));
        Assert.False(and.Matches(Day + 30 * TimeSpan.TicksPerDay));

        var or = Parse("""{"Filters":[{"Field":"InvoiceDate","Value":"2024-01-01","Operator":"less_than"},{"Field":"InvoiceDate","Value":"2024-01-31","Operator":"equals"}],"Operator":"or"}""");
        Assert.Equal(long.MinValue, or.EarliestMatchingTicks);
        Assert.Equal(Day + 30 * TimeSpan.TicksPerDay, or.LatestMatchingTicks);
        Assert.True(or.Matches(Day - 1));
        Assert.False(or.Matches(Day));
        Assert.True(or.Matches(Day + 30 * TimeSpan.TicksPerDay));

        var notEqual = Parse("""{"Field":"InvoiceDate","Value":"2024-01-01","Operator":"not_equals"}""");
        Assert.Equal(long.MinValue, notEqual.EarliestMatchingTicks);
        Assert.Equal(long.MaxValue, notEqual.LatestMatchingTicks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("42")]
    [InlineData("{}")]
    [InlineData("""{"Field":"InvoiceDate","Value":"2024-01-01"}""")]
    [InlineData("""{"Field":"InvoiceDate","Value":2024,"Operator":"equals"}""")]
    [InlineData("""{"Field":7,"Value":"2024-01-01","Operator":"equals"}""")]
    [InlineData("""{"Filters":{},"Operator":"and"}""")]
    [InlineData("""{"Filters":[1,2],"Operator":"and"}""")]
    public void Refuses_what_it_cannot_read_with_a_reason(string json)
    {
        Assert.False(InvoiceFilter.TryParse(json, out _, out var problem));
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    [Fact]
    public void Refuses_nesting_deeper_than_eight()
    {
        var simple = """{"Field":"InvoiceDate","Value":"2024-01-01","Operator":"equals"}""";
        var json = simple;
        for (var i = 0; i < 9; i++) json = $$"""{"Filters":[{{json}},{{simple}}],"Operator":"and"}""";
        Assert.False(InvoiceFilter.TryParse(json, out _, out _));
    }
}
