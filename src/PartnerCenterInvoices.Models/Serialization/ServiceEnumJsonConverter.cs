using System;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>Reads and writes a service enum as its JSON string.</summary>
    /// <remarks>
    /// A page of invoices repeats the same handful of spellings thousands of times, so instances are
    /// cached by their raw text; the cache is capped so a hostile stream of distinct values cannot grow it.
    /// </remarks>
    public sealed class ServiceEnumJsonConverter<T> : JsonConverter<T> where T : ServiceEnum<T>
    {
        private const int MaxCachedSpellings = 256;
        private static readonly ConstructorInfo Constructor = typeof(T).GetConstructor(new[] { typeof(string) })
            ?? throw new InvalidOperationException($"{typeof(T).Name} needs a constructor taking a string.");
        private static readonly ConcurrentDictionary<string, T> Cache = new ConcurrentDictionary<string, T>(StringComparer.Ordinal);

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType != JsonTokenType.String)
                throw new JsonException($"Expected a string for {typeof(T).Name}, found {reader.TokenType}.");
            var text = reader.GetString()!;
            if (text.Length == 0) return null;
            if (Cache.TryGetValue(text, out var cached)) return cached;
            var created = (T)Constructor.Invoke(new object[] { text });
            if (Cache.Count < MaxCachedSpellings) Cache.TryAdd(text, created);
            return created;
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Value);
    }
}
