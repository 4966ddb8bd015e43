using System.Buffers;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

public sealed class InvoiceGeneratorTests
{
    private static string Json(InvoiceGenerator generator, long index)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonResponse.WriterOptions))
            InvoiceJsonWriter.Write(writer, generator, generator.Generate(index));
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void An_invoice_is_a_pure_function_of_seed_and_index()
    {
        Assert.Equal(Json(new InvoiceGenerator(5), 123), Json(new InvoiceGenerator(5), 123));
        Assert.NotEqual(Json(new InvoiceGenerator(5), 123), Json(new InvoiceGenerator(6), 123));
        Assert.NotEqual(Json(new InvoiceGenerator(5), 123), Json(new InvoiceGenerator(5), 124));
    }

    [Fact]
    public void Dates_never_rise_with_the_index_and_stay_in_the_calendar_up_to_ten_million()
    {
        var generator = new InvoiceGenerator(1);
        var previous = long.MaxValue;
        for (long index = 0; index < 200_000; index++)
        {
            var ticks = generator.InvoiceDateTicksOf(index);
            Assert.True(ticks <= previous);
            Assert.Equal(0, ticks % TimeSpan.TicksPerDay);
            previous = ticks;
        }
        Assert.Equal(InvoiceGenerator.BaseDate.Ticks, generator.InvoiceDateTicksOf(0));

        var last = EmulatorOptions.MaxInvoiceCount - 1;
        using var document = JsonDocument.Parse(Json(generator, last));
        var date = document.RootElement.GetProperty("invoiceDate").GetDateTimeOffset();
        Assert.InRange(date.Year, 100, 1000);
        Assert.Equal("D010000000", document.RootElement.GetProperty("id").GetString()!.Replace('G', 'D'));
    }

    [Fact]
    public void The_mix_is_about_seventy_percent_recurring_with_every_currency()
    {
        var generator = new InvoiceGenerator(1);
        var recurring = 0;
        var currencies = new HashSet<string>();
        for (long index = 0; index < 10_000; index++)
        {
            var invoice = generator.Generate(index);
            generator.Classify(index, out var type, out var ticks);
            Assert.Equal(type, invoice.Type);
            Assert.Equal(ticks, invoice.InvoiceDate.Ticks);
            if (type == InvoiceType.Recurring) recurring++;
            currencies.Add(invoice.Currency.CodeText);
        }
        Assert.InRange(recurring, 6_700, 7_300);
        Assert.Equal(Currency.All.Count, currencies.Count);
    }

    [Fact]
    public void Amounts_have_the_currency_s_minor_unit()
    {
        var generator = new InvoiceGenerator(3);
        for (long index = 0; index < 2_000; index++)
        {
            using var document = JsonDocument.Parse(Json(generator, index));
            var root = document.RootElement;
            var total = root.GetProperty("totalCharges").GetRawText();
            if (root.GetProperty("currencyCode").GetString() == "JPY") Assert.DoesNotContain(".", total);
            else Assert.Matches(@"^-?\d+\.\d\d$", total);
        }
    }
}
