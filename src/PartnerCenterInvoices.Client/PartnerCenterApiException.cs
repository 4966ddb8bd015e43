using System;
using System.Net;

namespace PartnerCenterInvoices
{
    /// <summary>The service refused or failed a request; carries what support needs to find it.</summary>
    public sealed class PartnerCenterApiException : Exception
    {
        public PartnerCenterApiException(HttpStatusCode statusCode, string? serviceCode, string? serviceMessage,
            string method, string requestPath, string? correlationId, string? requestId, TimeSpan? retryAfter = null,
            string service = PartnerCenter)
            : base(Describe(service, statusCode, serviceCode, serviceMessage, method, requestPath, correlationId, requestId))
        {
            Service = service;
            StatusCode = statusCode;
            ServiceCode = serviceCode;
            ServiceMessage = serviceMessage;
            Method = method;
            RequestPath = requestPath;
            CorrelationId = correlationId;
            RequestId = requestId;
            RetryAfter = retryAfter;
        }

        public const string PartnerCenter = "Partner Center";
        public const string MicrosoftGraph = "Microsoft Graph";
        public const string AzureStorage = "Azure Storage";

        /// <summary>Which service answered: Partner Center, Microsoft Graph (billing exports) or Azure Storage (export files).</summary>
        public string Service { get; }

        /// <summary>The wait the service asked for (Retry-After), when it gave one.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>True for statuses that may succeed when asked again: 408, 429, 500, 502, 503, 504.</summary>
        public bool IsTransient => IsTransientStatus(StatusCode);

        public static bool IsTransientStatus(HttpStatusCode status) =>
            status == HttpStatusCode.RequestTimeout || (int)status == 429 || status == HttpStatusCode.InternalServerError ||
            status == HttpStatusCode.BadGateway || status == HttpStatusCode.ServiceUnavailable || status == HttpStatusCode.GatewayTimeout;

        public HttpStatusCode StatusCode { get; }
        /// <summary>The service's own error code (the body's <c>code</c>), when it sent one.</summary>
        public string? ServiceCode { get; }
        /// <summary>The service's own message (the body's <c>description</c> or <c>message</c>).</summary>
        public string? ServiceMessage { get; }
        public string Method { get; }
        /// <summary>The path of the failed request, without its query (which may carry continuation tokens).</summary>
        public string RequestPath { get; }
        public string? CorrelationId { get; }
        public string? RequestId { get; }

        private static string Describe(string service, HttpStatusCode status, string? code, string? message, string method, string path,
            string? correlationId, string? requestId)
        {
            var text = $"{service} answered {method} {path} with {(int)status} {status}";
            if (!string.IsNullOrEmpty(code)) text += $" (code {code})";
            text += string.IsNullOrWhiteSpace(message) ? "." : $": {message!.Trim()}";
            if (!string.IsNullOrEmpty(correlationId)) text += $" CorrelationId: {correlationId}.";
            if (!string.IsNullOrEmpty(requestId)) text += $" RequestId: {requestId}.";
            return text;
        }
    }
}
