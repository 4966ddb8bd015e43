using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>The self, next and previous links of a resource.</summary>
    public sealed class ResourceLinks
    {
        [JsonPropertyName("self")] public Link? Self { get; set; }
        [JsonPropertyName("next")] public Link? Next { get; set; }
        [JsonPropertyName("previous")] public Link? Previous { get; set; }
    }
}
