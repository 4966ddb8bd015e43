namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>An export whose blobs are written and published: what its manifest describes.</summary>
internal sealed record PreparedExport(ExportScope Scope, IReadOnlyList<StoredBlob> Blobs, string ETag, DateTimeOffset Created)
{
    /// <summary>Files in another storage service that the manifest lists instead of <see cref="Blobs"/> (see <see cref="ExternalExports"/>).</summary>
    public ExternalExportFiles? External { get; init; }
}
