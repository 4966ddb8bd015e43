using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>Source-generated JSON metadata for Microsoft Graph's billing exports: operations, manifests, errors, lines.</summary>
    /// <remarks>
    /// Keys match case-insensitively (the export files' casing is not documented), numbers may come as
    /// strings, and text, amounts and dates each read leniently (see their converters), because one odd
    /// line must not end an export of millions.
    /// </remarks>
    [JsonSourceGenerationOptions(
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = new[] { typeof(UtcDateConverter), typeof(LenientDecimalConverter), typeof(LenientStringConverter) })]
    [JsonSerializable(typeof(ExportOperation))]
    [JsonSerializable(typeof(ExportManifest))]
    [JsonSerializable(typeof(GraphErrorBody))]
    [JsonSerializable(typeof(ReconciliationLineItem))]
    [JsonSerializable(typeof(UsageLineItem))]
    internal sealed partial class GraphBillingJsonContext : JsonSerializerContext
    {
    }

    /// <summary>Graph's error body: <c>{"error":{"code","message","innerError":{"request-id","client-request-id","date"}}}</c>.</summary>
    internal sealed class GraphErrorBody
    {
        [JsonPropertyName("error")] public GraphErrorDetail? Error { get; set; }
    }

    internal sealed class GraphErrorDetail
    {
        [JsonPropertyName("code")] public string? Code { get; set; }
        [JsonPropertyName("message")] public string? Message { get; set; }
        [JsonPropertyName("innerError")] public GraphInnerError? InnerError { get; set; }
    }

    internal sealed class GraphInnerError
    {
        [JsonPropertyName("request-id")] public string? RequestId { get; set; }
        [JsonPropertyName("client-request-id")] public string? ClientRequestId { get; set; }
        [JsonPropertyName("date")] public string? Date { get; set; }
    }
}
