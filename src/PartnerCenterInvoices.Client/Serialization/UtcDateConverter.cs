using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>Reads an export file's date: ISO-8601 with or without an offset (without one it is UTC), "" as null.</summary>
    /// <remarks>
    /// UsageDate and PCToBCExchangeRateDate come without an offset ("2025-10-03T00:00:00"). Utf8JsonReader
    /// would give such a date the machine's offset, so a run in Tokyo would move every usage day; here it
    /// is UTC on every machine.
    /// </remarks>
    internal sealed class UtcDateConverter : JsonConverter<DateTimeOffset?>
    {
        public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.String)
                throw new JsonException($"Expected a date string, found {reader.TokenType}.");
            // TryGetDateTime keeps an offset-less date Unspecified ('Z' makes it Utc, an offset Local).
            if (reader.TryGetDateTime(out var time) && time.Kind == DateTimeKind.Unspecified)
                return new DateTimeOffset(time, TimeSpan.Zero);
            if (reader.TryGetDateTimeOffset(out var value)) return value;
            var text = reader.GetString();
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
                return value;
            throw new JsonException($"'{text}' is not a date.");
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
        {
            if (value is null) writer.WriteNullValue();
            else writer.WriteStringValue(value.Value);
        }
    }
}
