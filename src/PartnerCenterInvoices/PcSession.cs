using System.Threading;

namespace PartnerCenterInvoices
{
    /// <summary>The one connection of this PowerShell process, set by Connect-PcAccount.</summary>
    /// <remarks>Process-wide like Az's and Graph's contexts, so thread jobs and -Parallel runspaces share it.</remarks>
    internal static class PcSession
    {
        private static PartnerCenterConnection? _current;

        public static PartnerCenterConnection? Current => Volatile.Read(ref _current);

        /// <summary>Makes <paramref name="connection"/> current and closes the one it replaces.</summary>
        public static void Replace(PartnerCenterConnection? connection) => Interlocked.Exchange(ref _current, connection)?.Dispose();
    }
}
