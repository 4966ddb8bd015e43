using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using PartnerCenterInvoices.Documents;
using Xunit;

namespace PartnerCenterInvoices.Tests
{
    public class InvariantCsvWriterTests
    {
        // A culture built by hand (not looked up) so the test means the same on machines without ICU data.
        private static CultureInfo CommaCulture()
        {
            var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            culture.NumberFormat.NumberDecimalSeparator = ",";
            culture.NumberFormat.NumberGroupSeparator = ".";
            culture.DateTimeFormat.ShortDatePattern = "dd.MM.yyyy";
            culture.DateTimeFormat.LongTimePattern = "HH.mm.ss";
            return culture;
        }

        private static T InCulture<T>(CultureInfo culture, Func<T> action)
        {
            var before = Thread.CurrentThread.CurrentCulture;
            Thread.CurrentThread.CurrentCulture = culture;
            try { return action(); }
            finally { Thread.CurrentThread.CurrentCulture = before; }
        }

        [Fact]
        public void Amounts_and_dates_read_the_same_in_a_culture_with_a_decimal_comma()
        {
            var culture = CommaCulture();
            Assert.Equal("1234,5", InCulture(culture, () => 1234.5m.ToString())); // the problem this class exists for

            Assert.Equal("1234.5", InCulture(culture, () => InvariantCsvWriter.FormatCell(1234.5m)));
            Assert.Equal("-0.0001", InCulture(culture, () => InvariantCsvWriter.FormatCell(-0.0001m)));
            Assert.Equal("2.5", InCulture(culture, () => InvariantCsvWriter.FormatCell(2.5d)));
            Assert.Equal("2026-11-01T00:00:00Z",
                InCulture(culture, () => InvariantCsvWriter.FormatCell(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero))));
        }

        [Fact]
        public void Times_become_utc_instants_with_fractions_only_when_present()
        {
            var withOffset = new DateTimeOffset(2026, 11, 1, 2, 30, 0, TimeSpan.FromHours(2));
            Assert.Equal("2026-11-01T00:30:00Z", InvariantCsvWriter.FormatCell(withOffset));
            Assert.Equal("2026-11-01T00:30:00.125Z", InvariantCsvWriter.FormatCell(withOffset.AddMilliseconds(125)));
            Assert.Equal("2026-01-02T03:04:05Z", InvariantCsvWriter.FormatCell(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)));
            // A time without a zone cannot honestly be called UTC.
            Assert.Equal("2026-01-02T03:04:05", InvariantCsvWriter.FormatCell(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Unspecified)));
        }

        [Fact]
        public void Collections_without_text_of_their_own_become_their_items_joined()
        {
            Assert.Equal("1.5;x;", InvariantCsvWriter.FormatCell(new object?[] { 1.5m, "x", null }));
            Assert.Equal("a;b", InvariantCsvWriter.FormatCell(new List<string> { "a", "b" }));
            var details = new InvoiceDetailList { new InvoiceDetail { BillingProvider = BillingProvider.Azure, InvoiceLineItemType = InvoiceLineItemType.BillingLineItems } };
            Assert.Equal(details.ToString(), InvariantCsvWriter.FormatCell(details));
        }

        [Fact]
        public void Dictionaries_become_key_value_pairs_and_wrapped_items_are_unwrapped_at_every_depth()
        {
            Assert.Equal("a=1.5", InvariantCsvWriter.FormatCell(new Dictionary<string, decimal> { ["a"] = 1.5m }));
            Assert.Equal("k=x", InvariantCsvWriter.FormatCell(new System.Collections.Hashtable { ["k"] = "x" }));
            // A host wrapper (PowerShell's PSObject) around each item: the unwrapped value is what gets formatted.
            var wrapped = new object[] { new Box(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)), new Box(2.5m) };
            Assert.Equal("2026-11-01T00:00:00Z;2.5", InvariantCsvWriter.FormatCell(wrapped, o => o is Box box ? box.Value : o));
        }

        private sealed class Box
        {
            public Box(object value) => Value = value;
            public object Value { get; }
        }

        [Fact]
        public void Rows_quote_every_cell_double_inner_quotes_and_leave_null_empty()
        {
            var text = new StringWriter { NewLine = "\n" };
            using (var writer = new InvariantCsvWriter(text, ';'))
            {
                writer.WriteRow(new object?[] { "Id", "Name", "Total" });
                writer.WriteRow(new object?[] { "G1", "Say \"hi\"; twice", null });
                writer.WriteRow(new object?[] { "G2", BillingProvider.Office, 3m });
            }
            Assert.Equal("\"Id\";\"Name\";\"Total\"\n\"G1\";\"Say \"\"hi\"\"; twice\";\n\"G2\";\"Office\";\"3\"\n", text.ToString());
        }

        [Fact]
        public void Text_a_spreadsheet_would_run_gets_a_leading_quote_and_numbers_never_do()
        {
            var text = new StringWriter { NewLine = "\n" };
            using (var writer = new InvariantCsvWriter(text))
            {
                writer.WriteRow(new object?[] { "=HYPERLINK(\"http://x\")", "+1+2", "-1+2", "@SUM(A1)", "\tTab", "\rReturn", "Contoso = fine" });
                writer.WriteRow(new object?[] { -12.5m, -3, "-12.5", "+4", new[] { "=a", "b" }, DateTimeOffset.MinValue, null });
            }
            Assert.Equal(
                "\"'=HYPERLINK(\"\"http://x\"\")\",\"'+1+2\",\"'-1+2\",\"'@SUM(A1)\",\"'\tTab\",\"'\rReturn\",\"Contoso = fine\"\n" +
                "\"-12.5\",\"-3\",\"-12.5\",\"+4\",\"'=a;b\",\"0001-01-01T00:00:00Z\",\n",
                text.ToString());
        }

        [Fact]
        public void Writes_formulas_unchanged_when_told_to()
        {
            var text = new StringWriter { NewLine = "\n" };
            using (var writer = new InvariantCsvWriter(text, escapeFormulas: false))
                writer.WriteRow(new object?[] { "=1+1", "-x" });
            Assert.Equal("\"=1+1\",\"-x\"\n", text.ToString());
        }

        [Theory]
        [InlineData("\"Id\",\"InvoiceDate\",\"TotalCharges\"", ',', new[] { "Id", "InvoiceDate", "TotalCharges" })]
        [InlineData("Id;\"A;B\";\"Say \"\"hi\"\"\"", ';', new[] { "Id", "A;B", "Say \"hi\"" })]
        public void Reads_back_the_columns_of_a_header(string line, char delimiter, string[] expected) =>
            Assert.Equal(expected, InvariantCsvWriter.ParseHeader(line, delimiter));

        [Fact]
        public void Refuses_a_delimiter_that_would_break_cells() =>
            Assert.Throws<ArgumentException>(() => new InvariantCsvWriter(new StringWriter(), '"'));
    }
}
