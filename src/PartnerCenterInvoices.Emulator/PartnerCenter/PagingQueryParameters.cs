using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>
/// Reads the query parameters every paged collection shares: each parameter at most once, <c>size</c>,
/// <c>offset</c> and <c>seekOperation</c>.
/// </summary>
/// <remarks>
/// The invoice list and the line-item pages validate these the same way and answer with the same errors; one
/// reader keeps the two from drifting apart. Each collection passes in its own page-size limits.
/// </remarks>
internal static class PagingQueryParameters
{
    /// <summary>The value of <paramref name="name"/> if present (<c>""</c> for a bare name); an error if it is repeated.</summary>
    public static bool TryGetSingle(IQueryCollection query, string name, out string? value, [NotNullWhen(false)] out ServiceError? error)
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

    /// <summary><c>size</c>: an integer from 1 to <paramref name="maxPageSize"/>, <paramref name="defaultPageSize"/> when absent.</summary>
    public static bool TryReadPageSize(string? sizeText, int defaultPageSize, int maxPageSize, out int size, [NotNullWhen(false)] out ServiceError? error)
    {
        error = null;
        size = defaultPageSize;
        if (sizeText is not null && (!int.TryParse(sizeText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out size) || size < 1 || size > maxPageSize))
        {
            error = ServiceError.InvalidQueryParameter("size", sizeText, $"the page size must be an integer from 1 to {maxPageSize}");
            return false;
        }
        return true;
    }

    /// <summary><c>offset</c>: an integer of 0 or more, 0 when absent.</summary>
    public static bool TryReadOffset(string? offsetText, out long offset, [NotNullWhen(false)] out ServiceError? error)
    {
        error = null;
        offset = 0;
        if (offsetText is not null && (!long.TryParse(offsetText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out offset) || offset < 0))
        {
            error = ServiceError.InvalidQueryParameter("offset", offsetText, "the offset must be an integer of 0 or more");
            return false;
        }
        return true;
    }

    /// <summary>
    /// <c>seekOperation</c>: absent, or <c>Next</c> in any case. <paramref name="refusal"/>, when given, refuses every
    /// value with that reason (for collections that page by offset only).
    /// </summary>
    public static bool TryReadSeekNext(string? seekText, string? refusal, out bool seekNext, [NotNullWhen(false)] out ServiceError? error)
    {
        error = null;
        seekNext = false;
        if (seekText is null) return true;
        if (refusal is not null || !string.Equals(seekText, "Next", StringComparison.OrdinalIgnoreCase))
        {
            error = ServiceError.InvalidQueryParameter("seekOperation", seekText, refusal ?? "the only accepted value is 'Next'");
            return false;
        }
        seekNext = true;
        return true;
    }
}
