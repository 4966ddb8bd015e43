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
            if (string.IsNullOrWhiteSpace(InvoiceId))
                throw new TerminatingError(new ErrorRecord(new ArgumentException("The invoice id is empty or whitespace."), "InvalidInvoiceId", ErrorCategory.InvalidArgument, InvoiceId));

            var target = TargetFile();
            if (File.Exists(target) && !Force)
                throw new TerminatingError(new ErrorRecord(
                    new IOException($"The file '{target}' already exists. Use -Force to overwrite it."), "FileExists", ErrorCategory.ResourceExists, target));
            if (!ShouldProcess(target, $"Save the statement of invoice {InvoiceId}")) return;

            var connection = RequireConnection();
            // Written beside the target and moved in place at the end, so a failed download never leaves half a PDF.
            var partial = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(target)!, "." + System.IO.Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N") + ".partial");
            try
            {
                using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, useAsync: true))
                {
                    var bytes = Await(ct => connection.DownloadStatementAsync(InvoiceId, TaxReceiptId, file, RequestContext, ct));
                    WriteVerbose($"Saved {bytes} bytes to {target}.");
                }
                if (File.Exists(target)) File.Delete(target);
                File.Move(partial, target);
            }
            finally
            {
                if (File.Exists(partial)) File.Delete(partial);
            }
            // The provider's item, as Get-ChildItem returns it: with PSPath and PSParentPath, which the file
            // system's default view needs for its "Directory:" header, Mode and Length columns.
            WriteObject(InvokeProvider.Item.Get(new[] { target }, true, true), enumerateCollection: true);
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
