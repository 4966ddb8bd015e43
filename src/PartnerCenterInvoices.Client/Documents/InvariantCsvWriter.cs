using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace PartnerCenterInvoices.Documents
{
    /// <summary>Writes CSV rows whose cells read the same in every culture: ISO-8601 UTC times and '.' decimals.</summary>
    /// <remarks>
    /// Export-Csv writes each cell with ToString() in the session's culture, so one sheet holds
    /// "1234,5" and "01.11.2026" on a German machine and "1234.5" and "11/1/2026" on an American one.
    /// A finance sheet must not depend on who ran the export; this writer formats every value with
    /// the invariant culture and times as UTC instants. Quoting follows Export-Csv: every cell quoted,
    /// quotes doubled, null as an empty unquoted cell. One row in, one line out: nothing is buffered.
    /// <para>
    /// Quoting does not stop Excel or LibreOffice from running a cell that starts with '=', '+', '-',
    /// '@', a tab or a carriage return, and customer names and descriptions come from outside. Such
    /// a text cell gets a leading "'" (OWASP's advice for CSV injection) unless it is a plain number;
    /// numbers, dates, enums and Guids are never touched, so a negative amount stays "-12.5".
    /// </para>
    /// </remarks>
    public sealed class InvariantCsvWriter : IDisposable
    {
        /// <summary>Date and time as an ISO-8601 UTC instant; fractions of a second only when there are any.</summary>
        public const string UtcTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'";

        /// <summary>What joins the items of a collection that has no text of its own.</summary>
        public const string ItemSeparator = ";";

        private readonly TextWriter _writer;
        private readonly char _delimiter;
        private readonly Func<object, object?>? _unwrap;
        private readonly bool _escapeFormulas;

        /// <param name="unwrap">Turns a host's wrapper (PowerShell's PSObject) into the value it wraps, at any depth.</param>
        /// <param name="escapeFormulas">Whether text cells that a spreadsheet would run as a formula get a leading "'";
        /// off only for files loaded by programs rather than opened in a spreadsheet.</param>
        public InvariantCsvWriter(TextWriter writer, char delimiter = ',', Func<object, object?>? unwrap = null, bool escapeFormulas = true)
        {
            _writer = writer ?? throw new ArgumentNullException(nameof(writer));
            _unwrap = unwrap;
            _escapeFormulas = escapeFormulas;
            if (!CanSeparateCells(delimiter))
                throw new ArgumentException($"'{delimiter}' cannot separate CSV cells.", nameof(delimiter));
            _delimiter = delimiter;
        }

        /// <summary>False for the characters that quote cells or end lines.</summary>
        public static bool CanSeparateCells(char delimiter) => delimiter != '"' && delimiter != '\r' && delimiter != '\n';

        /// <summary>Writes one line of cells, each formatted by <see cref="FormatCell"/>.</summary>
        /// <remarks>Cells go straight into the writer's buffer: a row of a line item is over a kilobyte of text, and
        /// building it as a string first doubled what a million-row sheet allocated.</remarks>
        public void WriteRow(IEnumerable<object?> cells)
        {
            var first = true;
            foreach (var cell in cells)
            {
                if (!first) _writer.Write(_delimiter);
                first = false;
                var text = FormatCell(cell, _unwrap);
                if (text is null) continue;
                _writer.Write('"');
                if (_escapeFormulas && IsText(cell) && MightRunAsFormula(text)) _writer.Write('\'');
                _writer.Write(text.IndexOf('"') < 0 ? text : text.Replace("\"", "\"\""));
                _writer.Write('"');
            }
            _writer.WriteLine();
        }

        /// <summary>The column names in a header line, so rows appended to an existing sheet land in its columns.</summary>
        public static IReadOnlyList<string> ParseHeader(string line, char delimiter = ',')
        {
            var names = new List<string>();
            var name = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted)
                {
                    if (c != '"') name.Append(c);
                    else if (i + 1 < line.Length && line[i + 1] == '"') { name.Append('"'); i++; }
                    else quoted = false;
                }
                else if (c == '"') quoted = true;
                else if (c == delimiter) { names.Add(name.ToString()); name.Clear(); }
                else name.Append(c);
            }
            names.Add(name.ToString());
            return names;
        }

        public void Dispose() => _writer.Dispose();

        /// <summary>The text of one cell, the same whatever the current culture; null for a missing value.</summary>
        public static string? FormatCell(object? value, Func<object, object?>? unwrap = null)
        {
            if (value is not null && unwrap is not null) value = unwrap(value);
            switch (value)
            {
                case null:
                    return null;
                case string text:
                    return text;
                case DateTimeOffset instant:
                    return UtcText(instant.UtcDateTime);
                case DateTime time:
                    // A time of unknown zone stays as it is, without a zone; any other is written as UTC.
                    return time.Kind == DateTimeKind.Unspecified
                        ? time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)
                        : UtcText(time.ToUniversalTime());
                case IFormattable formattable:
                    // Numbers, enums, Guids: invariant, so a decimal point is always '.' and never a group separator.
                    return formattable.ToString(null, CultureInfo.InvariantCulture);
                case DictionaryEntry entry:
                    return FormatCell(entry.Key, unwrap) + "=" + FormatCell(entry.Value, unwrap);
                case IDictionary dictionary when HasNoTextOfItsOwn(value):
                    return JoinItems(Entries(dictionary), unwrap);
                case IEnumerable items when HasNoTextOfItsOwn(value):
                    return JoinItems(items, unwrap);
                default:
                    return value.ToString();
            }
        }

        // Whole seconds (nearly every billing date) through .NET's fast path for the sortable format; a custom
        // format string is parsed on every call, which a million-row sheet of six dates a row notices.
        private static string UtcText(DateTime utc) => utc.Ticks % TimeSpan.TicksPerSecond == 0
            ? utc.ToString("s", CultureInfo.InvariantCulture) + "Z"
            : utc.ToString(UtcTimeFormat, CultureInfo.InvariantCulture);

        /// <summary>True for text a spreadsheet would read as a formula: it starts with '=', '+', '-', '@', a tab or a carriage return
        /// and is not simply a number ("-12.5" is a number, "-1+1" and "=HYPERLINK(…)" are not).</summary>
        public static bool MightRunAsFormula(string text) =>
            text.Length > 0 && FormulaStarts.IndexOf(text[0]) >= 0 &&
            !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _);

        private const string FormulaStarts = "=+-@\t\r";

        // Numbers, dates, enums and Guids format themselves and are never formulas; everything else is text from somewhere.
        private bool IsText(object? cell)
        {
            if (cell is not null && _unwrap is not null) cell = _unwrap(cell);
            return cell is not null && cell is not IFormattable;
        }

        // Arrays, lists and hashtables print their type name ("System.Object[]"), which no sheet wants;
        // types that summarise themselves (the module's SummarizedList) keep their own text.
        private static bool HasNoTextOfItsOwn(object value) => value.ToString() == value.GetType().ToString();

        private static IEnumerable Entries(IDictionary dictionary)
        {
            // A generic dictionary enumerates KeyValuePairs; its non-generic face gives DictionaryEntry for every kind.
            var entries = dictionary.GetEnumerator();
            while (entries.MoveNext()) yield return entries.Entry;
        }

        private static string JoinItems(IEnumerable items, Func<object, object?>? unwrap)
        {
            var joined = new StringBuilder();
            var first = true;
            foreach (var item in items)
            {
                if (!first) joined.Append(ItemSeparator);
                first = false;
                joined.Append(FormatCell(item, unwrap));
            }
            return joined.ToString();
        }
    }
}
