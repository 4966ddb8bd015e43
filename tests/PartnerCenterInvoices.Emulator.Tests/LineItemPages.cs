using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>Where the module reads an invoice detail's lines, and what each line adds to the invoice total.</summary>
public static class LineItemPages
{
    public static readonly string[] Providers = ["azure", "office", "one_time", "marketplace"];

    /// <summary>The first page's URI as the module's LineItemQuery builds it: the legacy route for Azure and Office, the modern one otherwise.</summary>
    public static string FirstUri(string id, string provider, bool billing, int size) => provider switch
    {
        "azure" or "office" => $"v1/invoices/{id}/lineitems/{(provider == "azure" ? "Azure" : "Office")}/{(billing ? "BillingLineItems" : "UsageLineItems")}?size={size}&offset=0",
        _ => $"v1/invoices/{id}/lineitems?provider={(provider == "one_time" ? "onetime" : "marketplace")}&invoicelineitemtype={(billing ? "billinglineitems" : "usagelineitems")}&size={size}",
    };

    public static async Task<List<JsonElement>> ReadAllAsync(EmulatorProcess emulator, string token, string id, string provider, bool billing, int size) =>
        InvoicePages.Items(await InvoicePages.ReadAllAsync(emulator, token, FirstUri(id, provider, billing, size)));

    /// <summary>The line's LineTotal as the module's models define it.</summary>
    public static decimal LineTotal(JsonElement line) => line.GetProperty("attributes").GetProperty("objectType").GetString() switch
    {
        "LicenseBasedLineItem" or "OneTimeInvoiceLineItem" => line.GetProperty("totalForCustomer").GetDecimal(),
        "UsageBasedLineItem" => line.GetProperty("postTaxTotal").GetDecimal(),
        _ => line.GetProperty("billingPreTaxTotal").GetDecimal(),
    };
}
