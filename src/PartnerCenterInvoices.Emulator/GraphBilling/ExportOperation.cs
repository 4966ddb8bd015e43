namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>One export POST's long-running operation: what it exports (or why it will fail), and how often it was polled.</summary>
internal sealed class ExportOperation
{
    private int _polls;

    public required Guid Id { get; init; }
    public required DateTimeOffset Created { get; init; }

    /// <summary>The manifest a finished operation points to (<c>/reports/partners/billing/manifests/{id}</c>).</summary>
    public required Guid ManifestId { get; init; }

    /// <summary>The blobs being written, or null when the operation is bound to fail (<see cref="FailureMessage"/>).</summary>
    public Task<PreparedExport>? Export { get; init; }

    /// <summary>Why the operation fails (code 5000, "no data available"), e.g. for a legacy-commerce or unknown invoice.</summary>
    public string? FailureMessage { get; init; }

    public int CountPoll() => Interlocked.Increment(ref _polls);
}
