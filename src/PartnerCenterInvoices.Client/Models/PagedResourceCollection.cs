using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>One page of a collection as the service returns it.</summary>
    /// <remarks><see cref="TotalCount"/> is the number of items on this page, not in the whole collection.</remarks>
    public sealed class PagedResourceCollection<T>
    {
        [JsonPropertyName("totalCount")] public int TotalCount { get; set; }
        [JsonPropertyName("items")] public List<T> Items { get; set; } = new List<T>();
        [JsonPropertyName("continuationToken")] public string? ContinuationToken { get; set; }
        [JsonPropertyName("links")] public ResourceLinks? Links { get; set; }
        [JsonPropertyName("attributes")] public ResourceAttributes? Attributes { get; set; }
    }
}
