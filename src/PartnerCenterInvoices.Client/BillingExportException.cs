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
