using System;
using System.Linq;
using System.Text;

namespace PartnerCenterInvoices.Queries
{
    /// <summary>Which of the four Graph billing exports to run (reconciliation or daily rated usage, billed or unbilled), and its JSON body.</summary>
    /// <remarks>
    /// Checked here, before any request: an empty or path-like invoice id, a currency code that is not
    /// three letters, an unknown billing period or attribute set. The body uses the service's own
    /// spellings (<c>full</c>/<c>basic</c>, <c>current</c>/<c>last</c>).
    /// </remarks>
    public sealed class BillingExportRequest
    {
        private BillingExportRequest(BillingExportKind kind, string? invoiceId, string? billingPeriod, string? currencyCode, string attributeSet)
        {
            Kind = kind;
            InvoiceId = invoiceId;
            BillingPeriod = billingPeriod;
            CurrencyCode = currencyCode;
            AttributeSet = attributeSet;
        }

        public BillingExportKind Kind { get; }
        /// <summary>The invoice of a billed export; null for unbilled.</summary>
        public string? InvoiceId { get; }
        /// <summary><c>current</c> or <c>last</c> for unbilled exports; null for billed.</summary>
        public string? BillingPeriod { get; }
        public string? CurrencyCode { get; }
        /// <summary><c>full</c> or <c>basic</c>.</summary>
        public string AttributeSet { get; }
        public bool IsBilled => InvoiceId is not null;

        public static BillingExportRequest Billed(BillingExportKind kind, string invoiceId, string attributeSet = "Full") =>
            new BillingExportRequest(kind, ServiceId.Require(invoiceId, "invoice id"), null, null, ParseAttributeSet(attributeSet));

        public static BillingExportRequest Unbilled(BillingExportKind kind, string billingPeriod, string currencyCode, string attributeSet = "Full")
        {
            var period = (billingPeriod ?? string.Empty).Trim();
            if (!period.Equals("current", StringComparison.OrdinalIgnoreCase) && !period.Equals("last", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"The billing period must be Current or Last, not '{billingPeriod}'.", nameof(billingPeriod));
            return new BillingExportRequest(kind, null, period.ToLowerInvariant(), RequireCurrencyCode(currencyCode), ParseAttributeSet(attributeSet));
        }

        /// <summary>An ISO 4217 code: three ASCII letters, returned upper case.</summary>
        public static string RequireCurrencyCode(string? currencyCode)
        {
            var code = (currencyCode ?? string.Empty).Trim();
            if (code.Length != 3 || !code.All(c => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')))
                throw new ArgumentException($"'{currencyCode}' is not a currency code: give the three letters of ISO 4217, such as USD or EUR.", nameof(currencyCode));
            return code.ToUpperInvariant();
        }

        /// <summary>The path under the Graph version root.</summary>
        public string RelativePath =>
            "/reports/partners/billing/" + (Kind == BillingExportKind.Reconciliation ? "reconciliation" : "usage") + "/" +
            (IsBilled ? "billed" : "unbilled") + "/export";

        /// <summary>What a person reads: "billed reconciliation of invoice G000000002" or "unbilled usage, last period, EUR".</summary>
        public string Description =>
            (IsBilled ? "billed " : "unbilled ") + (Kind == BillingExportKind.Reconciliation ? "reconciliation" : "daily rated usage") +
            (IsBilled ? $" of invoice {InvoiceId}" : $", {BillingPeriod} billing period, {CurrencyCode}");

        public byte[] ToJsonBody()
        {
            // Ids are checked (no quotes, no control characters), currency is letters, the rest are fixed words:
            // nothing needs escaping, but the writer keeps it honest anyway.
            using var stream = new System.IO.MemoryStream();
            using (var writer = new System.Text.Json.Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                if (IsBilled) writer.WriteString("invoiceId", InvoiceId);
                else
                {
                    writer.WriteString("currencyCode", CurrencyCode);
                    writer.WriteString("billingPeriod", BillingPeriod);
                }
                writer.WriteString("attributeSet", AttributeSet);
                writer.WriteEndObject();
            }
            return stream.ToArray();
        }

        private static string ParseAttributeSet(string? attributeSet)
        {
            var set = (attributeSet ?? "Full").Trim();
            if (set.Equals("full", StringComparison.OrdinalIgnoreCase)) return "full";
            if (set.Equals("basic", StringComparison.OrdinalIgnoreCase)) return "basic";
            throw new ArgumentException($"The attribute set must be Full or Basic, not '{attributeSet}'.", nameof(attributeSet));
        }
    }
}
