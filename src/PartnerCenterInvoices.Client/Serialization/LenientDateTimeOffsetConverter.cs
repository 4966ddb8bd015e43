using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>Reads an optional service date: an empty string or null means "no date"; a date without an offset is UTC.</summary>
    /// <remarks>
    /// List results leave dates the service has not filled as <c>""</c> rather than omitting them;
    /// failing a whole page over that would lose every other invoice on it. A date without an offset
    /// ("2025-01-31T00:00:00") is UTC in this service: Utf8JsonReader would give it the machine's
    /// offset, so Tokyo read the 31st as 15:00 UTC on the 30th.
    /// </remarks>
    public sealed class LenientDateTimeOffsetConverter : JsonConverter<DateTimeOffset?>
    {
        public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            return ServiceDate.Read(ref reader);
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
        {
            if (value is null) writer.WriteNullValue();
            else writer.WriteStringValue(value.Value);
        }
    }

    /// <summary>Reads a required service date; a date without an offset is UTC (see <see cref="LenientDateTimeOffsetConverter"/>).</summary>
    public sealed class UtcDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ServiceDate.Read(ref reader) ?? throw new JsonException("Expected a date, found an empty string.");

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    internal static class ServiceDate
    {
        public static DateTimeOffset? Read(ref Utf8JsonReader reader)
        {
            if (reader.TokenType != JsonTokenType.String)
                throw new JsonException($"Expected a date string, found {reader.TokenType}.");
            // TryGetDateTime keeps an offset-less date Unspecified, and with 'Z' it is Utc: both UTC here, read
            // once. With an offset it is Local (converted to this machine's zone): read again to keep the offset.
            if (reader.TryGetDateTime(out var time) && time.Kind != DateTimeKind.Local)
                return new DateTimeOffset(time, TimeSpan.Zero);
            if (reader.TryGetDateTimeOffset(out var value)) return value;
            var text = reader.GetString();
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)) return value;
            throw new JsonException($"'{text}' is not a date.");
        }
    }
}
