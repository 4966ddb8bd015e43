using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>The error body the service returns, in any of the shapes it is known to use.</summary>
    /// <remarks>
    /// Partner Center answers <c>{code, description, data, source}</c>; gateways in front of it answer
    /// <c>{message}</c> or, when throttling, <c>{statusCode, message}</c>. All three land here.
    /// </remarks>
    internal sealed class ServiceErrorBody
    {
        [JsonPropertyName("code")] public JsonElement Code { get; set; }
        [JsonPropertyName("description")] public string? Description { get; set; }
        [JsonPropertyName("message")] public string? Message { get; set; }
        [JsonPropertyName("source")] public string? Source { get; set; }
        [JsonPropertyName("data")] public JsonElement Data { get; set; }

        public string? CodeText => Code.ValueKind switch
        {
            JsonValueKind.String => Code.GetString(),
            JsonValueKind.Number => Code.GetRawText(),
            _ => null,
        };

        public string? Text => !string.IsNullOrWhiteSpace(Description) ? Description : Message;
    }
}
