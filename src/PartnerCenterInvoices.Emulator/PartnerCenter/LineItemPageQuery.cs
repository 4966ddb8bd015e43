using System.Diagnostics.CodeAnalysis;

namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>Which page of an invoice's line items a request asks for, in either of the service's two styles.</summary>
/// <remarks>
/// Legacy: <c>/invoices/{id}/lineitems/{provider}/{type}?size=&amp;offset=</c>, paged by offset. Modern:
/// <c>/invoices/{id}/lineitems?provider=onetime|marketplace&amp;invoicelineitemtype=…&amp;size=</c>, paged by
/// continuation token. Names and values are read in any case and with or without <c>_</c>; <c>currencycode</c>
/// and <c>period</c> of the modern style are accepted and ignored (the emulator's lines are all of one period).
/// </remarks>
internal sealed class LineItemPageQuery
{
    public const int DefaultPageSize = 2000;
    public const int MaxPageSize = 2000;

    public required bool IsLegacy { get; init; }
    public required BillingProviders Provider { get; init; }
    public required LineItemKind Kind { get; init; }
    public int PageSize { get; private init; } = DefaultPageSize;
    public long Offset { get; private init; }
    public bool SeekNext { get; private init; }

    /// <summary>The legacy route. The path names Azure or Office; OneTime and Marketplace are accepted too, because the invoice's detail links name them that way.</summary>
    public static bool TryParseLegacy(string provider, string type, IQueryCollection query,
        [NotNullWhen(true)] out LineItemPageQuery? parsed, [NotNullWhen(false)] out ServiceError? error)
    {
        parsed = null;
        if (!TryReadProvider("provider", provider, allowLegacy: true, out var flag, out error)
            || !TryReadKind("invoicelineitemtype", type, out var kind, out error))
            return false;
        return TryReadPaging(query, isLegacy: true, flag, kind, out parsed, out error);
    }

    public static bool TryParseModern(IQueryCollection query, [NotNullWhen(true)] out LineItemPageQuery? parsed, [NotNullWhen(false)] out ServiceError? error)
    {
        parsed = null;
        if (!PagingQueryParameters.TryGetSingle(query, "provider", out var provider, out error) || !PagingQueryParameters.TryGetSingle(query, "invoicelineitemtype", out var type, out error))
            return false;
        if (string.IsNullOrEmpty(provider))
        {
            error = ServiceError.MissingQueryParameter("provider", "'onetime' or 'marketplace'");
            return false;
        }
        if (string.IsNullOrEmpty(type))
        {
            error = ServiceError.MissingQueryParameter("invoicelineitemtype", "'billinglineitems' or 'usagelineitems'");
            return false;
        }
        if (!TryReadProvider("provider", provider, allowLegacy: false, out var flag, out error) || !TryReadKind("invoicelineitemtype", type, out var kind, out error))
            return false;
        return TryReadPaging(query, isLegacy: false, flag, kind, out parsed, out error);
    }

    /// <summary>The provider as the legacy path spells it: Azure, Office, OneTime, Marketplace.</summary>
    public string ProviderPathSegment => Provider switch
    {
        BillingProviders.Azure => "Azure",
        BillingProviders.Office => "Office",
        BillingProviders.OneTime => "OneTime",
        _ => "Marketplace",
    };

    public string KindPathSegment => Kind == LineItemKind.Billing ? "BillingLineItems" : "UsageLineItems";

    /// <summary>The provider and type as the modern query spells them: onetime, billinglineitems.</summary>
    public string ProviderQueryValue => ProviderPathSegment.ToLowerInvariant();
    public string KindQueryValue => KindPathSegment.ToLowerInvariant();

    private static bool TryReadPaging(IQueryCollection query, bool isLegacy, BillingProviders provider, LineItemKind kind,
        [NotNullWhen(true)] out LineItemPageQuery? parsed, [NotNullWhen(false)] out ServiceError? error)
    {
        parsed = null;
        if (!PagingQueryParameters.TryGetSingle(query, "size", out var sizeText, out error)
            || !PagingQueryParameters.TryGetSingle(query, "offset", out var offsetText, out error)
            || !PagingQueryParameters.TryGetSingle(query, "seekOperation", out var seekText, out error)
            || !PagingQueryParameters.TryGetSingle(query, "currencycode", out _, out error)
            || !PagingQueryParameters.TryGetSingle(query, "period", out _, out error))
            return false;

        if (!PagingQueryParameters.TryReadPageSize(sizeText, DefaultPageSize, MaxPageSize, out var size, out error)
            || !PagingQueryParameters.TryReadOffset(offsetText, out var offset, out error)
            || !PagingQueryParameters.TryReadSeekNext(seekText, isLegacy ? "the Azure and Office line items page by offset" : null, out var seekNext, out error))
            return false;
        parsed = new LineItemPageQuery { IsLegacy = isLegacy, Provider = provider, Kind = kind, PageSize = size, Offset = offset, SeekNext = seekNext };
        return true;
    }

    private static bool TryReadProvider(string name, string text, bool allowLegacy, out BillingProviders provider, [NotNullWhen(false)] out ServiceError? error)
    {
        error = null;
        provider = Normalize(text) switch
        {
            "azure" when allowLegacy => BillingProviders.Azure,
            "office" when allowLegacy => BillingProviders.Office,
            "onetime" => BillingProviders.OneTime,
            "marketplace" => BillingProviders.Marketplace,
            _ => BillingProviders.None,
        };
        if (provider != BillingProviders.None) return true;
        error = ServiceError.InvalidQueryParameter(name, text, allowLegacy
            ? "the accepted providers are 'Azure' and 'Office' (and 'OneTime', 'Marketplace')"
            : "the accepted values are 'onetime' and 'marketplace'");
        return false;
    }

    private static bool TryReadKind(string name, string text, out LineItemKind kind, [NotNullWhen(false)] out ServiceError? error)
    {
        error = null;
        kind = LineItemKind.Billing;
        switch (Normalize(text))
        {
            case "billinglineitems":
                return true;
            case "usagelineitems":
                kind = LineItemKind.Usage;
                return true;
            default:
                error = ServiceError.InvalidQueryParameter(name, text, "the accepted values are 'BillingLineItems' and 'UsageLineItems'");
                return false;
        }
    }

    private static string Normalize(string text) => text.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant();
}
