using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>Writes a billing manifest (the <c>resourceLocation</c> of a finished export), with a SAS token minted for this read.</summary>
/// <remarks>
/// Values follow the real payloads the reference quotes: <c>schemaVersion</c> "2", <c>dataFormat</c>
/// "compressedJSON", <c>partitionType</c> "default", every blob with <c>partitionValue</c> "default".
/// </remarks>
internal static class ManifestJsonWriter
{
    public static void Write(Utf8JsonWriter writer, Guid manifestId, PreparedExport export, string blobBaseUrl, Guid partnerTenantId, string sasToken)
    {
        writer.WriteStartObject();
        writer.WriteString("id", manifestId);
        writer.WriteString("schemaVersion", "2");
        writer.WriteString("dataFormat", "compressedJSON");
        writer.WriteString("createdDateTime", GraphTime.Format(export.Created));
        writer.WriteString("eTag", export.ETag);
        writer.WriteString("partnerTenantId", partnerTenantId);
        var external = export.External;
        writer.WriteString("rootDirectory", external?.RootDirectory ?? blobBaseUrl + export.Scope.Directory);
        writer.WriteString("sasToken", sasToken);
        writer.WriteString("partitionType", "default");
        var names = external?.Blobs ?? [.. export.Blobs.Select(blob => blob.Name)];
        writer.WriteNumber("blobCount", names.Count);
        writer.WriteStartArray("blobs");
        foreach (var name in names)
        {
            writer.WriteStartObject();
            writer.WriteString("name", name);
            writer.WriteString("partitionValue", "default");
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

