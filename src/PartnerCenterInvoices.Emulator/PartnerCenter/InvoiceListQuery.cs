using System.Diagnostics.CodeAnalysis;

namespace PartnerCenterInvoices.Emulator.PartnerCenter;

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
        if (!PagingQueryParameters.TryGetSingle(query, "size", out var sizeText, out error)
            || !PagingQueryParameters.TryGetSingle(query, "offset", out var offsetText, out error)
            || !PagingQueryParameters.TryGetSingle(query, "invoiceType", out var typeText, out error)
            || !PagingQueryParameters.TryGetSingle(query, "filter", out var filterText, out error)
            || !PagingQueryParameters.TryGetSingle(query, "seekOperation", out var seekText, out error))
        {
            return false;
        }

        if (!PagingQueryParameters.TryReadPageSize(sizeText, DefaultPageSize, MaxPageSize, out var size, out error)
            || !PagingQueryParameters.TryReadOffset(offsetText, out var offset, out error))
        {
            return false;
        }

        // Documented as "recurring" and "one_time", shown in samples as "Recurring" and "OneTime": accept every such spelling.
        InvoiceType? type = null;
        if (!string.IsNullOrEmpty(typeText))
        {
            type = typeText.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant() switch
            {
                "recurring" => PartnerCenter.InvoiceType.Recurring,
                "onetime" => PartnerCenter.InvoiceType.OneTime,
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

        if (!PagingQueryParameters.TryReadSeekNext(seekText, refusal: null, out var seekNext, out error))
        {
            return false;
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
}
