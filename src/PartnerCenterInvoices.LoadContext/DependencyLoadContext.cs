using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace PartnerCenterInvoices.LoadContext
{
    /// <summary>Loads the module's private assemblies from its dependencies folder, apart from the session's.</summary>
    /// <remarks>
    /// Anything the runtime itself ships (System.*, and what pwsh carries on its trusted platform list)
    /// comes from the default context, so framework types stay one type. Everything else the client
    /// library needs is loaded from our folder, whatever version another module put in the session.
    /// </remarks>
    public sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private static readonly HashSet<string> PlatformAssemblies = ReadPlatformAssemblies();
        private readonly string _folder;

        public DependencyLoadContext(string folder) : base("PartnerCenterInvoices", isCollectible: false) => _folder = folder;

        /// <summary>The name the client library must be asked for by, to be loaded here.</summary>
        public const string EngineAssemblyName = "PartnerCenterInvoices.Client";

        private static DependencyLoadContext? _instance;
        private static readonly object InstallLock = new object();

        /// <summary>Routes the cmdlets' reference to the client library into this context. Called once at import.</summary>
        public static void Install(string folder)
        {
            lock (InstallLock)
            {
                if (_instance is not null) return;
                var context = new DependencyLoadContext(folder);
                Default.Resolving += (_, name) =>
                    string.Equals(name.Name, EngineAssemblyName, StringComparison.Ordinal) ? context.LoadFromAssemblyName(name) : null;
                _instance = context;
            }
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name is null || PlatformAssemblies.Contains(assemblyName.Name)) return null;
            var path = Path.Combine(_folder, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        private static HashSet<string> ReadPlatformAssemblies()
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var list = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty;
            foreach (var path in list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
                names.Add(Path.GetFileNameWithoutExtension(path));
            return names;
        }
    }
}
