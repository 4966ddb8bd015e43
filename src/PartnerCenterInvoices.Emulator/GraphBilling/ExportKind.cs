namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>The four Graph billing exports: reconciliation or daily-rated usage, of an invoice (billed) or of a period (unbilled).</summary>
internal enum ExportKind
{
    BilledReconciliation,
    UnbilledReconciliation,
    BilledUsage,
    UnbilledUsage,
}
