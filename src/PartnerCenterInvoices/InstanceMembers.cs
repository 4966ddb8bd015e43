using System;
using System.Linq.Expressions;
using System.Management.Automation;
using System.Reflection;

namespace PartnerCenterInvoices
{
    /// <summary>Whether an object carries members added at run time (Add-Member, note properties), asked cheaply.</summary>
    /// <remarks>
    /// The public way to find them, the psextended member set, builds a member set and merges the type
    /// table's members on every call: for a million rows that was ten seconds and a gigabyte of garbage
    /// in Export-PcCsv, more than the rest of a row's work. PowerShell answers the question itself in an
    /// internal method, PSObject.HasInstanceMembers, the same in 5.1 and 7. It is not a contract, so it
    /// is looked up once by name and signature and used only if found; otherwise callers take the public
    /// way (see <see cref="IsKnown"/>).
    /// </remarks>
    internal static class InstanceMembers
    {
        private static readonly Func<object, bool>? Probe = MakeProbe();

        /// <summary>False when this PowerShell has no such method: then nothing can be said cheaply.</summary>
        public static bool IsKnown => Probe is not null;

        /// <summary>True when <paramref name="value"/> has instance members; only meaningful when <see cref="IsKnown"/>.</summary>
        public static bool Any(PSObject value) => Probe?.Invoke(value) ?? true;

        private static Func<object, bool>? MakeProbe()
        {
            try
            {
                MethodInfo? method = null;
                foreach (var candidate in typeof(PSObject).GetMethods(BindingFlags.NonPublic | BindingFlags.Static))
                {
                    var parameters = candidate.GetParameters();
                    if (candidate.Name == "HasInstanceMembers" && candidate.ReturnType == typeof(bool) && parameters.Length == 2 &&
                        parameters[0].ParameterType == typeof(object) && parameters[1].IsOut)
                        method = candidate;
                }
                if (method is null) return null;
                var value = Expression.Parameter(typeof(object), "value");
                var members = Expression.Variable(method.GetParameters()[1].ParameterType.GetElementType()!, "members");
                var body = Expression.Block(new[] { members }, Expression.Call(method, value, members));
                var probe = Expression.Lambda<Func<object, bool>>(body, value).Compile();
                // Asked once here, so a PowerShell that refuses the call at run time is found now, not on every row.
                var plain = new PSObject(new object());
                var added = new PSObject(new object());
                added.Properties.Add(new PSNoteProperty("Probe", 1));
                return !probe(plain) && probe(added) ? probe : null;
            }
            catch (Exception)
            {
                // Whatever this PowerShell does differently, the public way still works.
                return null;
            }
        }
    }
}
