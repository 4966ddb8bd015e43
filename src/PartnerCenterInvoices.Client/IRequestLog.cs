namespace PartnerCenterInvoices
{
    /// <summary>Receives what happens to requests. Called from any thread; never given a token or secret.</summary>
    public interface IRequestLog
    {
        /// <summary>One line an operator wants to see: each request's outcome, each retry.</summary>
        void Write(string message);

        /// <summary>Wire-level detail (headers, redacted) for troubleshooting.</summary>
        void Debug(string message);
    }

    /// <summary>A log that drops everything.</summary>
    public sealed class NullRequestLog : IRequestLog
    {
        public static readonly NullRequestLog Instance = new NullRequestLog();
        private NullRequestLog() { }
        public void Write(string message) { }
        public void Debug(string message) { }
    }
}
