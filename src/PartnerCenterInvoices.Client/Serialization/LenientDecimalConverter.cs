using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>Reads an amount that may come as a JSON number, a numeric string ("3", "1.5E-3") or an empty string (null).</summary>
    /// <remarks>
    /// Export files have been seen with quantities as strings and empty strings for values a line does
    /// not have; neither must fail the line, and "" must not become a made-up 0.
    /// </remarks>
    internal sealed class LenientDecimalConverter : JsonConverter<decimal?>
    {
        public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ServiceNumber.Read(ref reader);

        public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
        {
            if (value is null) writer.WriteNullValue();
            else writer.WriteNumberValue(value.Value);
        }
    }

    /// <summary>An amount as a number, a numeric string or an empty string (see <see cref="LenientDecimalConverter"/>).</summary>
    internal static class ServiceNumber
    {
        public static decimal? Read(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.Number:
                    if (reader.TryGetDecimal(out var number)) return number;
                    // Beyond decimal's range (1e40, say): a double is the best any reader can do.
                    return (decimal)reader.GetDouble();
                case JsonTokenType.String:
                    var text = reader.GetString();
                    if (string.IsNullOrWhiteSpace(text)) return null;
                    if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number)) return number;
                    throw new JsonException($"'{text}' is not a number.");
                default:
                    throw new JsonException($"Expected a number, found {reader.TokenType}.");
            }
        }
    }
}
