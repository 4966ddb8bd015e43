using System.Threading;

namespace PartnerCenterInvoices
{
    /// <summary>The one connection of this PowerShell process, set by Connect-PcAccount.</summary>
    /// <remarks>Process-wide like Az's and Graph's contexts, so thread jobs and -Parallel runspaces share it.</remarks>
    internal static class PcSession
    {
        private static PartnerCenterConnection? _current;

        public static PartnerCenterConnection? Current => Volatile.Read(ref _current);

        /// <summary>Makes <paramref name="connection"/> current.</summary>
        /// <remarks>
        /// The connection it replaces is not disposed: a thread job or -Parallel runspace may be halfway
        /// through a read on it, and must be able to finish. It is collected once nobody holds it.
        /// </remarks>
        public static void Replace(PartnerCenterConnection? connection) => Interlocked.Exchange(ref _current, connection);
    }
}
