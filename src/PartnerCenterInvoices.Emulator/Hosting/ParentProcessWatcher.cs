using System.Diagnostics;

namespace PartnerCenterInvoices.Emulator.Hosting;

/// <summary>Stops the emulator when the process that started it is gone (--parent-pid), so a crashed test run leaves no server behind.</summary>
/// <remarks>
/// On Linux a parent that died but was not yet reaped is a zombie and still has a /proc entry, so the
/// state letter is read too; and the start time is compared, so a pid reused by a new process does not
/// keep the emulator alive.
/// </remarks>
internal sealed class ParentProcessWatcher(int parentProcessId, IHostApplicationLifetime lifetime) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var identity = Identity(parentProcessId);
        using var timer = new PeriodicTimer(PollInterval);
        while (identity is not null && Identity(parentProcessId) == identity)
        {
            try
            {
                if (!await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false)) return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        if (!stoppingToken.IsCancellationRequested)
        {
            Console.Error.WriteLine($"emulator: parent process {parentProcessId} has exited; shutting down.");
            lifetime.StopApplication();
        }
    }

    /// <summary>Something that identifies the living process with this id (its start time), or null when there is none.</summary>
    private static string? Identity(int processId)
    {
        if (OperatingSystem.IsLinux())
        {
            string stat;
            try
            {
                stat = File.ReadAllText($"/proc/{processId}/stat");
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return "unreadable";
            }
            // "pid (comm) S ppid ... starttime ...": comm may hold spaces and parentheses, so fields count from the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length < 20 || fields[0] is "Z" or "X" or "x") return null;
            return fields[19];
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited ? null : process.StartTime.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            return null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "inaccessible";
        }
    }
}
