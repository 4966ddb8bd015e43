using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>One file of an export: its name under the manifest's rootDirectory, and which partition it holds.</summary>
    public sealed class ExportBlob
    {
        [JsonPropertyName("name")] public string? Name { get; set; }
        [JsonPropertyName("partitionValue")] public string? PartitionValue { get; set; }
        /// <summary>Not in Graph's schema; Microsoft's sample reads it, so it is kept when present.</summary>
        [JsonPropertyName("sizeInBytes")] public long? SizeInBytes { get; set; }
        [JsonPropertyName("itemCount")] public long? ItemCount { get; set; }

        public override string ToString() => Name ?? string.Empty;
    }
}
