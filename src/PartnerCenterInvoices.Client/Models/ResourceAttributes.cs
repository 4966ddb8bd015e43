using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>The service's object type and etag of a resource.</summary>
    public sealed class ResourceAttributes
    {
        [JsonPropertyName("etag")] public string? Etag { get; set; }
        [JsonPropertyName("objectType")] public string? ObjectType { get; set; }
    }
}
