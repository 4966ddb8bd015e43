using System;
using System.IO;
using System.Management.Automation;
using PartnerCenterInvoices.Documents;

namespace PartnerCenterInvoices.Commands
{
    /// <summary>
    /// <para type="synopsis">Saves an invoice's PDF statement, or a tax receipt's, to a file.</para>
    /// </summary>
    [Cmdlet(VerbsData.Save, "PcInvoiceStatement", SupportsShouldProcess = true)]
    [OutputType(typeof(FileInfo))]
    public sealed class SavePcInvoiceStatementCommand : PcCmdlet
    {
        /// <summary>The invoice whose statement to save; takes ids, or invoices, from the pipeline.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        public string InvoiceId { get; set; } = string.Empty;

        /// <summary>Saves this tax receipt of the invoice instead of the invoice statement.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TaxReceiptId { get; set; }

        /// <summary>A folder (the file is named after the invoice) or a .pdf file path. Defaults to the current folder.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = ".";

        /// <summary>Overwrites an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecordCore() => ForEachItem(SaveOne);

        private void SaveOne()
        {
            // Checked first, so a bad id is refused (InvalidInvoiceId) before any file or request.
            ServiceId.Require(InvoiceId, "invoice id");
            if (TaxReceiptId is not null) ServiceId.Require(TaxReceiptId, "tax receipt id");

            var target = TargetFile();
            // Early only to spare a download that could not be kept; the decision is taken again at the move.
            if (File.Exists(target) && !Force) throw new TerminatingError(FileExists(target));
            if (!ShouldProcess(target, $"Save the statement of invoice {InvoiceId}")) return;

            var connection = RequireConnection();
            // Written beside the target and moved in place at the end, so a failed download never leaves half a PDF.
            var partial = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(target)!, "." + System.IO.Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N") + ".partial");
            FileStream? file = null;
            try
            {
                file = Local(() => new FileStream(partial, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true), target, partial);
                var bytes = Await(ct => connection.DownloadStatementAsync(InvoiceId, TaxReceiptId, file, RequestContext, ct), target, partial);
                // Closing flushes what is still buffered: a full disk may show only here.
                Local(() => { file.Dispose(); return 0; }, target, partial);
                Local(() => { MoveIntoPlace(partial, target); return 0; }, target, partial);
                WriteVerbose($"Saved {bytes} bytes to {target}.");
            }
            finally
            {
                // After a failure closing may fail again (the same full disk); the item's error already says why.
                try { file?.Dispose(); }
                catch (IOException) { }
                try { if (File.Exists(partial)) File.Delete(partial); }
                catch (IOException) { }
                catch (UnauthorizedAccessException) { }
            }
            // The provider's item, as Get-ChildItem returns it: with PSPath and PSParentPath, which the file
            // system's default view needs for its "Directory:" header, Mode and Length columns.
            WriteObject(InvokeProvider.Item.Get(new[] { target }, true, true), enumerateCollection: true);
        }

        /// <summary>Moves the finished file onto the target in one step, deciding about an existing file only now.</summary>
        /// <remarks>
        /// File.Move refuses an existing target atomically, so a file created during the download is never
        /// replaced without -Force; File.Replace swaps the file in one rename, so a failure cannot lose the old one.
        /// </remarks>
        private void MoveIntoPlace(string partial, string target)
        {
            if (Force && File.Exists(target))
            {
                File.Replace(partial, target, null);
                return;
            }
            try
            {
                File.Move(partial, target);
            }
            catch (IOException) when (File.Exists(target))
            {
                if (!Force) throw new TerminatingError(FileExists(target));
                File.Replace(partial, target, null);
            }
        }

        private static ErrorRecord FileExists(string target) =>
            new ErrorRecord(new IOException($"The file '{target}' already exists. Use -Force to overwrite it."), "FileExists", ErrorCategory.ResourceExists, target);

        /// <summary>Runs one local file operation; its failure is the item's WriteFailed error, naming the target rather than the hidden partial file.</summary>
        private static T Local<T>(Func<T> operation, string target, string partial)
        {
            try
            {
                return operation();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && ErrorRecordFactory.LocalWriteFailed(ex, target, partial) is ErrorRecord record)
            {
                throw new TerminatingError(record);
            }
        }

        /// <summary>Waits for the download; a local write failure inside it names the target too.</summary>
        private long Await(Func<System.Threading.CancellationToken, System.Threading.Tasks.Task<long>> work, string target, string partial)
        {
            try
            {
                return Await(work);
            }
            catch (TerminatingError error) when (error.Record.Exception is DestinationWriteException write &&
                ErrorRecordFactory.LocalWriteFailed(write, target, partial) is ErrorRecord record)
            {
                throw new TerminatingError(record);
            }
        }

        private string TargetFile()
        {
            var resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            try
            {
                if (Directory.Exists(resolved))
                    return StatementFile.PathInFolder(resolved, StatementFile.FileName(InvoiceId, TaxReceiptId));
            }
            catch (ArgumentException ex)
            {
                throw new TerminatingError(new ErrorRecord(ex, "UnsafeFileName", ErrorCategory.SecurityError, InvoiceId));
            }

            var folder = System.IO.Path.GetDirectoryName(resolved);
            if (resolved.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) && folder is not null && Directory.Exists(folder))
                return resolved;
            throw new TerminatingError(new ErrorRecord(
                new DirectoryNotFoundException($"The folder '{(resolved.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase) ? folder : resolved)}' does not exist."),
                "FolderNotFound", ErrorCategory.ObjectNotFound, Path));
        }
    }
}
