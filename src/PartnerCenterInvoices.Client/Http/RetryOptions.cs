using System;

namespace PartnerCenterInvoices.Http
{
    /// <summary>How hard to retry a request that failed for a reason that may pass (429, 5xx, a dropped connection).</summary>
    /// <remarks>
    /// Defaults follow what Azure SDK users already trust (exponential from about a second, with jitter,
    /// never sooner than the service's Retry-After) with one more try and a time budget, because a
    /// month-end export runs unattended and throttling per partner tenant can last a minute.
    /// </remarks>
    public sealed class RetryOptions
    {
        public RetryOptions(int maxRetries = 4, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null, TimeSpan? timeLimit = null,
            TimeSpan? attemptTimeout = null)
        {
            if (maxRetries < 0) throw new ArgumentOutOfRangeException(nameof(maxRetries), "The retry count cannot be negative.");
            MaxRetries = maxRetries;
            BaseDelay = baseDelay ?? TimeSpan.FromSeconds(1);
            MaxDelay = maxDelay ?? TimeSpan.FromSeconds(60);
            TimeLimit = timeLimit ?? TimeSpan.FromMinutes(5);
            AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(100);
            if (BaseDelay <= TimeSpan.Zero || MaxDelay < BaseDelay || TimeLimit <= TimeSpan.Zero || AttemptTimeout <= TimeSpan.Zero)
                throw new ArgumentOutOfRangeException(nameof(timeLimit), "Retry delays and limits must be positive, and the maximum delay at least the base delay.");
        }

        /// <summary>Retries after the first attempt; 0 turns retrying off.</summary>
        public int MaxRetries { get; }
        public TimeSpan BaseDelay { get; }
        public TimeSpan MaxDelay { get; }
        /// <summary>The most one request may take, all its attempts and waits together.</summary>
        public TimeSpan TimeLimit { get; }
        /// <summary>The most one attempt may take before it counts as a transient failure.</summary>
        public TimeSpan AttemptTimeout { get; }
    }
}
