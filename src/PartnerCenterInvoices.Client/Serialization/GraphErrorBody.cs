using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
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
