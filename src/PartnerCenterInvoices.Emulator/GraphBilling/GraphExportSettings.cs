namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>How the Graph billing exports behave, from the command line; the defaults are what the specs expect.</summary>
internal sealed record GraphExportSettings
{
    public const long MaxLines = 1_000_000_000;
    public const int MaxBlobs = 1000;

    /// <summary>Line items in each export (--export-lines).</summary>
    public long LinesPerExport { get; init; } = 1000;

    /// <summary>Blobs each export is split into, lines in order (--export-blobs).</summary>
    public int BlobsPerExport { get; init; } = 3;

    /// <summary>Polls an operation answers running before it finishes (--export-running-polls).</summary>
    public int RunningPolls { get; init; } = 1;

    /// <summary>Seconds after its POST before an operation may finish (--export-ready-after-seconds).</summary>
    public int ReadyAfterSeconds { get; init; }

    /// <summary>The Retry-After of a running operation (--export-retry-after).</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>A finished operation holds the manifest itself rather than a navigation link to it (--manifest-style inline).</summary>
    public bool InlineManifest { get; init; }

    /// <summary>The status of a finished operation: "succeeded", or "completed" as some of the docs spell it.</summary>
    public string SucceededStatus { get; init; } = "succeeded";

    public int SasLifetimeSeconds { get; init; } = 3600;

    /// <summary>Bytes a second each blob download is held to, or null for as fast as it goes.</summary>
    public long? BlobBytesPerSecond { get; init; }

    public int BlobLatencyMilliseconds { get; init; }

    /// <summary>Undocumented fields added to every line, as a service that grew a field would (--extra-line-field).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ExtraLineFields { get; init; } = [];
}
