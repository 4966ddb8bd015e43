using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace PartnerCenterInvoices.Documents
{
    /// <summary>The columns a sheet of the module's rows needs before it has seen them all.</summary>
    /// <remarks>
    /// A CSV header is written before the second row is known, so Export-Csv takes it from the first
    /// row. Line items come in four shapes, and Get-PcInvoice | Get-PcInvoiceLineItem mixes them: with
    /// an Azure line first, Office lines lost 13 fields and OneTime lines 29. The shapes are known in
    /// advance, so a line item sheet gets every shape's columns: the ones all share first, then each
    /// shape's own, in the same order whichever line comes first.
    /// </remarks>
    public static class SheetColumns
    {
        private static readonly Type[] LineItemShapes =
        {
            typeof(UsageBasedLineItem), typeof(LicenseBasedLineItem), typeof(OneTimeInvoiceLineItem), typeof(DailyRatedUsageLineItem),
        };

        private static readonly Lazy<IReadOnlyList<string>> LineItemColumns = new Lazy<IReadOnlyList<string>>(() => ColumnsOf(LineItemShapes));

        /// <summary>Every column a sheet whose first row is of <paramref name="rowType"/> may need; null when rows of that type have one shape.</summary>
        public static IReadOnlyList<string>? ForRowsLike(Type rowType) =>
            typeof(InvoiceLineItem).IsAssignableFrom(rowType) ? LineItemColumns.Value : null;

        private static IReadOnlyList<string> ColumnsOf(IEnumerable<Type> shapes)
        {
            var columns = new List<string>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var shape in shapes)
            {
                // Base class first, so the columns every shape shares lead, as a reader looks for them.
                foreach (var type in Lineage(shape))
                {
                    var declared = type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                        .Where(property => property.GetIndexParameters().Length == 0)
                        .OrderBy(property => property.MetadataToken);
                    foreach (var property in declared)
                        if (seen.Add(property.Name)) columns.Add(property.Name);
                }
            }
            return columns;
        }

        private static IEnumerable<Type> Lineage(Type type)
        {
            var chain = new Stack<Type>();
            for (var current = type; current is not null && current != typeof(object); current = current.BaseType) chain.Push(current);
            return chain;
        }
    }
}
