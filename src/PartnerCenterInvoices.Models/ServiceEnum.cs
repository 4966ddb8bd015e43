using System;

namespace PartnerCenterInvoices
{
    /// <summary>A value of one of the service's open-ended enums (invoice type, document type, ...).</summary>
    /// <remarks>
    /// Equality ignores case and separators, so <c>one_time</c> equals <c>OneTime</c>; a value this
    /// version does not know is kept as the service sent it instead of failing the whole read.
    /// </remarks>
    public abstract class ServiceEnum<TSelf> : IEquatable<TSelf>, IComparable<TSelf>, IComparable
        where TSelf : ServiceEnum<TSelf>
    {
        private readonly ServiceEnumSpelling _spelling;
        private readonly string _key;

        private protected ServiceEnum(string value, ServiceEnumSpelling spelling)
        {
            if (value is null) throw new ArgumentNullException(nameof(value));
            _spelling = spelling;
            Value = spelling.Canonicalize(value);
            _key = ServiceEnumSpelling.Key(Value);
        }

        /// <summary>The canonical spelling of a known value, or the service's text for a new one.</summary>
        public string Value { get; }

        /// <summary>True when this version of the module knows the value.</summary>
        public bool IsKnown => _spelling.IsKnown(Value);

        public bool Equals(TSelf? other) => other is not null && string.Equals(_key, other._key, StringComparison.Ordinal);

        // PowerShell's -eq hands a string over as the right operand; compare it by spelling too.
        public override bool Equals(object? obj) => obj switch
        {
            TSelf other => Equals(other),
            string text => string.Equals(_key, ServiceEnumSpelling.Key(text), StringComparison.Ordinal),
            _ => false,
        };

        public static bool operator ==(ServiceEnum<TSelf>? left, ServiceEnum<TSelf>? right) =>
            left is null ? right is null : right is not null && string.Equals(left._key, right._key, StringComparison.Ordinal);

        public static bool operator !=(ServiceEnum<TSelf>? left, ServiceEnum<TSelf>? right) => !(left == right);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_key);

        public int CompareTo(TSelf? other) => other is null ? 1 : string.CompareOrdinal(_key, other._key);

        int IComparable.CompareTo(object? obj) => obj switch
        {
            TSelf other => CompareTo(other),
            string text => string.CompareOrdinal(_key, ServiceEnumSpelling.Key(text)),
            _ => 1,
        };

        public override string ToString() => Value;
    }
}
