using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>The state of a Graph billing export (the answer to GET .../billing/operations/{id}).</summary>
    /// <remarks>
    /// The docs disagree with themselves: status is <c>succeeded</c> in the schema and the examples,
    /// <c>completed</c> in two resource pages; the manifest comes inline as <c>resourceLocation</c>
    /// (Microsoft's sample) or as a <c>resourceLocation@odata.navigationLink</c> (the API pages).
    /// Every spelling and both shapes are accepted, and the derived type decides when the status is new.
    /// </remarks>
    public sealed class ExportOperation
    {
        [JsonPropertyName("@odata.type")] public string? ODataType { get; set; }
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("createdDateTime")] public DateTimeOffset? CreatedDateTime { get; set; }
        [JsonPropertyName("lastActionDateTime")] public DateTimeOffset? LastActionDateTime { get; set; }
        [JsonPropertyName("status")] public string? Status { get; set; }
        [JsonPropertyName("resourceLocation")] public JsonElement ResourceLocation { get; set; }
        [JsonPropertyName("resourceLocation@odata.navigationLink")] public string? ResourceLocationLink { get; set; }
        [JsonPropertyName("error")] public GraphPublicError? Error { get; set; }

        public bool IsSucceeded =>
            Is(Status, "succeeded") || Is(Status, "completed") ||
            (!IsKnownStatus && EndsWith(ODataType, "exportSuccessOperation"));

        public bool IsFailed => Is(Status, "failed") || (!IsKnownStatus && EndsWith(ODataType, "failedOperation"));

        /// <summary>Neither finished nor failed: notStarted, running, or a status this version does not know.</summary>
        public bool IsRunning => !IsSucceeded && !IsFailed;

        /// <summary>The manifest when it came inline, or null.</summary>
        internal ExportManifest? InlineManifest() =>
            ResourceLocation.ValueKind == JsonValueKind.Object ? ResourceLocation.Deserialize(GraphBillingJsonContext.Default.ExportManifest) : null;

        /// <summary>Where to read the manifest when it did not come inline: the navigation link, or a URL given as resourceLocation.</summary>
        public string? ManifestLink =>
            !string.IsNullOrWhiteSpace(ResourceLocationLink) ? ResourceLocationLink :
            ResourceLocation.ValueKind == JsonValueKind.String ? ResourceLocation.GetString() : null;

        private bool IsKnownStatus =>
            Is(Status, "succeeded") || Is(Status, "completed") || Is(Status, "failed") || Is(Status, "running") || Is(Status, "notStarted");

        private static bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

        private static bool EndsWith(string? value, string suffix) => value is not null && value.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
    }
}
