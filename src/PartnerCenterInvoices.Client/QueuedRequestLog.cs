using System.Collections.Concurrent;

namespace PartnerCenterInvoices
{
    /// <summary>A request log that queues lines from any thread, for one thread to write out later.</summary>
    /// <remarks>PowerShell accepts verbose and debug records only on the pipeline thread; requests run elsewhere.</remarks>
    public sealed class QueuedRequestLog : IRequestLog
    {
        private readonly ConcurrentQueue<(bool IsDebug, string Text)> _lines = new ConcurrentQueue<(bool, string)>();

        public void Write(string message) => _lines.Enqueue((false, message));

        public void Debug(string message) => _lines.Enqueue((true, message));

        public bool TryDequeue(out bool isDebug, out string text)
        {
            var found = _lines.TryDequeue(out var line);
            isDebug = line.IsDebug;
            text = line.Text;
            return found;
        }
    }
}
