using System;

namespace PartnerCenterInvoices
{
    /// <summary>The endpoint cannot work as given (plain http to a server that speaks https); retrying will not help.</summary>
    public sealed class InvalidEndpointException : Exception
    {
        public InvalidEndpointException(Uri endpoint, string message, Exception? inner = null) : base(message, inner) => Endpoint = endpoint;

        public Uri Endpoint { get; }
    }
}
