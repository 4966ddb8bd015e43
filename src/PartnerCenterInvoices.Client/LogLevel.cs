namespace PartnerCenterInvoices
{
    /// <summary>Which PowerShell stream a queued line belongs on: verbose, debug, or a warning a person must see.</summary>
    public enum LogLevel
    {
        Verbose,
        Debug,
        Notice,
    }
}
