using System;

namespace PartnerCenterInvoices
{
    /// <summary>No token could be had: wrong credentials, unknown tenant, expired token, identity endpoint down.</summary>
    public sealed class AuthenticationFailedException : Exception
    {
        public AuthenticationFailedException(string message, string? errorCode = null, string? correlationId = null, Exception? inner = null)
            : base(message, inner)
        {
            ErrorCode = errorCode;
            CorrelationId = correlationId;
        }

        /// <summary>The identity service's error (for example <c>invalid_client</c>), when it gave one.</summary>
        public string? ErrorCode { get; }
        public string? CorrelationId { get; }

        /// <summary>What the user can do about it, kept apart from what happened.</summary>
        public string? RecommendedAction { get; set; }
    }
}
