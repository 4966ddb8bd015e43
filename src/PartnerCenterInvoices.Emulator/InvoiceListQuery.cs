using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace PartnerCenterInvoices.Emulator;

/// <summary>The query string of <c>GET /v1/invoices</c>, read and checked; parameter names in any case.</summary>
internal sealed class InvoiceListQuery
{
    public const int DefaultPageSize = 200;
    public const int MaxPageSize = 1000;

    public int PageSize { get; private init; } = DefaultPageSize;
    public long Offset { get; private init; }
    public InvoiceType? InvoiceType { get; private init; }

    /// <summary>The invoiceType and filter values as sent, carried into the next link so a client's own spelling survives.</summary>
    public string? InvoiceTypeText { get; private init; }
    public string? FilterText { get; private init; }
    public InvoiceFilter? Filter { get; private init; }

    /// <summary><c>seekOperation=Next</c>: resume where the <c>MS-ContinuationToken</c> header says.</summary>
    public bool SeekNext { get; private init; }

    public static bool TryParse(IQueryCollection query, [NotNullWhen(true)] out InvoiceListQuery? parsed, [NotNullWhen(false)] out ServiceError? error)
    {
        parsed = null;
        if (!TryGetSingle(query, "size", out var sizeText, out error)
            || !TryGetSingle(query, "offset", out var offsetText, out error)
            || !TryGetSingle(query, "invoiceType", out var typeText, out error)
            || !TryGetSingle(query, "filter", out var filterText, out error)
            || !TryGetSingle(query, "seekOperation", out var seekText, out error))
        {
            return false;
        }

        var size = DefaultPageSize;
        if (sizeText is not null && (!int.TryParse(sizeText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out size) || size < 1 || size > MaxPageSize))
        {
            error = ServiceError.InvalidQueryParameter("size", sizeText, $"the page size must be an integer from 1 to {MaxPageSize}");
            return false;
        }

        long offset = 0;
        if (offsetText is not null && (!long.TryParse(offsetText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            error = ServiceError.InvalidQueryParameter("offset", offsetText, "the offset must be an integer of 0 or more");
            return false;
        }

        // Documented as "recurring" and "one_time", shown in samples as "Recurring" and "OneTime": accept every such spelling.
        InvoiceType? type = null;
        if (!string.IsNullOrEmpty(typeText))
        {
            type = typeText.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant() switch
            {
                "recurring" => Emulator.InvoiceType.Recurring,
                "onetime" => Emulator.InvoiceType.OneTime,
                _ => null,
            };
            if (type is null)
            {
                error = ServiceError.InvalidQueryParameter("invoiceType", typeText, "the accepted values are 'Recurring' and 'OneTime'");
                return false;
            }
        }

        InvoiceFilter? filter = null;
        if (!string.IsNullOrWhiteSpace(filterText) && !InvoiceFilter.TryParse(filterText, out filter, out var problem))
        {
            error = ServiceError.InvalidFilter(problem);
            return false;
        }

        var seekNext = false;
        if (seekText is not null)
        {
            if (!string.Equals(seekText, "Next", StringComparison.OrdinalIgnoreCase))
            {
                error = ServiceError.InvalidQueryParameter("seekOperation", seekText, "the only accepted value is 'Next'");
                return false;
            }
            seekNext = true;
        }

        parsed = new InvoiceListQuery
        {
            PageSize = size,
            Offset = offset,
            InvoiceType = type,
            InvoiceTypeText = string.IsNullOrEmpty(typeText) ? null : typeText,
            FilterText = filter is null ? null : filterText,
            Filter = filter,
            SeekNext = seekNext,
        };
        return true;
    }

    private static bool TryGetSingle(IQueryCollection query, string name, out string? value, [NotNullWhen(false)] out ServiceError? error)
    {
        error = null;
        value = null;
        if (!query.TryGetValue(name, out StringValues values) || values.Count == 0) return true;
        if (values.Count > 1)
        {
            error = ServiceError.RepeatedQueryParameter(name);
            return false;
        }
        value = values[0] ?? "";
        return true;
    }
}
