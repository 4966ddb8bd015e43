namespace PartnerCenterInvoices.Emulator.Hosting;

/// <summary>The base URLs the emulator listens on (the main one, and the blob host's); known only once Kestrel has bound its ports.</summary>
internal sealed class EmulatorAddress
{
    private string? _baseUrl;
    private string? _blobBaseUrl;

    /// <summary>The blob host's base URL, e.g. <c>https://127.0.0.1:41235</c>: a second origin, as Azure Storage is to Graph.</summary>
    public string BlobBaseUrl
    {
        get => _blobBaseUrl ?? throw new InvalidOperationException("The emulator has not bound its blob port yet.");
        set => _blobBaseUrl = value.TrimEnd('/');
    }

    /// <summary>The port of the blob host, or 0 before it is bound.</summary>
    public int BlobPort { get; set; }

    /// <summary>Whether a request came to the blob host's port rather than the main one.</summary>
    public bool IsBlobHost(HttpContext context) => BlobPort != 0 && context.Connection.LocalPort == BlobPort;

    public string BaseUrl
    {
        get => _baseUrl ?? throw new InvalidOperationException("The emulator has not bound its port yet.");
        set => _baseUrl = value.TrimEnd('/');
    }
}
