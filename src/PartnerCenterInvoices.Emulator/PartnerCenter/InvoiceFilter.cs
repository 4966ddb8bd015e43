using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>The <c>filter</c> query parameter: a predicate on the invoice date, as the Partner Center .NET SDK sends it.</summary>
/// <remarks>
/// <para>
/// Simple: <c>{"Field":"InvoiceDate","Value":"2024-01-01T00:00:00Z","Operator":"greater_than_or_equals"}</c>.
/// Compound: <c>{"Filters":[two or more filters],"Operator":"and"|"or"}</c>. How the real service reads the
/// filter is not documented; the emulator chose to be tolerant in spelling (property names, operators and
/// the field in any case, with or without underscores) and strict in meaning (an unknown field, operator
/// or a date it cannot read is a 400, never a silently ignored filter).
/// </para>
/// <para>
/// Each filter also knows the range of dates it can possibly match, which lets a scan skip straight to
/// the first candidate and stop once dates fall below the range.
/// </para>
/// </remarks>
internal abstract class InvoiceFilter
{
    private const int MaxDepth = 8;

    public abstract bool Matches(long invoiceDateTicks);

    /// <summary>No invoice dated before this (UTC ticks) can match.</summary>
    public abstract long EarliestMatchingTicks { get; }

    /// <summary>No invoice dated after this (UTC ticks) can match.</summary>
    public abstract long LatestMatchingTicks { get; }

    public static bool TryParse(string text, [NotNullWhen(true)] out InvoiceFilter? filter, [NotNullWhen(false)] out string? problem)
    {
        filter = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 2 * MaxDepth + 2 });
        }
        catch (JsonException)
        {
            problem = "it is not a JSON object";
            return false;
        }
        using (document)
        {
            return TryParse(document.RootElement, 1, out filter, out problem);
        }
    }

    private static bool TryParse(JsonElement element, int depth, [NotNullWhen(true)] out InvoiceFilter? filter, [NotNullWhen(false)] out string? problem)
    {
        filter = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            problem = "a filter must be a JSON object";
            return false;
        }
        if (depth > MaxDepth)
        {
            problem = $"compound filters nest at most {MaxDepth} deep";
            return false;
        }

        JsonElement? field = null, value = null, op = null, filters = null;
        foreach (var property in element.EnumerateObject())
        {
            switch (Normalize(property.Name))
            {
                case "field": field = property.Value; break;
                case "value": value = property.Value; break;
                case "operator": op = property.Value; break;
                case "filters": filters = property.Value; break;
            }
        }

        if (filters is not null) return TryParseCompound(filters.Value, op, depth, out filter, out problem);
        if (field is not null) return TryParseSimple(field.Value, value, op, out filter, out problem);
        problem = "a filter needs either Field, Value and Operator, or Filters and Operator";
        return false;
    }

    private static bool TryParseCompound(JsonElement filters, JsonElement? op, int depth,
        [NotNullWhen(true)] out InvoiceFilter? filter, [NotNullWhen(false)] out string? problem)
    {
        filter = null;
        if (filters.ValueKind != JsonValueKind.Array || filters.GetArrayLength() < 2)
        {
            problem = "Filters must be an array of two or more filters";
            return false;
        }
        var opText = op?.ValueKind == JsonValueKind.String ? op.Value.GetString() : null;
        bool all;
        switch (opText is null ? null : Normalize(opText))
        {
            case "and": all = true; break;
            case "or": all = false; break;
            default:
                problem = $"the Operator of a compound filter must be 'and' or 'or'{Found(op)}";
                return false;
        }

        var parts = new List<InvoiceFilter>();
        foreach (var child in filters.EnumerateArray())
        {
            if (!TryParse(child, depth + 1, out var part, out problem)) return false;
            parts.Add(part);
        }
        filter = new CompoundInvoiceFilter(all, parts);
        problem = null;
        return true;
    }

    private static bool TryParseSimple(JsonElement field, JsonElement? value, JsonElement? op,
        [NotNullWhen(true)] out InvoiceFilter? filter, [NotNullWhen(false)] out string? problem)
    {
        filter = null;
        var fieldName = field.ValueKind == JsonValueKind.String ? field.GetString() : null;
        if (fieldName is null || Normalize(fieldName) != "invoicedate")
        {
            problem = $"the only field invoices can be filtered on is 'InvoiceDate'{Found(field)}";
            return false;
        }

        var opText = op?.ValueKind == JsonValueKind.String ? op.Value.GetString() : null;
        FilterOperator? comparison = opText is null ? null : Normalize(opText) switch
        {
            "equals" or "eq" => FilterOperator.EqualTo,
            "notequals" or "ne" => FilterOperator.NotEqualTo,
            "greaterthan" or "gt" => FilterOperator.GreaterThan,
            "greaterthanorequals" or "ge" => FilterOperator.GreaterThanOrEqualTo,
            "lessthan" or "lt" => FilterOperator.LessThan,
            "lessthanorequals" or "le" => FilterOperator.LessThanOrEqualTo,
            _ => null,
        };
        if (comparison is null)
        {
            problem = "the Operator must be one of equals, not_equals, greater_than, greater_than_or_equals, less_than, " +
                $"less_than_or_equals{Found(op)}";
            return false;
        }

        var valueText = value?.ValueKind == JsonValueKind.String ? value.Value.GetString() : null;
        if (valueText is null || !DateTimeOffset.TryParse(valueText, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var date))
        {
            problem = $"the Value of an InvoiceDate filter must be a date such as '2024-01-01T00:00:00Z'{Found(value)}";
            return false;
        }

        filter = new InvoiceDateComparison(comparison.Value, date.UtcTicks);
        problem = null;
        return true;
    }

    private static string Normalize(string name) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();

    private static string Found(JsonElement? element)
    {
        if (element is null) return ", and it is missing";
        var raw = element.Value.GetRawText();
        return $", not {(raw.Length > 64 ? raw[..64] + "..." : raw)}";
    }
}
