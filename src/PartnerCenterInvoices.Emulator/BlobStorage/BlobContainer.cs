using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace PartnerCenterInvoices.Emulator.BlobStorage;

/// <summary>The one container the blob host serves (<c>reconexports</c>): directories of blobs, their bytes in a temp folder.</summary>
/// <remarks>
/// Files are written once, when an export is prepared, and deleted when the emulator exits. A process killed
/// outright (SIGKILL, as test runners stop it) cannot clean up, so each start also deletes the folders of
/// emulator processes that no longer run: the folder name carries its owner's process id.
/// </remarks>
internal sealed class BlobContainer : IDisposable
{
    public const string Name = "reconexports";
    private const string FolderPrefix = "pc-emulator-blobs-";

    private readonly ConcurrentDictionary<string, IReadOnlyList<StoredBlob>> _directories = new(StringComparer.Ordinal);

    public BlobContainer()
    {
        DeleteOrphans();
        Folder = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}"));
        Directory.CreateDirectory(Folder);
    }

    /// <summary>Where the blob files are; deleted by <see cref="Dispose"/>.</summary>
    public string Folder { get; }

    /// <summary>Publishes a directory's blobs (path from the container on, e.g. <c>/reconexports/v1/…</c>), replacing none.</summary>
    public void Publish(string directory, IReadOnlyList<StoredBlob> blobs) => _directories.TryAdd(directory, blobs);

    /// <summary>The blob at <paramref name="path"/> (<c>/reconexports/…/name</c>), and the directory it is in.</summary>
    public bool TryFind(string path, out StoredBlob blob, out string directory)
    {
        blob = null!;
        var slash = path.LastIndexOf('/');
        directory = slash > 0 ? path[..slash] : "";
        if (!_directories.TryGetValue(directory, out var blobs)) return false;
        var name = path[(slash + 1)..];
        foreach (var candidate in blobs)
        {
            if (!string.Equals(candidate.Name, name, StringComparison.Ordinal)) continue;
            blob = candidate;
            return true;
        }
        return false;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"emulator: cannot delete the blob folder {Folder}: {ex.Message}");
        }
    }

    private static void DeleteOrphans()
    {
        try
        {
            foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
            {
                var rest = Path.GetFileName(folder)[FolderPrefix.Length..];
                var dash = rest.IndexOf('-');
                if (dash <= 0 || !int.TryParse(rest.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var owner) || IsRunning(owner)) continue;
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Another emulator starting at the same moment got there first, or it is not ours to delete.
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Cleaning up after others is a courtesy; never a reason not to start.
        }
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
