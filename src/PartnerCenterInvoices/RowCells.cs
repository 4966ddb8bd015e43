using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using PartnerCenterInvoices.Documents;

namespace PartnerCenterInvoices
{
    /// <summary>The cells of one CSV row: each column's value as PowerShell sees it on the object.</summary>
    /// <remarks>
    /// PowerShell's member lookup (PSObject.Properties[name]) is the dear part of a row: a PSProperty and
    /// a reflection call per cell. The module's own objects are read instead through getters made once
    /// per type (<see cref="PropertyGetters"/>), and PowerShell is asked only about what was added to them
    /// at run time: note properties (Add-Member, an export's fields this version does not know) and type
    /// data, which win over the type's own properties as in PowerShell's lookup. Any other object is read
    /// through PowerShell, cell by cell, as Export-Csv does.
    /// </remarks>
    internal sealed class RowCells
    {
        private readonly IReadOnlyList<string> _columns;
        private readonly Dictionary<Type, bool> _typeHasData = new Dictionary<Type, bool>();
        private readonly Dictionary<Type, Func<object, object?>?[]> _getters = new Dictionary<Type, Func<object, object?>?[]>();
        // A header read from a file may name a column twice in two cases: PowerShell gives both the value.
        private readonly Dictionary<string, int[]> _columnIndex;
        private readonly object?[] _cells;

        public RowCells(IReadOnlyList<string> columns)
        {
            _columns = columns;
            _columnIndex = columns.Select((column, index) => (column, index)).GroupBy(c => c.column, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.Select(c => c.index).ToArray(), StringComparer.OrdinalIgnoreCase);
            _cells = new object?[columns.Count];
        }

        /// <summary>The row's cells, in column order (the array is reused for the next row); <paramref name="added"/> is what
        /// was added to one of the module's objects at run time, null for any other object.</summary>
        public IReadOnlyList<object?> Read(PSObject row, out IReadOnlyList<PSPropertyInfo>? added)
        {
            if (!IsModuleType(row))
            {
                added = null;
                return Cells(row);
            }
            added = UnderOwnTypeName(row) ? AddedTo(row) : AddedProperties(row);
            return ModuleCells(row, added);
        }

        private static bool IsModuleType(PSObject row) => row.BaseObject.GetType().Assembly == typeof(InvoiceLineItem).Assembly;

        // An object given another type name (Add-Member -TypeName) may have other type data, which PowerShell looks
        // up by that name: such an object, or any when the cheap questions cannot be asked, is read the public way.
        private static bool UnderOwnTypeName(PSObject row) =>
            InstanceMembers.IsKnown && InstanceMembers.FirstTypeName(row) == row.BaseObject.GetType().FullName;

        // Almost always nothing was added, and asking PowerShell is the dearest part of a row: so a type's data is
        // looked for once (type data added halfway through the pipeline is not seen), and each row is asked only
        // whether it has members of its own (InstanceMembers).
        private IReadOnlyList<PSPropertyInfo> AddedTo(PSObject row)
        {
            var type = row.BaseObject.GetType();
            var ownMembers = InstanceMembers.Any(row);
            if (!_typeHasData.TryGetValue(type, out var hasData))
            {
                // Only a row without members of its own tells what the type's data adds.
                if (ownMembers) return AddedProperties(row);
                var added = AddedProperties(row);
                _typeHasData[type] = added.Count > 0;
                return added;
            }
            return ownMembers || hasData ? AddedProperties(row) : Array.Empty<PSPropertyInfo>();
        }

        // What was added to the object, the public way: instance members and type data.
        private static IReadOnlyList<PSPropertyInfo> AddedProperties(PSObject row)
        {
            var added = ((PSMemberSet)row.Members["psextended"]).Properties;
            List<PSPropertyInfo>? list = null;
            foreach (var property in added) (list ??= new List<PSPropertyInfo>()).Add(property);
            return list ?? (IReadOnlyList<PSPropertyInfo>)Array.Empty<PSPropertyInfo>();
        }

        private object?[] ModuleCells(PSObject row, IReadOnlyList<PSPropertyInfo> added)
        {
            var type = row.BaseObject.GetType();
            if (!_getters.TryGetValue(type, out var getters))
            {
                getters = _columns.Select(column => PropertyGetters.For(type, column)).ToArray();
                _getters.Add(type, getters);
            }
            var cells = _cells;
            for (var i = 0; i < cells.Length; i++)
            {
                try
                {
                    cells[i] = getters[i]?.Invoke(row.BaseObject);
                }
                catch (Exception ex) when (ex is not PipelineStoppedException)
                {
                    cells[i] = null; // as PowerShell: a property that cannot be read is an empty cell
                }
            }
            foreach (var property in added)
            {
                if (!_columnIndex.TryGetValue(property.Name, out var indexes)) continue;
                object? value;
                try
                {
                    value = property.Value;
                }
                catch (GetValueException)
                {
                    value = null;
                }
                foreach (var index in indexes) cells[index] = value;
            }
            return cells;
        }

        private object?[] Cells(PSObject row)
        {
            for (var i = 0; i < _cells.Length; i++)
            {
                try
                {
                    _cells[i] = row.Properties[_columns[i]]?.Value;
                }
                catch (GetValueException)
                {
                    _cells[i] = null; // as Export-Csv: a property that cannot be read is an empty cell
                }
            }
            return _cells;
        }
    }
}
