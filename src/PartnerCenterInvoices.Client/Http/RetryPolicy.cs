using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PartnerCenterInvoices.Http
{
    /// <summary>Runs one logical request, retrying transient failures with Polly within a count and a time budget.</summary>
    /// <remarks>
    /// The retry wraps the whole attempt, reading the body included: a connection dropped halfway
    /// through a page is retried like a 503, so an export never ends with a partial page.
    /// </remarks>
    internal sealed class RetryPolicy
    {
        private static readonly ResiliencePropertyKey<RequestContext> RequestContextKey = new ResiliencePropertyKey<RequestContext>("PartnerCenterInvoices.RequestContext");
        private static readonly ResiliencePropertyKey<string> DescriptionKey = new ResiliencePropertyKey<string>("PartnerCenterInvoices.Request");
        private static readonly ResiliencePropertyKey<DateTimeOffset> DeadlineKey = new ResiliencePropertyKey<DateTimeOffset>("PartnerCenterInvoices.Deadline");
        private readonly ResiliencePipeline _pipeline;
        private readonly RetryOptions _options;
        private readonly Random _random = new Random();

        public RetryPolicy(RetryOptions options)
        {
            _options = options;
            var builder = new ResiliencePipelineBuilder().AddTimeout(options.TimeLimit);
            if (options.MaxRetries > 0)
            {
                builder.AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    // Every delay is ours (Delay below): Polly's back-off cannot take Retry-After as a lower bound.
                    ShouldHandle = args => new ValueTask<bool>(args.Outcome.Exception is Exception ex && IsTransient(ex, args.Context)),
                    DelayGenerator = args => new ValueTask<TimeSpan?>(Delay(args.AttemptNumber, args.Outcome.Exception)),
                    OnRetry = args =>
                    {
                        var context = args.Context.Properties.GetValue(RequestContextKey, null!);
                        var request = args.Context.Properties.GetValue(DescriptionKey, "request");
                        context?.Log.Write($"Retry {args.AttemptNumber + 1} of {options.MaxRetries} for {request} in {args.RetryDelay.TotalSeconds:0.0} s after {Describe(args.Outcome.Exception)}");
                        return default;
                    },
                });
            }
            _pipeline = builder.AddTimeout(options.AttemptTimeout).Build();
        }

        public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> attempt, string description, RequestContext requestContext,
            CancellationToken cancellationToken)
        {
            var context = ResilienceContextPool.Shared.Get(cancellationToken);
            context.Properties.Set(RequestContextKey, requestContext);
            context.Properties.Set(DescriptionKey, description);
            context.Properties.Set(DeadlineKey, DateTimeOffset.UtcNow + _options.TimeLimit);
            try
            {
                return await _pipeline.ExecuteAsync(async ctx => await attempt(ctx.CancellationToken).ConfigureAwait(false), context)
                    .ConfigureAwait(false);
            }
            catch (TimeoutRejectedException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{description} did not complete within {ex.Timeout.TotalSeconds:0} s.", ex);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
        }

        /// <summary>Exponential back-off with jitter, never sooner than the service's Retry-After, as Azure.Core waits.</summary>
        /// <remarks>
        /// Retry-After bounds the wait from below rather than replacing it: a service that answers every
        /// 429 with "Retry-After: 1", or with a date already past (clock skew), would otherwise be asked
        /// again and again a second apart, and the time budget meant for a throttled minute never used.
        /// </remarks>
        private TimeSpan Delay(int attemptNumber, Exception? exception)
        {
            var backOff = BackOff(attemptNumber);
            var wait = exception is PartnerCenterApiException { RetryAfter: TimeSpan retryAfter } && retryAfter > backOff ? retryAfter : backOff;
            return wait > _options.TimeLimit ? _options.TimeLimit : wait;
        }

        /// <summary>The base delay doubled for each attempt before (the first retry waits about the base delay),
        /// times a random 0.8 to 1.2 so clients throttled together do not come back together; at most the maximum delay.</summary>
        private TimeSpan BackOff(int attemptNumber)
        {
            double jitter;
            lock (_random) jitter = 0.8 + _random.NextDouble() * 0.4;
            var ticks = _options.BaseDelay.Ticks * Math.Pow(2, Math.Min(attemptNumber, 30)) * jitter;
            return ticks >= _options.MaxDelay.Ticks ? _options.MaxDelay : TimeSpan.FromTicks((long)ticks);
        }

        private static bool IsTransient(Exception exception, ResilienceContext context)
        {
            if (exception is PartnerCenterApiException api)
            {
                if (!api.IsTransient) return false;
                // A wait that outlasts the budget cannot end in success: fail now with the service's own error.
                var deadline = context.Properties.GetValue(DeadlineKey, DateTimeOffset.MaxValue);
                return api.RetryAfter is not TimeSpan wait || DateTimeOffset.UtcNow + wait < deadline;
            }
            if (context.CancellationToken.IsCancellationRequested) return false;
            return exception switch
            {
                HttpRequestException http => TlsFailure.Find(http) is null,
                // A body cut off mid-read; a failed local write is a DestinationWriteException and never retried.
                IOException => true,
                TimeoutRejectedException => true,
                _ => false,
            };
        }

        private static string Describe(Exception? exception) => exception switch
        {
            PartnerCenterApiException api => $"{(int)api.StatusCode} {api.StatusCode}" + (api.RetryAfter is TimeSpan w ? $" (Retry-After {w.TotalSeconds:0} s)" : string.Empty),
            TimeoutRejectedException => "an attempt timed out",
            null => "a failure",
            _ => $"{exception.GetType().Name}: {exception.Message}",
        };
    }
}
