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
    /// invariant cells. Columns and their order are Export-Csv's, the first object's properties, except
    /// that line items get every shape's columns (SheetColumns); the file changes only when the
    /// pipeline completes (StagedFile).
    /// </remarks>
    [Cmdlet(VerbsData.Export, "PcCsv", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
    public sealed class ExportPcCsvCommand : PcCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";

        // Excel reads UTF-8 without a byte-order mark as the machine's ANSI code page, which garbles
        // customer names; Import-Csv reads either.
        private static readonly Encoding SheetEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

        private InvariantCsvWriter? _writer;
        private StagedFile? _file;
        private long _rows;
        private bool _failureReported;
        private IReadOnlyList<string>? _columns;
        private string _target = string.Empty;
        private bool _headerChecked;
        private bool _appendingUnderHeader;
        private HashSet<string>? _columnSet;
        private readonly List<string> _leftOut = new List<string>();
        private long _rowsWithLeftOut;
        private readonly Dictionary<Type, string[]> _leftOutOfType = new Dictionary<Type, string[]>();
        private RowCells? _cells;

        /// <summary>The objects to write, one row each; usually from the pipeline.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>The CSV file to write; wildcards may name one existing file.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>The CSV file to write, exactly as typed: no character is a wildcard.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string LiteralPath { get; set; } = string.Empty;

        /// <summary>The encoding of a new file: utf8BOM (the default, for Excel), utf8NoBOM, unicode, a code page…</summary>
        [Parameter]
        [EncodingTransformation]
        [ValidateNotNull]
        public Encoding Encoding { get; set; } = SheetEncoding;

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

        /// <summary>Writes text cells that start with =, +, -, @, a tab or a carriage return as they are, without the leading ' that keeps a spreadsheet from running them; for files that programs, not spreadsheets, read.</summary>
        [Parameter]
        public SwitchParameter NoFormulaEscape { get; set; }

        protected override void BeginProcessing()
        {
            // Checked before the file is opened: opening replaces it.
            if (!InvariantCsvWriter.CanSeparateCells(Delimiter))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException($"'{Delimiter}' cannot separate CSV cells."), "InvalidDelimiter", ErrorCategory.InvalidArgument, Delimiter));

            _target = ResolveTarget(out var provider);
            if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                ThrowTerminatingError(new ErrorRecord(new ArgumentException($"'{GivenPath}' is on a drive of the {provider.Name} provider; give a file system path."), "NotFileSystemPath", ErrorCategory.InvalidArgument, GivenPath));
            if (Directory.Exists(_target))
                ThrowTerminatingError(new ErrorRecord(new IOException($"'{_target}' is a folder; give the path of a file."), "PathIsFolder", ErrorCategory.InvalidArgument, GivenPath));
            if (NoClobber && !Append && File.Exists(_target))
                ThrowTerminatingError(new ErrorRecord(new IOException($"The file '{_target}' already exists and -NoClobber was given."), "FileExists", ErrorCategory.ResourceExists, _target));
            if (!ShouldProcess(_target, Append ? "Append CSV rows" : "Write a CSV file")) return;

            try
            {
                var encoding = Encoding;
                var needsLineBreak = false;
                if (Append && File.Exists(_target)) (_columns, encoding, needsLineBreak) = ExistingSheet(_target);
                _appendingUnderHeader = _columns is not null;
                // The target changes only when the whole input has been written (EndProcessing); see StagedFile.
                _file = Append && File.Exists(_target) ? StagedFile.Appending(_target) : StagedFile.Replacing(_target, NoClobber);
                var text = new StreamWriter(_file.Stream, encoding, 65536);
                if (needsLineBreak) text.WriteLine();
                _writer = new InvariantCsvWriter(text, Delimiter, Unwrap, escapeFormulas: !NoFormulaEscape);
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
                    _columns = HeaderFor(InputObject);
                    _writer.WriteRow(_columns);
                }
                else if (!_headerChecked)
                {
                    _headerChecked = true;
                    // A header read with the wrong delimiter, or another sheet's, would take only empty rows.
                    if (!_columns.Any(column => InputObject.Properties[column] is not null))
                    {
                        _failureReported = true;
                        throw new TerminatingError(new ErrorRecord(
                            new InvalidDataException($"None of the columns of '{_target}' ({string.Join(", ", _columns)}) is a property of the objects to append. Was it written with another -Delimiter?"),
                            "HeaderMismatch", ErrorCategory.InvalidData, _target));
                    }
                }
                _cells ??= new RowCells(_columns);
                _writer.WriteRow(_cells.Read(InputObject, out var added));
                _rows++;
                NoteLeftOut(InputObject, added);
            }
            catch (IOException ex)
            {
                _failureReported = true;
                throw new TerminatingError(new ErrorRecord(
                    new IOException($"Writing row {_rows + 1} for '{_target}' failed: {ex.Message} {LeftAsItWas()}", ex), "WriteFailed", ErrorCategory.WriteError, _target));
            }
        }

        protected override void EndProcessing()
        {
            if (_leftOut.Count > 0)
                WriteWarning($"{_rowsWithLeftOut} {(_rowsWithLeftOut == 1 ? "row has" : "rows have")} properties that '{_target}' has no column for, " +
                    $"so they are not in the file: {string.Join(", ", _leftOut)}. The columns are {(_appendingUnderHeader ? "those of the existing header" : "the first object's properties")}; " +
                    "give every object the same properties (Select-Object) to keep them.");
            if (_file is null || _writer is null) return;
            // Export-Csv writes an empty file for an empty pipeline without a word; often a filter matched nothing.
            var appending = _file.IsAppend;
            if (_rows == 0 && !appending)
                WriteWarning($"No objects reached Export-PcCsv: '{_target}' has no header and no rows.");
            try
            {
                _writer.Dispose();
                _writer = null;
                _file.Commit();
                _file = null;
                WriteVerbose($"Wrote {Rows(_rows)} to '{_target}'.");
            }
            catch (IOException ex) when (NoClobber && !appending && File.Exists(_target))
            {
                _failureReported = true;
                ThrowTerminatingError(new ErrorRecord(
                    new IOException($"The file '{_target}' appeared while the rows were written, and -NoClobber was given. {LeftAsItWas()}", ex), "FileExists", ErrorCategory.ResourceExists, _target));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                _failureReported = true;
                ThrowTerminatingError(new ErrorRecord(
                    new IOException($"Finishing '{_target}' after {Rows(_rows)} failed: {ex.Message} {LeftAsItWas()}", ex),
                    "WriteFailed", ex is UnauthorizedAccessException ? ErrorCategory.PermissionDenied : ErrorCategory.WriteError, _target));
            }
        }

        protected override void Dispose(bool disposing)
        {
            // EndProcessing did not run or did not finish: an upstream error, Ctrl+C, a failed write. The input
            // was not all written, so nothing of it may look like a finished export.
            if (disposing && _file is not null)
            {
                _file.Discard();
                if (!_failureReported)
                    TryWarn($"Export-PcCsv did not finish: the pipeline ended before all of its input was written, after {Rows(_rows)}. {LeftAsItWas()}");
                _file = null;
                _writer = null;
            }
            base.Dispose(disposing);
        }

        private static string Rows(long count) => count == 1 ? "1 row" : $"{count} rows";

        // What a failed export leaves: never a fragment that looks finished.
        private string LeftAsItWas() => _file?.IsAppend == true
            ? $"The rows appended were removed again: '{_target}' is as it was."
            : File.Exists(_target) ? $"The rows written were discarded: '{_target}' is as it was." : $"The rows written were discarded: '{_target}' was not created.";

        // From Dispose the pipeline may already be stopping; the warning is a courtesy the error does not depend on.
        private void TryWarn(string text)
        {
            try { WriteWarning(text); }
            catch (Exception ex) when (ex is PipelineStoppedException || ex is InvalidOperationException || ex is PSInvalidOperationException) { }
        }

        // Export-Csv's columns are the first object's properties. For the module's line items, whose four
        // shapes a pipeline mixes, they are every shape's columns, so no later line loses a field.
        private static IReadOnlyList<string> HeaderFor(PSObject first)
        {
            var own = first.Properties.Select(property => property.Name);
            var known = first.BaseObject is PSCustomObject ? null : SheetColumns.ForRowsLike(first.BaseObject.GetType());
            if (known is null) return own.ToList();
            return known.Concat(own.Where(name => !known.Contains(name, StringComparer.OrdinalIgnoreCase))).ToList();
        }

        // A property without a column is lost data: named once, in one warning at the end, never silently.
        // For the module's objects RowCells has already asked what was added to the row (null for others).
        private void NoteLeftOut(PSObject row, IReadOnlyList<PSPropertyInfo>? added)
        {
            _columnSet ??= new HashSet<string>(_columns!, StringComparer.OrdinalIgnoreCase);
            var before = _leftOut.Count;
            var lost = false;
            IEnumerable<PSPropertyInfo> properties = row.Properties;
            var type = row.BaseObject.GetType();
            if (added is not null)
            {
                // The module's types have the same properties on every object; only members added at run
                // time (Add-Member) differ. Listing every property of every row doubled the time of a
                // line item export, so the type's own are checked once and the added ones per row.
                if (!_leftOutOfType.TryGetValue(type, out var ofType))
                {
                    ofType = AdaptedProperties(row).Select(property => property.Name).Where(name => !_columnSet.Contains(name)).ToArray();
                    _leftOutOfType.Add(type, ofType);
                }
                foreach (var name in ofType) lost |= LeaveOut(name);
                properties = added;
            }
            foreach (var property in properties)
                if (!_columnSet.Contains(property.Name)) lost |= LeaveOut(property.Name);
            if (lost) _rowsWithLeftOut++;
        }

        private static IEnumerable<PSPropertyInfo> AdaptedProperties(PSObject row) => ((PSMemberSet)row.Members["psadapted"]).Properties;

        private bool LeaveOut(string name)
        {
            if (!_leftOut.Contains(name, StringComparer.OrdinalIgnoreCase)) _leftOut.Add(name);
            return true;
        }

        // A wrapped value is written as what it wraps; a PSCustomObject keeps PowerShell's own text.
        private static object? Unwrap(object value) => value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : value;

        /// <summary>The header, encoding and ending of a sheet rows are appended to, so they land in its columns and its encoding.</summary>
        private (IReadOnlyList<string>? Columns, Encoding Encoding, bool NeedsLineBreak) ExistingSheet(string path)
        {
            // The byte-order mark decides; a file without one is read (and added to) in -Encoding.
            using var reader = new StreamReader(path, Encoding, detectEncodingFromByteOrderMarks: true);
            var header = reader.ReadLine();
            // Windows PowerShell's Export-Csv starts with a type line unless told not to; Import-Csv skips it too.
            if (header is not null && header.StartsWith("#TYPE", StringComparison.Ordinal)) header = reader.ReadLine();
            var encoding = reader.CurrentEncoding;
            var columns = string.IsNullOrEmpty(header) ? null : InvariantCsvWriter.ParseHeader(header!, Delimiter);

            var stream = reader.BaseStream;
            if (stream.Length == 0) return (columns, Encoding, false);
            var lastBytes = new byte[encoding.GetByteCount("\n")];
            var needsLineBreak = false;
            if (stream.Length >= lastBytes.Length + encoding.GetPreamble().Length)
            {
                stream.Seek(-lastBytes.Length, SeekOrigin.End);
                stream.Read(lastBytes, 0, lastBytes.Length);
                needsLineBreak = encoding.GetString(lastBytes) != "\n";
            }
            // No second byte-order mark: StreamWriter writes one only at the very start of a stream.
            return (columns, encoding, needsLineBreak);
        }

        private string GivenPath => ParameterSetName == LiteralPathSet ? LiteralPath : Path;

        // As Export-Csv: -Path may use wildcards to name one existing file, and is taken as written when they
        // match none; -LiteralPath is always taken as written.
        private string ResolveTarget(out ProviderInfo provider)
        {
            if (ParameterSetName == PathSet && WildcardPattern.ContainsWildcardCharacters(Path))
            {
                try
                {
                    var matches = SessionState.Path.GetResolvedProviderPathFromPSPath(Path, out provider);
                    if (matches.Count == 1) return matches[0];
                    if (matches.Count > 1)
                        ThrowTerminatingError(new ErrorRecord(new ArgumentException($"'{Path}' names {matches.Count} files; name one, or use -LiteralPath."), "AmbiguousPath", ErrorCategory.InvalidArgument, Path));
                }
                catch (ItemNotFoundException) { }
            }
            return SessionState.Path.GetUnresolvedProviderPathFromPSPath(GivenPath, out provider, out _);
        }

        private ErrorRecord? OpenError(Exception exception) => exception switch
        {
            DirectoryNotFoundException missing => new ErrorRecord(
                new DirectoryNotFoundException($"The folder of '{_target}' does not exist.", missing), "FolderNotFound", ErrorCategory.ObjectNotFound, GivenPath),
            IOException exists when NoClobber && !Append && File.Exists(_target) =>
                new ErrorRecord(new IOException($"The file '{_target}' already exists and -NoClobber was given.", exists), "FileExists", ErrorCategory.ResourceExists, _target),
            // The file opened first is the staged one beside the target; the messages name the file the user gave.
            UnauthorizedAccessException denied => new ErrorRecord(
                new UnauthorizedAccessException($"Access to '{_target}' is denied: Export-PcCsv writes a new file in its folder and moves it into place, so the folder must allow writing.", denied),
                "WriteFailed", ErrorCategory.PermissionDenied, _target),
            IOException io => new ErrorRecord(new IOException($"'{_target}' could not be written: {io.Message}", io), "WriteFailed", ErrorCategory.WriteError, _target),
            ArgumentException or NotSupportedException => new ErrorRecord(exception, "InvalidPath", ErrorCategory.InvalidArgument, GivenPath),
            _ => null,
        };
    }
}
