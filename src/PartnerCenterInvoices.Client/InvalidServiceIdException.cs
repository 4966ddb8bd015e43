using System;

namespace PartnerCenterInvoices
{
    /// <summary>An id (of an invoice, a tax receipt) that cannot be sent to the service; refused before any request.</summary>
    public sealed class InvalidServiceIdException : ArgumentException
    {
        public InvalidServiceIdException(string message, string what) : base(message) => What = what;

        /// <summary>Which id it is, as <see cref="ServiceId.Require"/> was told: "invoice id", "tax receipt id".</summary>
        public string What { get; }
    }
}
