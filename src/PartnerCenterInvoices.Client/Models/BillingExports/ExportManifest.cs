using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>Where a finished export's files are: a blob folder, a SAS token for it, and the file names.</summary>
    /// <remarks>
    /// dataFormat is documented as compressedJSONLines and returned as compressedJSON; partitionType as
    /// Default and default. Neither decides anything here: every file is read as gzip JSON lines.
    /// </remarks>
    public sealed class ExportManifest
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("schemaVersion")] public string? SchemaVersion { get; set; }
        [JsonPropertyName("dataFormat")] public string? DataFormat { get; set; }
        [JsonPropertyName("createdDateTime")] public DateTimeOffset? CreatedDateTime { get; set; }
        [JsonPropertyName("eTag")] public string? ETag { get; set; }
        [JsonPropertyName("partnerTenantId")] public string? PartnerTenantId { get; set; }
        [JsonPropertyName("rootDirectory")] public string? RootDirectory { get; set; }
        /// <summary>The SAS query string; a secret while it lasts, so never logged or shown.</summary>
        [JsonPropertyName("sasToken")] public string? SasToken { get; set; }
        [JsonPropertyName("partitionType")] public string? PartitionType { get; set; }
        [JsonPropertyName("blobCount")] public int? BlobCount { get; set; }
        [JsonPropertyName("blobs")] public List<ExportBlob> Blobs { get; set; } = new List<ExportBlob>();

        /// <summary>The download URL of one file: rootDirectory/name?sasToken.</summary>
        public Uri BlobUri(ExportBlob blob)
        {
            if (string.IsNullOrWhiteSpace(RootDirectory)) throw new FormatException("The export manifest has no rootDirectory.");
            if (blob is null || string.IsNullOrWhiteSpace(blob.Name)) throw new FormatException("The export manifest lists a file without a name.");
            var sas = (SasToken ?? string.Empty).TrimStart('?');
            var text = RootDirectory!.TrimEnd('/') + "/" + blob.Name!.TrimStart('/') + (sas.Length == 0 ? string.Empty : "?" + sas);
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                throw new FormatException($"The export manifest's rootDirectory '{RootDirectory}' is not an http(s) URL.");
            // The SAS is a credential: plain http only to this machine (a local storage emulator), as for -Endpoint.
            if (uri.Scheme == Uri.UriSchemeHttp && !ConnectionSettings.IsLoopback(uri))
                throw new FormatException($"The export manifest's rootDirectory '{RootDirectory}' is plain http to another machine; the SAS is sent only over https.");
            return uri;
        }
    }
}
