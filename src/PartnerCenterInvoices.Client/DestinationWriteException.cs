using System;

namespace PartnerCenterInvoices
{
    /// <summary>A downloaded document could not be written locally (disk full, file locked); never retried.</summary>
    public sealed class DestinationWriteException : Exception
    {
        public DestinationWriteException(string message, Exception inner) : base(message, inner) { }
    }
}
