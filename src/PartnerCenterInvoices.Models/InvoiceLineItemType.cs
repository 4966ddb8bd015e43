using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>The kind of line items an invoice detail holds: billing or usage.</summary>
    [JsonConverter(typeof(ServiceEnumJsonConverter<InvoiceLineItemType>))]
    public sealed class InvoiceLineItemType : ServiceEnum<InvoiceLineItemType>
    {
        internal static readonly ServiceEnumSpelling Spelling = new ServiceEnumSpelling("BillingLineItems", "UsageLineItems", "None");

        /// <summary>Creates a value from any of the service's spellings (PowerShell converts strings through this).</summary>
        public InvoiceLineItemType(string value) : base(value, Spelling) { }

        public static InvoiceLineItemType BillingLineItems { get; } = new InvoiceLineItemType(nameof(BillingLineItems));
        public static InvoiceLineItemType UsageLineItems { get; } = new InvoiceLineItemType(nameof(UsageLineItems));
        public static InvoiceLineItemType None { get; } = new InvoiceLineItemType(nameof(None));
    }
}
