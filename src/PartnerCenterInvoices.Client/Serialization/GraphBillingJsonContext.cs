using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>Source-generated JSON metadata for Microsoft Graph's billing exports: operations, manifests, errors.</summary>
    /// <remarks>
    /// Keys match case-insensitively (the export files' casing is not documented), numbers may come as
    /// strings, and text, amounts and dates each read leniently (see their converters), because one odd
    /// line must not end an export of millions. The lines themselves are read by LineItemParser, with the
    /// same converters' rules.
    /// </remarks>
    [JsonSourceGenerationOptions(
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = new[] { typeof(LenientDateTimeOffsetConverter), typeof(UtcDateTimeOffsetConverter), typeof(LenientDecimalConverter), typeof(LenientStringConverter) })]
    [JsonSerializable(typeof(ExportOperation))]
    [JsonSerializable(typeof(ExportManifest))]
    [JsonSerializable(typeof(GraphErrorBody))]
    internal sealed partial class GraphBillingJsonContext : JsonSerializerContext
    {
    }
}
