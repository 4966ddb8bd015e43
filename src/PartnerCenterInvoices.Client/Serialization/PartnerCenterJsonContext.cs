using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>Source-generated JSON metadata: no reflection at run time, so the first page parses fast.</summary>
    [JsonSourceGenerationOptions(
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = new[] { typeof(LenientDateTimeOffsetConverter), typeof(UtcDateTimeOffsetConverter) })]
    [JsonSerializable(typeof(PagedResourceCollection<Invoice>))]
    [JsonSerializable(typeof(Invoice))]
    [JsonSerializable(typeof(PagedResourceCollection<InvoiceSummary>))]
    [JsonSerializable(typeof(PagedResourceCollection<LicenseBasedLineItem>))]
    [JsonSerializable(typeof(PagedResourceCollection<UsageBasedLineItem>))]
    [JsonSerializable(typeof(PagedResourceCollection<OneTimeInvoiceLineItem>))]
    [JsonSerializable(typeof(PagedResourceCollection<DailyRatedUsageLineItem>))]
    [JsonSerializable(typeof(ServiceErrorBody))]
    internal sealed partial class PartnerCenterJsonContext : JsonSerializerContext
    {
    }
}
