using System;
using System.Threading;

namespace PartnerCenterInvoices
{
    /// <summary>The log of the cmdlet call whose work is running, for requests the module does not build itself.</summary>
    /// <remarks>
    /// MSAL makes its token requests on the connection's HttpClient, with no way to hand it the caller's
    /// log; an async-local value flows from the cmdlet's call into MSAL's awaits and reaches the trace.
    /// </remarks>
    public static class RequestLogScope
    {
        private static readonly AsyncLocal<IRequestLog?> Ambient = new AsyncLocal<IRequestLog?>();

        /// <summary>The log of the work in progress on this flow, if any.</summary>
        public static IRequestLog? Current => Ambient.Value;

        /// <summary>Makes <paramref name="log"/> current for work started until the result is disposed.</summary>
        public static IDisposable Begin(IRequestLog log)
        {
            var previous = Ambient.Value;
            Ambient.Value = log;
            return new Restore(previous);
        }

        private sealed class Restore : IDisposable
        {
            private readonly IRequestLog? _previous;
            public Restore(IRequestLog? previous) => _previous = previous;
            public void Dispose() => Ambient.Value = _previous;
        }
    }
}
