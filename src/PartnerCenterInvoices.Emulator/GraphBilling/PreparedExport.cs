namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>An export whose blobs are written and published: what its manifest describes.</summary>
internal sealed record PreparedExport(ExportScope Scope, IReadOnlyList<StoredBlob> Blobs, string ETag, DateTimeOffset Created);
