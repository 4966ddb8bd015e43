using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PartnerCenterInvoices.BillingExports;
using Xunit;

namespace PartnerCenterInvoices.Tests
{
    public class LineItemParserTests
    {
        // What JsonSerializer makes of a line under the module's own Graph options (case, numbers as strings, the lenient
        // converters), by reflection over the models: the parser must agree with it.
        private static readonly JsonSerializerOptions Oracle =
            new JsonSerializerOptions(GraphBillingJsonContext.Default.Options) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };

        private static T Deserialize<T>(string line) => JsonSerializer.Deserialize<T>(line, Oracle)!;

        private static T Parse<T>(string json) where T : BillingExportLineItem, new() => new LineItemParser<T>().Parse(Encoding.UTF8.GetBytes(json));

        private static IEnumerable<PropertyInfo> Fields<T>() => typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite);

        // Every field with a value of its kind, in varied spellings: what a real line carries and what odd ones do.
        private static string LineOf<T>(int seed, bool shuffle)
        {
            var random = new Random(seed);
            var texts = new[] { "Contoso", "", "A \\\"quoted\\\" name", "Caf\\u00e9 \u65e5\u672c", "Caf\u00e9 M\u00fcller \u65e5\u672c", new string('x', 90), "=SUM(A1)", "3c31fa34-99ac-44b4-b93c-83c54968e032" };
            var amounts = new[] { "12.5", "12.50", "-0.0001", "\"3\"", "\"\"", "null", "1.2E0", "0", "\"1.5E-3\"", "79228162514264337593543950335" };
            var dates = new[] { "\"2025-10-01T00:00:00Z\"", "\"2025-10-03T00:00:00\"", "\"2025-10-31T00:00:00+02:00\"", "\"\"", "null", "\"2025-10-01T12:30:45.1234567Z\"" };
            var pairs = new List<string>();
            foreach (var field in Fields<T>())
            {
                // Some lines spell keys in another case, as the files are not documented to keep it.
                var name = random.Next(8) == 0 ? field.Name.ToLowerInvariant() : field.Name;
                string value;
                if (field.PropertyType == typeof(string))
                    value = random.Next(10) switch
                    {
                        0 => "null",
                        1 => "42",
                        2 => "true",
                        3 => "[\"x\",{\"y\":1}]",
                        _ => "\"" + texts[random.Next(texts.Length)] + "\"",
                    };
                else if (field.PropertyType == typeof(decimal?)) value = amounts[random.Next(amounts.Length)];
                else value = dates[random.Next(dates.Length)];
                if (random.Next(12) != 0) pairs.Add($"\"{name}\":{value}");
            }
            if (random.Next(3) == 0) pairs.Add("\"NewField\":\"later\"");
            if (random.Next(3) == 0) pairs.Add("\"NewAmount\":1.25");
            if (random.Next(4) == 0) pairs.Add("\"NewShape\":{\"a\":[1,2]}");
            if (shuffle) pairs = pairs.OrderBy(_ => random.Next()).ToList();
            return "{" + string.Join(",", pairs) + "}";
        }

        private static void AssertSame<T>(T expected, T actual, string line) where T : BillingExportLineItem
        {
            // As text too: 12.5 and 12.50 are equal decimals but different cells in a sheet.
            foreach (var field in Fields<T>())
                Assert.True(Equals(field.GetValue(expected), field.GetValue(actual)) && Equals(field.GetValue(expected)?.ToString(), field.GetValue(actual)?.ToString()),
                    $"{field.Name}: expected '{field.GetValue(expected)}', got '{field.GetValue(actual)}' in {line}");
            // The added fields, checked by value against what the line holds.
            var expectedExtra = new Dictionary<string, object?>();
            if (line.Contains("\"NewField\"")) expectedExtra["NewField"] = "later";
            if (line.Contains("\"NewAmount\"")) expectedExtra["NewAmount"] = 1.25m;
            if (line.Contains("\"NewShape\"")) expectedExtra["NewShape"] = "{\"a\":[1,2]}";
            Assert.Equal(expectedExtra.OrderBy(p => p.Key), actual.GetAdditionalFields().OrderBy(p => p.Key));
            var expectedOffsets = Fields<T>().Where(f => f.PropertyType == typeof(DateTimeOffset?)).Select(f => ((DateTimeOffset?)f.GetValue(expected))?.Offset);
            var actualOffsets = Fields<T>().Where(f => f.PropertyType == typeof(DateTimeOffset?)).Select(f => ((DateTimeOffset?)f.GetValue(actual))?.Offset);
            Assert.Equal(expectedOffsets, actualOffsets);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Reads_every_line_as_JsonSerializer_with_the_lenient_converters_does(bool shuffle)
        {
            // One parser for many lines, as for a file: the order it learns and the strings it keeps must never change a value.
            var reconciliation = new LineItemParser<ReconciliationLineItem>();
            var usage = new LineItemParser<UsageLineItem>();
            for (var seed = 0; seed < 400; seed++)
            {
                var line = LineOf<ReconciliationLineItem>(seed, shuffle);
                AssertSame(Deserialize<ReconciliationLineItem>(line), reconciliation.Parse(Encoding.UTF8.GetBytes(line)), line);
                line = LineOf<UsageLineItem>(seed, shuffle);
                AssertSame(Deserialize<UsageLineItem>(line), usage.Parse(Encoding.UTF8.GetBytes(line)), line);
            }
        }

        [Fact]
        public void Reads_every_settable_property_of_both_line_types()
        {
            Assert.Equal(47, Fields<ReconciliationLineItem>().Count());
            Assert.Equal(54, Fields<UsageLineItem>().Count());
            var line = Parse<ReconciliationLineItem>("{" + string.Join(",", Fields<ReconciliationLineItem>().Select(f =>
                $"\"{f.Name}\":" + (f.PropertyType == typeof(string) ? "\"t\"" : f.PropertyType == typeof(decimal?) ? "1" : "\"2025-01-01T00:00:00Z\""))) + "}");
            Assert.All(Fields<ReconciliationLineItem>(), f => Assert.NotNull(f.GetValue(line)));
            Assert.Empty(line.GetAdditionalFields());
        }

        [Fact]
        public void Hands_out_one_string_for_a_value_that_repeats_and_never_mixes_up_values()
        {
            var parser = new LineItemParser<ReconciliationLineItem>();
            var first = parser.Parse(Encoding.UTF8.GetBytes("{\"CustomerName\":\"Contoso\",\"Currency\":\"EUR\"}"));
            var second = parser.Parse(Encoding.UTF8.GetBytes("{\"CustomerName\":\"Contoso\",\"Currency\":\"EUR\"}"));
            Assert.Same(first.CustomerName, second.CustomerName);
            Assert.Same(first.Currency, second.Currency);

            // Far more distinct values than the cache has room for, many of the same length and ends, each read twice.
            var values = Enumerable.Range(0, 5000).Select(i => $"ab{i:D6}cdefghij").Concat(Enumerable.Range(0, 500).Select(i => new string((char)('a' + i % 26), 1 + i % 60))).ToList();
            foreach (var value in values.Concat(values))
                Assert.Equal(value, parser.Parse(Encoding.UTF8.GetBytes($"{{\"CustomerName\":\"{value}\"}}")).CustomerName);
        }

        [Fact]
        public void Reads_escaped_names_and_a_file_that_spells_every_name_its_own_way()
        {
            Assert.Equal("A", Parse<ReconciliationLineItem>("{\"Customer\\u004eame\":\"A\"}").CustomerName);
            var parser = new LineItemParser<ReconciliationLineItem>();
            for (var i = 0; i < 3; i++)
            {
                var line = parser.Parse(Encoding.UTF8.GetBytes($"{{\"customerName\":\"C{i}\",\"total\":{i},\"chargeStartDate\":\"2025-10-0{i + 1}T00:00:00Z\"}}"));
                Assert.Equal($"C{i}", line.CustomerName);
                Assert.Equal(i, line.Total);
                Assert.Equal(i + 1, line.ChargeStartDate!.Value.Day);
                Assert.Empty(line.GetAdditionalFields());
            }
        }

        [Theory]
        [InlineData("{\"\\ud800\":1}", "field name")]
        [InlineData("[1,2]", "Expected a JSON object")]
        [InlineData("null", "Expected a JSON object")]
        [InlineData("42", "Expected a JSON object")]
        [InlineData("{\"Total\":1}{\"Total\":2}", null)]
        [InlineData("{\"Total\":{\"a\":1}}", "Field Total")]
        [InlineData("{\"Total\":\"many\"}", "Field Total")]
        [InlineData("{\"ChargeStartDate\":\"yesterday\"}", "Field ChargeStartDate")]
        [InlineData("{\"ChargeStartDate\":3}", "Field ChargeStartDate")]
        [InlineData("{\"Total\":1,}", null)]
        [InlineData("{\"Total\":", null)]
        public void Refuses_a_line_that_is_not_one_object_of_the_expected_shape(string line, string? said)
        {
            var error = Assert.ThrowsAny<JsonException>(() => Parse<ReconciliationLineItem>(line));
            if (said is not null) Assert.Contains(said, error.Message);
            // What the serializer made of the same line: it refuses it too.
            Assert.ThrowsAny<Exception>(() => (object?)Deserialize<ReconciliationLineItem>(line) ?? throw new JsonException("null"));
        }
    }
}
