using System;

namespace PartnerCenterInvoices
{
    /// <summary>What one cmdlet invocation shares across its requests: a correlation id and a log.</summary>
    public sealed class RequestContext
    {
        public RequestContext(Guid? correlationId = null, IRequestLog? log = null)
        {
            CorrelationId = correlationId ?? Guid.NewGuid();
            Log = log ?? NullRequestLog.Instance;
        }

        /// <summary>Sent as <c>MS-CorrelationId</c> on every request, so support can find the whole run.</summary>
        public Guid CorrelationId { get; }
        public IRequestLog Log { get; }
    }
}
