using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>The error of a failed export or Graph request (Graph's publicError).</summary>
    public sealed class GraphPublicError
    {
        [JsonPropertyName("code")] public string? Code { get; set; }
        [JsonPropertyName("message")] public string? Message { get; set; }
        [JsonPropertyName("target")] public string? Target { get; set; }
    }
}
