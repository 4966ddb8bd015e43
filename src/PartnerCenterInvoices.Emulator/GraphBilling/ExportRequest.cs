using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>The body of an export POST, checked as the service checks it: the parameters the action declares, nothing else.</summary>
/// <remarks>
/// Billed exports take <c>invoiceId</c>; unbilled ones <c>currencyCode</c> and <c>billingPeriod</c>
/// (<c>current</c> or <c>last</c>); all take <c>attributeSet</c> (<c>full</c>, the default, or <c>basic</c>).
/// Names and values are read in any case. An invoice id that names no new-commerce invoice is accepted here:
/// like the real service, its operation fails later (code 5000), not the POST.
/// </remarks>
internal sealed record ExportRequest(ExportKind Kind, AttributeSet AttributeSet, string? InvoiceId, Currency? Currency, bool LastPeriod)
{
    public static bool IsBilled(ExportKind kind) => kind is ExportKind.BilledReconciliation or ExportKind.BilledUsage;

    public static ExportRequest Parse(ExportKind kind, JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object) throw new FormatException("The request body must be a JSON object.");
        var billed = IsBilled(kind);
        string? invoiceId = null, currencyCode = null, billingPeriod = null, attributeSet = null;
        foreach (var property in body.EnumerateObject())
        {
            var name = property.Name.ToLowerInvariant();
            var known = name == "attributeset" || (billed ? name == "invoiceid" : name is "currencycode" or "billingperiod");
            if (!known)
                throw new FormatException($"The parameter '{property.Name}' in the request payload is not a valid parameter for the operation 'export'.");
            if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                throw new FormatException($"The parameter '{property.Name}' must be a string.");
            var value = property.Value.GetString();
            switch (name)
            {
                case "invoiceid": invoiceId = value; break;
                case "currencycode": currencyCode = value; break;
                case "billingperiod": billingPeriod = value; break;
                default: attributeSet = value; break;
            }
        }

        var set = attributeSet?.ToLowerInvariant() switch
        {
            null or "full" => AttributeSet.Full,
            "basic" => AttributeSet.Basic,
            _ => throw new FormatException($"The value '{Shorten(attributeSet!)}' of 'attributeSet' is not valid: use 'full' or 'basic'."),
        };
        if (billed)
        {
            if (string.IsNullOrWhiteSpace(invoiceId)) throw new FormatException("The parameter 'invoiceId' is required and must not be empty.");
            return new ExportRequest(kind, set, invoiceId.Trim(), null, false);
        }

        if (string.IsNullOrEmpty(currencyCode)) throw new FormatException("The parameter 'currencyCode' is required: a currency code such as USD.");
        var currency = PartnerCenter.Currency.All.FirstOrDefault(c => c.CodeText.Equals(currencyCode, StringComparison.OrdinalIgnoreCase))
            ?? throw new FormatException($"The value '{Shorten(currencyCode)}' of 'currencyCode' is not a currency this partner bills in " +
                $"({string.Join(", ", PartnerCenter.Currency.All.Select(c => c.CodeText))}).");
        var last = billingPeriod?.ToLowerInvariant() switch
        {
            "current" => false,
            "last" => true,
            null or "" => throw new FormatException("The parameter 'billingPeriod' is required: 'current' or 'last'."),
            _ => throw new FormatException($"The value '{Shorten(billingPeriod)}' of 'billingPeriod' is not valid: use 'current' or 'last'."),
        };
        return new ExportRequest(kind, set, null, currency, last);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
