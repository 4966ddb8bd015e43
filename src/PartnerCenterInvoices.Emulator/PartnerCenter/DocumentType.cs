namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>The invoice's <c>documentType</c>, spelled in JSON as the samples show it (invoice, void_note, adjustment_note).</summary>
internal enum DocumentType
{
    Invoice,
    VoidNote,
    AdjustmentNote,
}
