using System.Collections.Concurrent;

namespace PartnerCenterInvoices
{
    /// <summary>A request log that queues lines from any thread, for one thread to write out later.</summary>
    /// <remarks>PowerShell accepts verbose and debug records only on the pipeline thread; requests run elsewhere.</remarks>
    public sealed class QueuedRequestLog : IRequestLog
    {
        private readonly ConcurrentQueue<(LogLevel Level, string Text)> _lines = new ConcurrentQueue<(LogLevel, string)>();

        public void Write(string message) => _lines.Enqueue((LogLevel.Verbose, message));

        public void Debug(string message) => _lines.Enqueue((LogLevel.Debug, message));

        /// <summary>Something a person must see and act on, such as a device-code sign-in prompt.</summary>
        public void Notice(string message) => _lines.Enqueue((LogLevel.Notice, message));

        public bool TryDequeue(out LogLevel level, out string text)
        {
            var found = _lines.TryDequeue(out var line);
            level = line.Level;
            text = line.Text;
            return found;
        }
    }
}
