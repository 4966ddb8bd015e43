using System;
using System.Collections.Concurrent;
using System.Reflection;

namespace PartnerCenterInvoices.Documents
{
    /// <summary>Reads a public property of an object by name through a delegate made once per type and name.</summary>
    /// <remarks>
    /// A sheet of a million rows reads every column of every row. Through PowerShell's member lookup
    /// (PSObject.Properties[name]) each read builds a PSProperty and calls the getter by reflection:
    /// at 47 columns that was most of Export-PcCsv's time and 9 GB of garbage for 1M lines. A delegate
    /// bound to the getter costs a call and, for a number or date, the box the writer needs anyway.
    /// </remarks>
    public static class PropertyGetters
    {
        private static readonly ConcurrentDictionary<(Type Type, string Name), Func<object, object?>?> Made =
            new ConcurrentDictionary<(Type, string), Func<object, object?>?>();

        private static readonly MethodInfo Bind = typeof(PropertyGetters).GetMethod(nameof(BindGetter), BindingFlags.NonPublic | BindingFlags.Static)!;

        /// <summary>A reader of <paramref name="type"/>'s public instance property <paramref name="name"/> (any case, as
        /// PowerShell matches names); null when the type has no such readable property, or two that differ only in case.</summary>
        public static Func<object, object?>? For(Type type, string name) => Made.GetOrAdd((type, name), key => Make(key.Type, key.Name));

        private static Func<object, object?>? Make(Type type, string name)
        {
            PropertyInfo? property;
            try
            {
                property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            }
            catch (AmbiguousMatchException)
            {
                return null;
            }
            var getter = property?.GetGetMethod();
            if (property is null || getter is null || property.GetIndexParameters().Length > 0 || type.IsValueType) return null;
            return (Func<object, object?>)Bind.MakeGenericMethod(type, property.PropertyType).Invoke(null, new object[] { getter })!;
        }

        private static Func<object, object?> BindGetter<TOwner, TValue>(MethodInfo getter)
        {
            var typed = (Func<TOwner, TValue>)getter.CreateDelegate(typeof(Func<TOwner, TValue>));
            return owner => typed((TOwner)owner);
        }
    }
}
