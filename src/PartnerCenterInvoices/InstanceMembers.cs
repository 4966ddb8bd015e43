using System;
using System.Collections.Generic;
using System.Linq.Expressions;
using System.Management.Automation;
using System.Reflection;

namespace PartnerCenterInvoices
{
    /// <summary>Whether an object carries members or a type name added at run time (Add-Member), asked cheaply.</summary>
    /// <remarks>
    /// The public ways to find out cost more than the rest of a CSV row: the psextended member set is
    /// built and merged with the type table's members on every call (for a million rows ten seconds and
    /// a gigabyte of garbage in Export-PcCsv), and reading TypeNames makes a writable copy of the
    /// object's type names and files it in a table keyed by the object. PowerShell answers both itself
    /// in internal members, the same in 5.1 and 7: PSObject.HasInstanceMembers and
    /// PSObject.InternalTypeNames. They are not a contract, so they are looked up once by name and
    /// signature, tried once, and used only if they behave; otherwise <see cref="IsKnown"/> is false and
    /// callers take the public way.
    /// </remarks>
    internal static class InstanceMembers
    {
        private static readonly Func<object, bool>? HasMembers;
        private static readonly Func<PSObject, IList<string>>? TypeNames;

        static InstanceMembers()
        {
            try
            {
                var hasMembers = MakeHasMembers();
                var typeNames = MakeTypeNames();
                if (hasMembers is null || typeNames is null) return;
                // Asked once here, so a PowerShell that refuses the calls at run time is found now, not on every row.
                var plain = new PSObject(new object());
                var added = new PSObject(new object());
                added.Properties.Add(new PSNoteProperty("Probe", 1));
                if (hasMembers(plain) || !hasMembers(added) || typeNames(plain).Count == 0 || typeNames(plain)[0] != typeof(object).FullName) return;
                HasMembers = hasMembers;
                TypeNames = typeNames;
            }
            catch (Exception)
            {
                // Whatever this PowerShell does differently, the public way still works.
            }
        }

        /// <summary>False when this PowerShell lacks the internal members: then nothing can be said cheaply.</summary>
        public static bool IsKnown => HasMembers is not null;

        /// <summary>True when <paramref name="value"/> has instance members; only meaningful when <see cref="IsKnown"/>.</summary>
        public static bool Any(PSObject value) => HasMembers?.Invoke(value) ?? true;

        /// <summary>The first type name PowerShell looks type data up by, without copying the object's names; only when <see cref="IsKnown"/>.</summary>
        public static string? FirstTypeName(PSObject value)
        {
            var names = TypeNames?.Invoke(value);
            return names is null || names.Count == 0 ? null : names[0];
        }

        private static Func<object, bool>? MakeHasMembers()
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
            return Expression.Lambda<Func<object, bool>>(body, value).Compile();
        }

        private static Func<PSObject, IList<string>>? MakeTypeNames()
        {
            var property = typeof(PSObject).GetProperty("InternalTypeNames", BindingFlags.NonPublic | BindingFlags.Instance);
            if (property is null || !typeof(IList<string>).IsAssignableFrom(property.PropertyType) || property.GetGetMethod(nonPublic: true) is null) return null;
            var value = Expression.Parameter(typeof(PSObject), "value");
            var body = Expression.Convert(Expression.Property(value, property), typeof(IList<string>));
            return Expression.Lambda<Func<PSObject, IList<string>>>(body, value).Compile();
        }
    }
}
