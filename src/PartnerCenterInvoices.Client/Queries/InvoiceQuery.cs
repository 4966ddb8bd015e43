using System;
using System.Collections.Generic;
using System.Linq;

namespace PartnerCenterInvoices.Queries
{
    /// <summary>The query parameters of <c>GET /v1/invoices</c>, and the first page's relative URI.</summary>
    public sealed class InvoiceQuery
    {
        /// <summary>The largest page the module asks for. The service's own limit is undocumented; 1000 is what it has been seen to serve.</summary>
        public const int MaxPageSize = 1000;

        public int? PageSize { get; set; }
        public int? Offset { get; set; }
        public InvoiceType? InvoiceType { get; set; }
        /// <summary>The service's <c>filter</c> value, a JSON object such as the .NET SDK sends.</summary>
        public string? Filter { get; set; }

        public string ToRelativeUri()
        {
            if (PageSize is int size && (size < 1 || size > MaxPageSize))
                throw new ArgumentOutOfRangeException(nameof(PageSize), size, $"The page size must be between 1 and {MaxPageSize}.");
            if (Offset is int offset && offset < 0)
                throw new ArgumentOutOfRangeException(nameof(Offset), offset, "The offset cannot be negative.");

            var parameters = new List<KeyValuePair<string, string>>();
            if (PageSize is int s) parameters.Add(Pair("size", s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (Offset is int o) parameters.Add(Pair("offset", o.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (InvoiceType is not null) parameters.Add(Pair("invoiceType", ServiceSpelling(InvoiceType)));
            if (!string.IsNullOrWhiteSpace(Filter)) parameters.Add(Pair("filter", Filter!.Trim()));

            return parameters.Count == 0
                ? "/invoices"
                : "/invoices?" + string.Join("&", parameters.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));
        }

        // The REST reference documents "recurring" and "one_time"; send those for the known values.
        private static string ServiceSpelling(InvoiceType type) =>
            type == PartnerCenterInvoices.InvoiceType.Recurring ? "recurring"
            : type == PartnerCenterInvoices.InvoiceType.OneTime ? "one_time"
            : type.Value;

        private static KeyValuePair<string, string> Pair(string key, string value) => new KeyValuePair<string, string>(key, value);
    }
}
