using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>The kind of an invoice: recurring (subscriptions) or one-time (purchases).</summary>
    [JsonConverter(typeof(ServiceEnumJsonConverter<InvoiceType>))]
    public sealed class InvoiceType : ServiceEnum<InvoiceType>
    {
        internal static readonly ServiceEnumSpelling Spelling = new ServiceEnumSpelling("Recurring", "OneTime");

        /// <summary>Creates a value from any of the service's spellings (PowerShell converts strings through this).</summary>
        public InvoiceType(string value) : base(value, Spelling) { }

        public static InvoiceType Recurring { get; } = new InvoiceType(nameof(Recurring));
        public static InvoiceType OneTime { get; } = new InvoiceType(nameof(OneTime));
    }
}
