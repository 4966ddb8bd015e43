using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace PartnerCenterInvoices
{
    /// <summary>Base of every cmdlet: runs client calls with Ctrl+C cancellation and reports their errors.</summary>
    /// <remarks>
    /// Client work runs on thread-pool threads; PowerShell allows Write* only on the pipeline thread.
    /// So the pipeline thread waits here, and meanwhile writes the request log as verbose lines.
    /// </remarks>
    public abstract class PcCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly QueuedRequestLog _log = new QueuedRequestLog();

        /// <summary>Lines written from any thread, shown from the pipeline thread while the cmdlet waits.</summary>
        protected QueuedRequestLog Log => _log;
        private RequestContext? _requestContext;

        /// <summary>One correlation id per invocation (or the caller's): every request of this call can be found together.</summary>
        protected RequestContext RequestContext => _requestContext ??= new RequestContext(InvocationCorrelationId ?? Guid.NewGuid(), _log);

        /// <summary>The correlation id a derived cmdlet's caller chose, if any.</summary>
        protected virtual Guid? InvocationCorrelationId => null;

        protected PartnerCenterConnection RequireConnection() =>
            PcSession.Current ?? throw new TerminatingError(ErrorRecordFactory.NotConnected());

        /// <summary>Waits for client work on the pipeline thread, writing its log as it goes.</summary>
        /// <remarks>
        /// Never leaves while the work still runs: a caller's <c>using</c> would dispose a stream under a
        /// download in progress. On a stopping pipeline Write* throws PipelineStoppedException, so the log
        /// is no longer written then, and if anything ends the wait early the work is cancelled and waited for.
        /// </remarks>
        protected T Await<T>(Func<CancellationToken, Task<T>> work)
        {
            // Work started here (MSAL's token requests included) writes to this call's log.
            using var logScope = RequestLogScope.Begin(_log);
            try
            {
                var task = work(_stopping.Token);
                try
                {
                    var waitHandle = ((IAsyncResult)task).AsyncWaitHandle;
                    while (!waitHandle.WaitOne(200)) WriteQueuedLog();
                    WriteQueuedLog();
                }
                finally
                {
                    if (!task.IsCompleted)
                    {
                        _stopping.Cancel();
                        // Cancelled work ends within moments (every client wait honours the token); the bound
                        // only keeps a stuck callee from making Ctrl+C hang.
                        ((IAsyncResult)task).AsyncWaitHandle.WaitOne(StopWaitLimit);
                    }
                }
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (OperationCanceledException ex)
            {
                // Not Ctrl+C: HttpClient's own timeout surfaces as a cancellation.
                throw new TerminatingError(ErrorRecordFactory.Timeout(ex, null));
            }
            catch (Exception ex) when (ErrorRecordFactory.FromException(ex, null) is ErrorRecord record)
            {
                throw new TerminatingError(record);
            }
        }

        private static readonly TimeSpan StopWaitLimit = TimeSpan.FromSeconds(30);

        /// <summary>Runs the work for one input item; its failure is written as a non-terminating error, so the
        /// other items still run (and -ErrorAction Stop still stops).</summary>
        /// <remarks>
        /// Not only the work's own ErrorRecords: an exception of a kind the module knows (an id the query
        /// refuses, say) thrown outside <see cref="Await{T}"/> is this item's error too, not the pipeline's end.
        /// Anything else still escapes, with its cause.
        /// </remarks>
        protected void ForEachItem(Action item)
        {
            try
            {
                item();
            }
            catch (TerminatingError error)
            {
                WriteError(error.Record);
            }
            catch (Exception ex) when (ex is not PipelineStoppedException && ErrorRecordFactory.FromException(ex, null) is ErrorRecord record)
            {
                WriteError(record);
            }
        }

        protected sealed override void ProcessRecord()
        {
            try
            {
                ProcessRecordCore();
            }
            catch (TerminatingError error)
            {
                ThrowTerminatingError(error.Record);
            }
        }

        protected abstract void ProcessRecordCore();

        /// <summary>Cancelled when the pipeline is stopped (Ctrl+C): for work the cmdlet starts in the background.</summary>
        protected CancellationToken StoppingToken => _stopping.Token;

        protected override void StopProcessing() => _stopping.Cancel();

        public void Dispose()
        {
            Dispose(true);
            GC.SuppressFinalize(this);
        }

        /// <summary>Runs when the pipeline ends, however it ends (also after an upstream error, when EndProcessing does not).</summary>
        protected virtual void Dispose(bool disposing)
        {
            if (disposing) _stopping.Dispose();
        }

        private void WriteQueuedLog()
        {
            // Stopping: Write* would throw PipelineStoppedException, and nobody reads these lines any more.
            if (_stopping.IsCancellationRequested) return;
            while (_log.TryDequeue(out var level, out var text))
            {
                switch (level)
                {
                    case LogLevel.Debug: WriteDebug(text); break;
                    case LogLevel.Notice: WriteWarning(text); break;
                    default: WriteVerbose(text); break;
                }
            }
        }

        // For a compiled cmdlet given -Debug, PowerShell 7 shows debug lines but *asks* before each
        // verbose line (and each warning, unless -Verbose or -WarningAction says otherwise): its
        // VerbosePreference becomes Inquire. A question fails under pwsh -NonInteractive and reads end
        // of file in a runbook, so -Debug alone would break the run it was meant to explain. These
        // hide Cmdlet's own methods so every derived cmdlet's lines take this path: with -Debug alone,
        // they go to the debug stream, which -Debug turned on. (Windows PowerShell 5.1 makes -Debug
        // ask before debug lines too; there $DebugPreference = 'Continue' is the way to get the trace.)

        /// <summary>Writes a verbose line, or a debug line when -Debug alone would make PowerShell ask before it.</summary>
        protected new void WriteVerbose(string text)
        {
            if (OnlyDebugSwitch("Verbose")) WriteDebug(text);
            else base.WriteVerbose(text);
        }

        /// <summary>Writes a warning, or a debug line when -Debug alone would make PowerShell ask before it.</summary>
        protected new void WriteWarning(string text)
        {
            if (OnlyDebugSwitch("WarningAction")) WriteDebug("WARNING: " + text);
            else base.WriteWarning(text);
        }

        private bool OnlyDebugSwitch(string overridingParameter) =>
            MyInvocation.BoundParameters.TryGetValue("Debug", out var debug) && debug is SwitchParameter { IsPresent: true } &&
            !MyInvocation.BoundParameters.ContainsKey(overridingParameter);

        /// <summary>Carries an ErrorRecord out of nested calls to the one place that throws it.</summary>
        protected sealed class TerminatingError : Exception
        {
            public TerminatingError(ErrorRecord record) : base(record.Exception?.Message) => Record = ErrorRecordFactory.WithoutParameterName(record);
            public ErrorRecord Record { get; }
        }
    }
}
