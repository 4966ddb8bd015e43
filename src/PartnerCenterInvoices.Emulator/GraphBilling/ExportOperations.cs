using System.Collections.Concurrent;

namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>Starts exports and says how each operation stands when polled.</summary>
/// <remarks>
/// An operation stays running for <c>--export-running-polls</c> polls, until <c>--export-ready-after-seconds</c>
/// have passed since its POST, and until its blobs are written; then it has succeeded, or failed. As at the real
/// service, an invoice that has no new-commerce reconciliation data (a legacy "D" invoice, or one that does not
/// exist) is not refused by the POST: its operation fails with code 5000. Operations are kept for the life of the process.
/// </remarks>
internal sealed class ExportOperations(ExportPreparation preparation, InvoiceGenerator invoices, long invoiceCount, GraphExportSettings settings,
    Guid partnerTenantId, EmulatorStats stats, TimeProvider time, ExternalExports external)
{
    public const string NoDataCode = "5000";

    private readonly ConcurrentDictionary<Guid, ExportOperation> _operations = new();
    private readonly ConcurrentDictionary<Guid, ExportOperation> _byManifest = new();

    public ExportOperation Start(ExportRequest request)
    {
        stats.CountExportStarted();
        Task<PreparedExport>? export = null;
        string? failure = null;
        if (ExportRequest.IsBilled(request.Kind))
        {
            if (!InvoiceId.TryFind(request.InvoiceId!, invoices, invoiceCount, out var invoice))
                failure = $"No data available for the requested invoice '{Shorten(request.InvoiceId!)}'. The invoice is not known; check the id and try again later.";
            else if (invoice.Type != InvoiceType.OneTime)
                failure = $"No data available for the requested invoice '{Shorten(request.InvoiceId!)}'. Reconciliation data of legacy commerce invoices is not available from this API; use the Partner Center v1 invoice line items.";
            else
                export = Prepare(ExportScope.ForInvoice(request, invoice, request.InvoiceId!.ToUpperInvariant(), invoices.Seed, partnerTenantId));
        }
        else
        {
            export = Prepare(ExportScope.ForPeriod(request, invoices.Seed, partnerTenantId));
        }

        var operation = new ExportOperation
        {
            Id = Guid.NewGuid(),
            Created = time.GetUtcNow(),
            ManifestId = Guid.NewGuid(),
            Export = export,
            FailureMessage = failure,
        };
        _operations[operation.Id] = operation;
        _byManifest[operation.ManifestId] = operation;
        return operation;
    }

    // With files registered elsewhere nothing is written here: the manifest lists those files.
    private Task<PreparedExport> Prepare(ExportScope scope) => external.Current is { } files
        ? Task.FromResult(new PreparedExport(scope, [], $"external-{scope.Key:x16}", time.GetUtcNow()) { External = files })
        : preparation.PrepareAsync(scope);

    public ExportOperation? Find(Guid id) => _operations.GetValueOrDefault(id);

    public ExportOperation? FindByManifest(Guid manifestId) => _byManifest.GetValueOrDefault(manifestId);

    /// <summary>Counts a poll and says whether the operation has finished (then <see cref="ExportOperation.Export"/> is complete, or it failed).</summary>
    public bool Poll(ExportOperation operation, out int polls)
    {
        stats.CountOperationPoll();
        polls = operation.CountPoll();
        return polls > settings.RunningPolls
            && time.GetUtcNow() - operation.Created >= TimeSpan.FromSeconds(settings.ReadyAfterSeconds)
            && (operation.Export is null || operation.Export.IsCompleted);
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
