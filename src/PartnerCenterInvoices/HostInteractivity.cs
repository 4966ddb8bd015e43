using System;
using System.Linq;
using System.Management.Automation;

namespace PartnerCenterInvoices
{
    /// <summary>Decides whether a sign-in that needs a person may start, so a runbook never waits for nobody.</summary>
    internal static class HostInteractivity
    {
        public static bool CanAskAPerson(PSCmdlet cmdlet)
        {
            // pwsh accepts any prefix of -NonInteractive from -noni on.
            if (Environment.GetCommandLineArgs().Skip(1).Any(a =>
                    a.Length >= 5 && "-noninteractive".StartsWith(a.ToLowerInvariant(), StringComparison.Ordinal)))
                return false;
            // Azure Automation sandboxes and Hybrid Workers.
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AUTOMATION_ASSET_ACCOUNTID"))) return false;
            // Runspaces without a UI (jobs, hosted runspaces) use PowerShell's "Default Host".
            return cmdlet.Host?.UI?.RawUI is not null && !string.Equals(cmdlet.Host.Name, "Default Host", StringComparison.Ordinal);
        }
    }
}
