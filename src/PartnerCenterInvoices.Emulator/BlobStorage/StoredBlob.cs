namespace PartnerCenterInvoices.Emulator.BlobStorage;

/// <summary>A blob the host serves: its name in its directory, the file that holds its bytes, and the headers that describe them.</summary>
internal sealed record StoredBlob(string Name, string FilePath, long Length, string ETag, DateTimeOffset LastModified);
