using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using PartnerCenterInvoices.Documents;

namespace PartnerCenterInvoices.Commands
{
    /// <summary>
    /// <para type="synopsis">Writes invoices, line items or any objects to a CSV file whose dates and amounts read the same in every culture.</para>
    /// </summary>
    /// <remarks>
    /// Export-Csv formats each cell in the session's culture, and the module's objects keep typed
    /// dates and decimals (so sorting, sums and comparisons work), so this is where the sheet gets its
    /// invariant cells. Columns and their order are Export-Csv's: the first object's properties.
    /// </remarks>
    [Cmdlet(VerbsData.Export, "PcCsv", SupportsShouldProcess = true)]
    public sealed class ExportPcCsvCommand : PcCmdlet
    {
        // Excel reads UTF-8 without a byte-order mark as the machine's ANSI code page, which garbles
        // customer names; Import-Csv reads either.
        private static readonly Encoding SheetEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

        private InvariantCsvWriter? _writer;
        private IReadOnlyList<string>? _columns;
        private string _target = string.Empty;

        /// <summary>The objects to write, one row each; usually from the pipeline.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>The CSV file to write.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The character between cells; a comma unless given.</summary>
        [Parameter]
        public char Delimiter { get; set; } = ',';

        /// <summary>Adds rows to the end of an existing file, in the columns of its header.</summary>
        [Parameter]
        public SwitchParameter Append { get; set; }

        /// <summary>Refuses to replace an existing file.</summary>
        [Parameter]
        [Alias("NoOverwrite")]
        public SwitchParameter NoClobber { get; set; }

        protected override void BeginProcessing()
        {
            if (Delimiter == '"' || Delimiter == '\r' || Delimiter == '\n')
                ThrowTerminatingError(new ErrorRecord(new ArgumentException($"'{Delimiter}' cannot separate CSV cells."), "InvalidDelimiter", ErrorCategory.InvalidArgument, Delimiter));

            _target = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (Directory.Exists(_target))
                ThrowTerminatingError(new ErrorRecord(new IOException($"'{_target}' is a folder; give the path of a file."), "PathIsFolder", ErrorCategory.InvalidArgument, Path));
            if (!ShouldProcess(_target, Append ? "Append CSV rows" : "Write a CSV file")) return;

            try
            {
                _columns = Append ? ExistingHeader(_target) : null;
                var mode = Append ? FileMode.Append : NoClobber ? FileMode.CreateNew : FileMode.Create;
                var stream = new FileStream(_target, mode, FileAccess.Write, FileShare.Read, 65536);
                _writer = new InvariantCsvWriter(new StreamWriter(stream, SheetEncoding, 65536), Delimiter);
            }
            catch (Exception ex) when (OpenError(ex) is ErrorRecord record)
            {
                ThrowTerminatingError(record);
            }
        }

        protected override void ProcessRecordCore()
        {
            if (_writer is null || InputObject is null) return;
            try
            {
                if (_columns is null)
                {
                    _columns = InputObject.Properties.Select(property => property.Name).ToList();
                    _writer.WriteRow(_columns);
                }
                _writer.WriteRow(Cells(InputObject, _columns));
            }
            catch (IOException ex)
            {
                throw new TerminatingError(new ErrorRecord(ex, "WriteFailed", ErrorCategory.WriteError, _target));
            }
        }

        protected override void EndProcessing()
        {
            try
            {
                _writer?.Dispose();
            }
            catch (IOException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "WriteFailed", ErrorCategory.WriteError, _target));
            }
            finally
            {
                _writer = null;
            }
        }

        protected override void Dispose(bool disposing)
        {
            // An upstream error or Ctrl+C skips EndProcessing; the rows written so far still reach the disk.
            if (disposing)
            {
                try { _writer?.Dispose(); }
                catch (IOException) { /* the pipeline is already failing for a reason of its own */ }
                _writer = null;
            }
            base.Dispose(disposing);
        }

        private static IEnumerable<object?> Cells(PSObject row, IReadOnlyList<string> columns)
        {
            foreach (var column in columns)
            {
                object? value;
                try
                {
                    value = row.Properties[column]?.Value;
                }
                catch (GetValueException)
                {
                    value = null; // as Export-Csv: a property that cannot be read is an empty cell
                }
                // A wrapped value is written as what it wraps; a PSCustomObject keeps PowerShell's own text.
                yield return value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : value;
            }
        }

        private IReadOnlyList<string>? ExistingHeader(string path)
        {
            if (!File.Exists(path)) return null;
            using var reader = new StreamReader(path, SheetEncoding, detectEncodingFromByteOrderMarks: true);
            var header = reader.ReadLine();
            return string.IsNullOrEmpty(header) ? null : InvariantCsvWriter.ParseHeader(header!, Delimiter);
        }

        private ErrorRecord? OpenError(Exception exception) => exception switch
        {
            DirectoryNotFoundException missing => new ErrorRecord(missing, "FolderNotFound", ErrorCategory.ObjectNotFound, Path),
            IOException exists when NoClobber && File.Exists(_target) =>
                new ErrorRecord(new IOException($"The file '{_target}' already exists and -NoClobber was given.", exists), "FileExists", ErrorCategory.ResourceExists, _target),
            UnauthorizedAccessException denied => new ErrorRecord(denied, "WriteFailed", ErrorCategory.PermissionDenied, _target),
            IOException io => new ErrorRecord(io, "WriteFailed", ErrorCategory.WriteError, _target),
            _ => null,
        };
    }
}
