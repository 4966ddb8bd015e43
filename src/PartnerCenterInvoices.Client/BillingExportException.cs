using System;

namespace PartnerCenterInvoices
{
    /// <summary>A Graph billing export could not give its lines: it failed, took too long, or cannot run on this connection.</summary>
    public sealed class BillingExportException : Exception
    {
        public BillingExportException(BillingExportFailure failure, string message, string? serviceCode = null, string? serviceMessage = null,
            string? operationId = null, string? correlationId = null, string? advice = null, Exception? inner = null)
            : base(message + (operationId is null ? string.Empty : $" Operation: {operationId}.") +
                   (correlationId is null ? string.Empty : $" CorrelationId: {correlationId}."), inner)
        {
            Failure = failure;
            ServiceCode = serviceCode;
            ServiceMessage = serviceMessage;
            OperationId = operationId;
            CorrelationId = correlationId;
            Advice = advice;
        }

        public BillingExportFailure Failure { get; }
        /// <summary>The failed operation's error code (for example 5000, "no data available").</summary>
        public string? ServiceCode { get; }
        public string? ServiceMessage { get; }
        public string? OperationId { get; }
        public string? CorrelationId { get; }
        /// <summary>What to do about it, for a person.</summary>
        public string? Advice { get; }
    }
}
