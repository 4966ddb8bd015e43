namespace PartnerCenterInvoices
{
    /// <summary>Why a Graph billing export gave no lines.</summary>
    public enum BillingExportFailure
    {
        /// <summary>The service reported a failedOperation.</summary>
        Failed,
        /// <summary>The export did not finish within the time budget.</summary>
        TimedOut,
        /// <summary>The connection's cloud has no Graph billing API (21Vianet, US Government).</summary>
        NotAvailableInCloud,
        /// <summary>The connection has no way to get a Microsoft Graph token (a brought Partner Center token alone).</summary>
        NoGraphToken,
        /// <summary>The manifest or a file was not what the API defines (no files, a file that changed while it was read).</summary>
        InvalidExport,
    }
}
