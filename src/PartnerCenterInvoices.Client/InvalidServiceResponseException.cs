using System;

namespace PartnerCenterInvoices
{
    /// <summary>The service answered 2xx with a body that is not what the API defines (malformed or cut-off JSON).</summary>
    public sealed class InvalidServiceResponseException : Exception
    {
        public InvalidServiceResponseException(string message, string? correlationId, string? requestId, Exception? inner = null)
            : base(message + (correlationId is null ? string.Empty : $" CorrelationId: {correlationId}.") +
                   (requestId is null ? string.Empty : $" RequestId: {requestId}."), inner)
        {
            CorrelationId = correlationId;
            RequestId = requestId;
        }

        public string? CorrelationId { get; }
        public string? RequestId { get; }
    }
}
