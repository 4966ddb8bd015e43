namespace PartnerCenterInvoices.Emulator.Tests;

public sealed class InvoiceSelectionTests
{
    private const long Total = 5_000;

    public static TheoryData<string?, string?> Queries() => new()
    {
        { null, null },
        { "Recurring", null },
        { null, """{"Field":"InvoiceDate","Value":"2025-08-01","Operator":"less_than"}""" },
        { "OneTime", """{"Field":"InvoiceDate","Value":"2025-09-15","Operator":"equals"}""" },
        { null, """{"Filters":[{"Field":"InvoiceDate","Value":"2025-09-01","Operator":"greater_than"},{"Field":"InvoiceDate","Value":"2025-10-01","Operator":"less_than_or_equals"}],"Operator":"and"}""" },
        { "Recurring", """{"Filters":[{"Field":"InvoiceDate","Value":"2025-09-01","Operator":"less_than"},{"Field":"InvoiceDate","Value":"2025-10-20","Operator":"greater_than_or_equals"}],"Operator":"or"}""" },
        { null, """{"Field":"InvoiceDate","Value":"2030-01-01","Operator":"greater_than_or_equals"}""" },
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public void Scanning_with_shortcuts_selects_what_a_plain_scan_selects(string? type, string? filterJson)
    {
        var generator = new InvoiceGenerator(9);
        InvoiceFilter? filter = null;
        if (filterJson is not null) Assert.True(InvoiceFilter.TryParse(filterJson, out filter, out _));
        InvoiceType? invoiceType = type is null ? null : Enum.Parse<InvoiceType>(type);

        var expected = new List<long>();
        for (long index = 0; index < Total; index++)
        {
            generator.Classify(index, out var t, out var ticks);
            if ((invoiceType is null || t == invoiceType) && (filter is null || filter.Matches(ticks))) expected.Add(index);
        }

        var selection = new InvoiceSelection(generator, Total, invoiceType, filter);
        var actual = new List<long>();
        for (var index = selection.NextMatch(0); index < Total; index = selection.NextMatch(index + 1)) actual.Add(index);
        Assert.Equal(expected, actual);

        foreach (var offset in new long[] { 0, 1, 17, expected.Count - 1, expected.Count, expected.Count + 5 })
        {
            if (offset < 0) continue;
            Assert.Equal(offset < expected.Count ? expected[(int)offset] : Total, new InvoiceSelection(generator, Total, invoiceType, filter).Skip(offset));
        }
    }
}
