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
    /// comes from the default context, so framework types stay one type. So do the module's public
    /// models (<see cref="SharedAssemblyName"/>, beside the manifest): the cmdlets and the user's
    /// scripts see them there, and a second copy in here would be a different type to the client.
    /// Everything else the client library needs is loaded from our folder, whatever version another
    /// module put in the session.
    /// </remarks>
    public sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private static readonly HashSet<string> PlatformAssemblies = ReadPlatformAssemblies();
        private readonly string _folder;

        public DependencyLoadContext(string folder) : base("PartnerCenterInvoices", isCollectible: false) => _folder = folder;

        /// <summary>The name the client library must be asked for by, to be loaded here.</summary>
        public const string EngineAssemblyName = "PartnerCenterInvoices.Client";

        /// <summary>The public model types: always the default context's copy, never one of ours.</summary>
        public const string SharedAssemblyName = "PartnerCenterInvoices.Models";

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
            if (string.Equals(assemblyName.Name, SharedAssemblyName, StringComparison.OrdinalIgnoreCase)) return SharedFromDefault(assemblyName.Name);
            var path = Path.Combine(_folder, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }

        // The manifest loads the models first (RequiredAssemblies); when the client asks before that
        // (the dll imported by path), they are loaded from beside the manifest, still into the default context.
        private Assembly? SharedFromDefault(string name)
        {
            foreach (var loaded in Default.Assemblies)
                if (string.Equals(loaded.GetName().Name, name, StringComparison.OrdinalIgnoreCase)) return loaded;
            var path = Path.Combine(Path.GetDirectoryName(_folder)!, name + ".dll");
            return File.Exists(path) ? Default.LoadFromAssemblyPath(path) : null;
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
