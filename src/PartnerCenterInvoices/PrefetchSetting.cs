using System;

namespace PartnerCenterInvoices
{
    /// <summary>Whether the next page is fetched while the current one is written; on unless the environment says "off".</summary>
    /// <remarks>
    /// Only the benchmarks (prefetch on against off) and a few specs (requests in a strict order) turn
    /// it off. A hidden -NoPrefetch switch did that, but still showed in Get-Command -Syntax and tab
    /// completion; an environment variable keeps the knob out of every user's way.
    /// </remarks>
    internal static class PrefetchSetting
    {
        public const string VariableName = "PARTNERCENTERINVOICES_PREFETCH";

        public static bool Enabled => !string.Equals(Environment.GetEnvironmentVariable(VariableName), "off", StringComparison.OrdinalIgnoreCase);
    }
}
