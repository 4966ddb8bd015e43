namespace PartnerCenterInvoices
{
    /// <summary>Receives one line per request. Called from any thread; never given a token or secret.</summary>
    public interface IRequestLog
    {
        void Write(string message);
    }

    /// <summary>A log that drops everything.</summary>
    public sealed class NullRequestLog : IRequestLog
    {
        public static readonly NullRequestLog Instance = new NullRequestLog();
        private NullRequestLog() { }
        public void Write(string message) { }
    }
}
