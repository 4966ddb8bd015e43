using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>Reads an optional service date: an empty string or null means "no date".</summary>
    /// <remarks>
    /// List results leave dates the service has not filled as <c>""</c> rather than omitting them;
    /// failing a whole page over that would lose every other invoice on it.
    /// </remarks>
    public sealed class LenientDateTimeOffsetConverter : JsonConverter<DateTimeOffset?>
    {
        public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.String)
                throw new JsonException($"Expected a date string, found {reader.TokenType}.");
            if (reader.TryGetDateTimeOffset(out var value)) return value;
            var text = reader.GetString();
            if (string.IsNullOrWhiteSpace(text)) return null;
            // Dates without an offset are UTC in this service.
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)) return value;
            throw new JsonException($"'{text}' is not a date.");
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
        {
            if (value is null) writer.WriteNullValue();
            else writer.WriteStringValue(value.Value);
        }
    }
}
