using System;
using System.Collections.Generic;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices.BillingExports
{
    /// <summary>Turns one line of an export file (a flat JSON object of text, amounts and dates) into a line item.</summary>
    /// <remarks>
    /// <para>
    /// The same result as JsonSerializer with <see cref="GraphBillingJsonContext"/>'s lenient converters
    /// (a spec compares the two on hundreds of odd lines), for less: parsing is most of the CPU a
    /// million-line export costs, and the serializer's general object machinery costs several times the
    /// tokenizing itself. Here each field is found by comparing its UTF-8 name with the one that followed
    /// the previous field last time (the lines of a file keep one order), and its value is read by one
    /// typed setter. Text repeats across lines (customer, product, currency), so each field keeps the
    /// strings it made recently and hands out the same instance again (<see cref="TextCache"/>). Measured
    /// at 1M reconciliation lines (bench/RESULTS.md): 28% less time and 40% less allocation than the serializer.
    /// </para>
    /// <para>
    /// One parser per file, used by one thread at a time: its learned order and string caches are
    /// its own. What a field is, is read once per type from the model's settable properties (their
    /// [JsonPropertyName] if any), so a property added to a model is read with no change here.
    /// </para>
    /// </remarks>
    internal sealed class LineItemParser<T> where T : BillingExportLineItem, new()
    {
        private static readonly LineItemShape<T> Shape = new LineItemShape<T>();
        private readonly int[] _nextAfter;
        // The file's own spelling of each field's name, when it is not the model's (camelCase, say).
        private readonly byte[]?[] _spelling;
        private readonly TextCache?[] _textCaches;
        private int _first = -1;

        public LineItemParser()
        {
            _nextAfter = new int[Shape.Fields.Length];
            for (var i = 0; i < _nextAfter.Length; i++) _nextAfter[i] = -1;
            _textCaches = new TextCache?[Shape.Fields.Length];
            _spelling = new byte[]?[Shape.Fields.Length];
        }

        /// <summary>The line item the JSON object in <paramref name="line"/> describes.</summary>
        /// <exception cref="JsonException">The line is not one JSON object, or a field's value cannot be its type.</exception>
        public T Parse(ReadOnlySpan<byte> line)
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new JsonException($"Expected a JSON object, found {(reader.TokenType == JsonTokenType.None ? "nothing" : reader.TokenType.ToString())}.");
            var item = new T();
            var previous = -1;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var index = Find(ref reader, previous, out var unknownName);
                if (!reader.Read()) throw new JsonException("The line ends inside a field.");
                if (index < 0)
                {
                    Keep(item, unknownName!, ref reader);
                    continue;
                }
                var field = Shape.Fields[index];
                try
                {
                    field.Read(item, ref reader, this, index);
                }
                catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException || ex is FormatException || ex is OverflowException)
                {
                    throw new JsonException($"Field {field.Name}: {ex.Message}", ex);
                }
                if (previous < 0) _first = index;
                else _nextAfter[previous] = index;
                previous = index;
            }
            // The object must be the line's only value: a second one, or trailing text, is an error from Read.
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
                throw new JsonException("The line holds more than one JSON object.");
            return item;
        }

        /// <summary>The field the reader's property names: first the one that came next last time, then by name.</summary>
        private int Find(ref Utf8JsonReader reader, int previous, out string? unknownName)
        {
            unknownName = null;
            var plain = !reader.ValueIsEscaped && !reader.HasValueSequence;
            var guess = previous < 0 ? _first : _nextAfter[previous];
            if (guess >= 0 && plain && reader.ValueSpan.SequenceEqual(_spelling[guess] ?? Shape.Fields[guess].Utf8Name))
                return guess;
            string name;
            try
            {
                name = reader.GetString()!;
            }
            catch (InvalidOperationException ex)
            {
                // A name that is not valid UTF-8 or UTF-16 (a lone surrogate): the line is bad, not the reader.
                throw new JsonException($"A field name cannot be read: {ex.Message}", ex);
            }
            var index = Shape.IndexOf(name);
            if (index < 0) unknownName = name;
            else if (plain && !reader.ValueSpan.SequenceEqual(Shape.Fields[index].Utf8Name)) _spelling[index] = reader.ValueSpan.ToArray();
            return index;
        }

        /// <summary>A field this version does not know: kept as the model's extension data, as the serializer would.</summary>
        private static void Keep(T item, string name, ref Utf8JsonReader reader)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            (item.ExtensionData ??= new Dictionary<string, JsonElement>())[name] = document.RootElement.Clone();
        }

        private string? ReadText(ref Utf8JsonReader reader, int index)
        {
            if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence)
                return ServiceText.Read(ref reader);
            var cache = _textCaches[index] ??= new TextCache();
            return cache.Get(ref reader);
        }

        /// <summary>One settable property of the model, and how its JSON value is read.</summary>
        internal abstract class Field
        {
            protected Field(string name)
            {
                Name = name;
                Utf8Name = System.Text.Encoding.UTF8.GetBytes(name);
            }

            public string Name { get; }
            public byte[] Utf8Name { get; }

            public abstract void Read(T item, ref Utf8JsonReader reader, LineItemParser<T> parser, int index);
        }

        internal sealed class TextField : Field
        {
            private readonly Action<T, string?> _set;
            public TextField(string name, Action<T, string?> set) : base(name) => _set = set;
            public override void Read(T item, ref Utf8JsonReader reader, LineItemParser<T> parser, int index) => _set(item, parser.ReadText(ref reader, index));
        }

        internal sealed class AmountField : Field
        {
            private readonly Action<T, decimal?> _set;
            public AmountField(string name, Action<T, decimal?> set) : base(name) => _set = set;
            public override void Read(T item, ref Utf8JsonReader reader, LineItemParser<T> parser, int index) => _set(item, ServiceNumber.Read(ref reader));
        }

        internal sealed class DateField : Field
        {
            private readonly Action<T, DateTimeOffset?> _set;
            public DateField(string name, Action<T, DateTimeOffset?> set) : base(name) => _set = set;
            public override void Read(T item, ref Utf8JsonReader reader, LineItemParser<T> parser, int index) =>
                _set(item, reader.TokenType == JsonTokenType.Null ? null : ServiceDate.Read(ref reader));
        }
    }

    /// <summary>The fields of a line-item type, read once from its properties.</summary>
    internal sealed class LineItemShape<T> where T : BillingExportLineItem, new()
    {
        private readonly Dictionary<string, int> _byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        public LineItemShape()
        {
            var fields = new List<LineItemParser<T>.Field>();
            foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var setter = property.GetSetMethod();
                var ignore = property.GetCustomAttribute<JsonIgnoreAttribute>();
                if (setter is null || ignore?.Condition == JsonIgnoreCondition.Always) continue;
                // What the serializer would do differently from here must not be dropped silently.
                if (ignore is not null || property.GetCustomAttribute<JsonConverterAttribute>() is not null)
                    throw new NotSupportedException($"{typeof(T).Name}.{property.Name}: export lines are read without the serializer, which this attribute needs.");
                var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? property.Name;
                LineItemParser<T>.Field field = property.PropertyType switch
                {
                    var t when t == typeof(string) => new LineItemParser<T>.TextField(name, (Action<T, string?>)setter.CreateDelegate(typeof(Action<T, string?>))),
                    var t when t == typeof(decimal?) => new LineItemParser<T>.AmountField(name, (Action<T, decimal?>)setter.CreateDelegate(typeof(Action<T, decimal?>))),
                    var t when t == typeof(DateTimeOffset?) => new LineItemParser<T>.DateField(name, (Action<T, DateTimeOffset?>)setter.CreateDelegate(typeof(Action<T, DateTimeOffset?>))),
                    _ => throw new NotSupportedException($"{typeof(T).Name}.{property.Name} is a {property.PropertyType.Name}: export lines hold text, amounts and dates only."),
                };
                _byName[name] = fields.Count;
                fields.Add(field);
            }
            Fields = fields.ToArray();
        }

        public LineItemParser<T>.Field[] Fields { get; }

        /// <summary>The field of that name, whatever its case; -1 for a field the model does not have.</summary>
        public int IndexOf(string name) => _byName.TryGetValue(name, out var index) ? index : -1;
    }
}
