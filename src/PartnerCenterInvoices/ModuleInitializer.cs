using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace PartnerCenterInvoices
{
    /// <summary>Makes the module's private dependencies (in its dependencies folder) loadable before any cmdlet runs.</summary>
    /// <remarks>
    /// This class must not touch a client-library type: it runs before that library can be found.
    /// PowerShell 7 gets a load context of its own (the documented way to avoid the MSAL clashes
    /// Az and Graph users hit); Windows PowerShell 5.1 has no such thing and resolves from the folder.
    /// </remarks>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        private const string LoadContextAssembly = "PartnerCenterInvoices.LoadContext";
        private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;
        private static readonly string DependencyFolder = Path.Combine(ModuleFolder, "dependencies");
        private static int _installed;

        public void OnImport()
        {
            // -Parallel runspaces may import at the same moment; one resolver is enough.
            if (System.Threading.Interlocked.Exchange(ref _installed, 1) == 1) return;
            var loadContext = Path.Combine(DependencyFolder, LoadContextAssembly + ".dll");
            if (IsDotNetCore && Environment.Version.Major < 8)
            {
                throw new PlatformNotSupportedException(
                    $"PartnerCenterInvoices needs PowerShell 7.4 or later (on .NET 8), or Windows PowerShell 5.1; this is .NET {Environment.Version}.");
            }
            if (IsDotNetCore && File.Exists(loadContext))
            {
                Assembly.LoadFrom(loadContext)
                    .GetType("PartnerCenterInvoices.LoadContext.DependencyLoadContext", throwOnError: true)!
                    .GetMethod("Install", BindingFlags.Public | BindingFlags.Static)!
                    .Invoke(null, new object[] { DependencyFolder });
            }
            else
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencyFolder;
            }
        }

        private static bool IsDotNetCore =>
            !System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        // Windows PowerShell has one load context for every module: answer only for an assembly we ship,
        // and only when our copy is at least the version asked for, so another module's request for a
        // newer System.Memory or MSAL is left to whoever can satisfy it. The models sit beside the
        // manifest, not in dependencies/: the client (loaded from dependencies/) asks for them here too,
        // and LoadFrom of the path the manifest already loaded hands back that same assembly.
        private static Assembly? ResolveFromDependencyFolder(object? sender, ResolveEventArgs args)
        {
            var wanted = new AssemblyName(args.Name);
            var path = Path.Combine(DependencyFolder, wanted.Name + ".dll");
            if (!File.Exists(path)) path = Path.Combine(ModuleFolder, wanted.Name + ".dll");
            if (!File.Exists(path)) return null;
            var ours = AssemblyName.GetAssemblyName(path);
            return wanted.Version is null || ours.Version >= wanted.Version ? Assembly.LoadFrom(path) : null;
        }
    }
}
