namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>Export files kept by another storage service: the directory URL, a SAS for it, and the blob names a manifest lists.</summary>
internal sealed record ExternalExportFiles(string RootDirectory, string SasToken, IReadOnlyList<string> Blobs);

/// <summary>Where the manifests of exports started from now on point: the emulator's own blob host, or files in another storage service.</summary>
/// <remarks>
/// Set with <c>POST /_emulator/exports/external</c> so a spec can read an export's files from a real storage
/// server (Azurite) through the module's whole flow: POST, polls and manifest stay the emulator's, only the
/// blobs are elsewhere. The SAS is served as given, never re-minted, so an expired one stays expired. An
/// operation keeps the setting in force when its POST arrived; legacy and unknown invoices still fail.
/// </remarks>
internal sealed class ExternalExports
{
    private volatile ExternalExportFiles? _current;

    public ExternalExportFiles? Current => _current;

    public void Set(ExternalExportFiles? files) => _current = files;
}
