using System;
using System.IO;

namespace PartnerCenterInvoices.Documents
{
    /// <summary>A file that takes the place of its target only when complete: until <see cref="Commit"/>, the target is as it was.</summary>
    /// <remarks>
    /// An export that dies halfway (the service fails, the connection drops, Ctrl+C) must not leave a
    /// file that looks finished, nor replace a good one with a fragment. A new file is written beside
    /// the target (same folder, so the move is a rename on the same volume) and renamed over it at the
    /// end; discarding deletes it. Appending writes in place, where copying the whole file first would
    /// cost its size on every run; discarding cuts the file back to its length before, so the rows of
    /// a failed append are gone again. Only the death of the process itself can leave them (or a
    /// staged file) behind.
    /// </remarks>
    public sealed class StagedFile : IDisposable
    {
        private readonly FileStream _stream;
        private readonly long _lengthBefore;
        private readonly bool _noClobber;
        private bool _done;

        private StagedFile(string target, string? stagedPath, FileStream stream, bool noClobber)
        {
            Target = target;
            StagedPath = stagedPath;
            _stream = stream;
            _lengthBefore = stagedPath is null ? stream.Length : 0;
            _noClobber = noClobber;
        }

        /// <summary>The file this one becomes, or adds to.</summary>
        public string Target { get; }

        /// <summary>Where the new file is written until it is complete; null when appending in place.</summary>
        public string? StagedPath { get; }

        /// <summary>True when rows go straight to the end of the existing target.</summary>
        public bool IsAppend => StagedPath is null;

        /// <summary>Where to write. Closed by <see cref="Commit"/> or <see cref="Discard"/>; a writer over it should be flushed before Commit.</summary>
        public Stream Stream => _stream;

        /// <summary>Starts a new file that will replace <paramref name="target"/> (or, with <paramref name="noClobber"/>, only be created if there is none).</summary>
        public static StagedFile Replacing(string target, bool noClobber = false, int bufferSize = 65536)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(target)) ?? throw new ArgumentException($"'{target}' has no folder.", nameof(target));
            var staged = Path.Combine(folder, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N").Substring(0, 12) + ".partial");
            var stream = new FileStream(staged, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize);
            return new StagedFile(target, staged, stream, noClobber);
        }

        /// <summary>Appends to the end of an existing <paramref name="target"/>, remembering where it ended.</summary>
        public static StagedFile Appending(string target, int bufferSize = 65536)
        {
            var stream = new FileStream(target, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize);
            return new StagedFile(target, null, stream, noClobber: false);
        }

        /// <summary>Closes the file and puts it in the target's place (or keeps what was appended).</summary>
        /// <exception cref="IOException">It could not be moved into place; the target is as it was and nothing is left behind.</exception>
        public void Commit()
        {
            if (_done) throw new InvalidOperationException("The file was already committed or discarded.");
            _stream.Dispose();
            _done = true;
            if (StagedPath is null) return;
            try
            {
                if (_noClobber || !File.Exists(Target)) File.Move(StagedPath, Target);
                else File.Replace(StagedPath, Target, destinationBackupFileName: null);
            }
            catch
            {
                TryDelete(StagedPath);
                throw;
            }
        }

        /// <summary>Leaves the target as it was: deletes the new file, or cuts an appended one back. Never throws.</summary>
        public void Discard()
        {
            if (_done) return;
            _done = true;
            try
            {
                // Writes still buffered in the stream land first and are cut off with the rest.
                if (StagedPath is null) _stream.SetLength(_lengthBefore);
            }
            catch (IOException) { /* the file is failing already; closing it is all that is left */ }
            catch (UnauthorizedAccessException) { }
            try { _stream.Dispose(); }
            catch (IOException) { }
            if (StagedPath is not null) TryDelete(StagedPath);
        }

        public void Dispose() => Discard();

        private static void TryDelete(string path)
        {
            try { File.Delete(path); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
