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
        private static readonly string DependencyFolder =
            Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!, "dependencies");
        private static bool _installed;

        public void OnImport()
        {
            if (_installed) return;
            _installed = true;
            var loadContext = Path.Combine(DependencyFolder, LoadContextAssembly + ".dll");
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

        private static Assembly? ResolveFromDependencyFolder(object? sender, ResolveEventArgs args)
        {
            var path = Path.Combine(DependencyFolder, new AssemblyName(args.Name).Name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
