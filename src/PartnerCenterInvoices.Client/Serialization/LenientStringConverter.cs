using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>Reads a text field whatever JSON the service put there: a number or flag as its text, an object or array as its JSON.</summary>
    /// <remarks>
    /// Export fields such as Tags, AdditionalInfo and ProductQualifiers are documented as strings but
    /// hold JSON in practice; one line with a surprising shape must not end a million-line export.
    /// </remarks>
    internal sealed class LenientStringConverter : JsonConverter<string?>
    {
        public override bool HandleNull => true;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ServiceText.Read(ref reader);

        public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
        {
            if (value is null) writer.WriteNullValue();
            else writer.WriteStringValue(value);
        }
    }

    /// <summary>The text of a field whatever JSON the service put there (see <see cref="LenientStringConverter"/>).</summary>
    internal static class ServiceText
    {
        public static string? Read(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.True:
                    return "True";
                case JsonTokenType.False:
                    return "False";
                case JsonTokenType.Number:
                    return System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray());
                default:
                    using (var document = JsonDocument.ParseValue(ref reader)) return document.RootElement.GetRawText();
            }
        }
    }
}
