using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>The billing system behind an invoice detail and its line items.</summary>
    [JsonConverter(typeof(ServiceEnumJsonConverter<BillingProvider>))]
    public sealed class BillingProvider : ServiceEnum<BillingProvider>
    {
        internal static readonly ServiceEnumSpelling Spelling = new ServiceEnumSpelling("Azure", "Office", "OneTime", "Marketplace", "AzureDataMarket", "All", "None");

        /// <summary>Creates a value from any of the service's spellings (PowerShell converts strings through this).</summary>
        public BillingProvider(string value) : base(value, Spelling) { }

        public static BillingProvider Azure { get; } = new BillingProvider(nameof(Azure));
        public static BillingProvider Office { get; } = new BillingProvider(nameof(Office));
        public static BillingProvider OneTime { get; } = new BillingProvider(nameof(OneTime));
        public static BillingProvider Marketplace { get; } = new BillingProvider(nameof(Marketplace));
        public static BillingProvider AzureDataMarket { get; } = new BillingProvider(nameof(AzureDataMarket));
        public static BillingProvider All { get; } = new BillingProvider(nameof(All));
        public static BillingProvider None { get; } = new BillingProvider(nameof(None));
    }
}
