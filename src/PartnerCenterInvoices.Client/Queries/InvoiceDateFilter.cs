using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace PartnerCenterInvoices.Queries
{
    /// <summary>Builds the service's <c>filter</c> JSON for an invoice-date range.</summary>
    /// <remarks>
    /// The shape is the one the Partner Center .NET SDK sends: a simple field filter
    /// <c>{"Field":"InvoiceDate","Value":…,"Operator":…}</c>, or two of them under
    /// <c>{"Filters":[…],"Operator":"and"}</c>. Dates go out as UTC ISO 8601.
    /// </remarks>
    public static class InvoiceDateFilter
    {
        /// <summary>
        /// A value at midnight is taken as a calendar day, as a person typing 2025-01-31 means it: the
        /// day starts at 00:00:00Z for a start date and ends at 23:59:59Z for an end date, whatever the
        /// local time zone (PowerShell turns a bare date into local midnight, which would shift the day).
        /// </summary>
        public static string? Build(DateTimeOffset? from, DateTimeOffset? to)
        {
            from = from is DateTimeOffset f && f.TimeOfDay == TimeSpan.Zero ? new DateTimeOffset(f.Date, TimeSpan.Zero) : from;
            to = to is DateTimeOffset t && t.TimeOfDay == TimeSpan.Zero ? new DateTimeOffset(t.Date.AddDays(1).AddSeconds(-1), TimeSpan.Zero) : to;
            if (from is not null && to is not null && from > to)
                throw new ArgumentException($"The start date {from:u} is after the end date {to:u}.", nameof(from));
            if (from is null && to is null) return null;

            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                if (from is not null && to is not null)
                {
                    writer.WriteStartObject();
                    writer.WriteStartArray("Filters");
                    WriteField(writer, from.Value, "greater_than_or_equals");
                    WriteField(writer, to.Value, "less_than_or_equals");
                    writer.WriteEndArray();
                    writer.WriteString("Operator", "and");
                    writer.WriteEndObject();
                }
                else if (from is not null) WriteField(writer, from.Value, "greater_than_or_equals");
                else WriteField(writer, to!.Value, "less_than_or_equals");
            }
            return Encoding.UTF8.GetString(buffer.ToArray());
        }

        private static void WriteField(Utf8JsonWriter writer, DateTimeOffset value, string op)
        {
            writer.WriteStartObject();
            writer.WriteString("Field", "InvoiceDate");
            writer.WriteString("Value", value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("Operator", op);
            writer.WriteEndObject();
        }
    }
}
