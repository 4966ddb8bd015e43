using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>A link the service returns: a URI relative to the API version root, a method and headers to send.</summary>
    public sealed class Link
    {
        [JsonPropertyName("uri")] public string? Uri { get; set; }
        [JsonPropertyName("method")] public string? Method { get; set; }
        [JsonPropertyName("headers")] public List<LinkHeader>? Headers { get; set; }

        public override string ToString() => Uri ?? string.Empty;
    }
}
