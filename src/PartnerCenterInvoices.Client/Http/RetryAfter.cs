using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace PartnerCenterInvoices.Http
{
    /// <summary>Reads how long the service asks us to wait: retry-after-ms headers, then Retry-After in seconds or as an HTTP date.</summary>
    internal static class RetryAfter
    {
        // Anything longer is "longer than any time budget"; clamping keeps later date arithmetic from overflowing.
        private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

        public static TimeSpan? Read(HttpResponseMessage response, DateTimeOffset now)
        {
            foreach (var name in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
            {
                if (response.Headers.TryGetValues(name, out var values) &&
                    double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
                    return ms > Longest.TotalMilliseconds || double.IsNaN(ms) ? Longest : TimeSpan.FromMilliseconds(ms);
            }

            var retryAfter = response.Headers.RetryAfter;
            if (retryAfter?.Delta is TimeSpan delta) return delta < TimeSpan.Zero ? TimeSpan.Zero : delta > Longest ? Longest : delta;
            if (retryAfter?.Date is DateTimeOffset date) return date > now ? (date - now > Longest ? Longest : date - now) : TimeSpan.Zero;
            return null;
        }
    }
}
