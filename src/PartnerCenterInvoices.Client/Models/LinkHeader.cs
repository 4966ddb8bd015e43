using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>A header the service asks to be sent with a link, such as <c>MS-ContinuationToken</c>.</summary>
    public sealed class LinkHeader
    {
        [JsonPropertyName("key")] public string? Key { get; set; }
        [JsonPropertyName("value")] public string? Value { get; set; }
    }
}
