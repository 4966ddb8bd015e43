namespace PartnerCenterInvoices.Queries
{
    /// <summary>The two families of Graph billing exports.</summary>
    public enum BillingExportKind
    {
        /// <summary>Invoice reconciliation line items (billedReconciliation, unbilledReconciliation).</summary>
        Reconciliation,
        /// <summary>Daily rated usage line items (billedUsage, unbilledUsage).</summary>
        Usage,
    }
}
