using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerCenterInvoices
{
    /// <summary>Matches the many spellings the service uses for one enum value.</summary>
    /// <remarks>
    /// The REST reference, the samples and the SDK disagree (<c>one_time</c>, <c>OneTime</c>,
    /// <c>oneTime</c>; <c>void_note</c>, <c>voidNote</c>), and the service adds values over time. The
    /// old SDKs broke on new values, so every service enum here compares case-insensitively without
    /// separators and keeps an unknown spelling as it came.
    /// </remarks>
    internal sealed class ServiceEnumSpelling
    {
        private readonly Dictionary<string, string> _canonicalByKey;

        public ServiceEnumSpelling(params string[] canonicalNames)
        {
            _canonicalByKey = canonicalNames.ToDictionary(Key, n => n, StringComparer.Ordinal);
            CanonicalNames = canonicalNames;
        }

        public IReadOnlyList<string> CanonicalNames { get; }

        public static string Key(string value)
        {
            var chars = value.Where(c => c != '_' && c != '-' && c != ' ').Select(char.ToLowerInvariant).ToArray();
            return new string(chars);
        }

        /// <summary>The canonical spelling of a known value, or the value as given.</summary>
        public string Canonicalize(string value) =>
            _canonicalByKey.TryGetValue(Key(value), out var canonical) ? canonical : value;

        public bool IsKnown(string value) => _canonicalByKey.ContainsKey(Key(value));
    }
}
