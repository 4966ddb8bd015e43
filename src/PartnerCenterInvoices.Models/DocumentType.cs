using System.Text.Json.Serialization;

namespace PartnerCenterInvoices
{
    /// <summary>What an invoice document is: an invoice, or a note that voids or adjusts one.</summary>
    [JsonConverter(typeof(ServiceEnumJsonConverter<DocumentType>))]
    public sealed class DocumentType : ServiceEnum<DocumentType>
    {
        internal static readonly ServiceEnumSpelling Spelling = new ServiceEnumSpelling("Invoice", "VoidNote", "AdjustmentNote", "Reconciliation", "None");

        /// <summary>Creates a value from any of the service's spellings (PowerShell converts strings through this).</summary>
        public DocumentType(string value) : base(value, Spelling) { }

        public static DocumentType Invoice { get; } = new DocumentType(nameof(Invoice));
        public static DocumentType VoidNote { get; } = new DocumentType(nameof(VoidNote));
        public static DocumentType AdjustmentNote { get; } = new DocumentType(nameof(AdjustmentNote));
        public static DocumentType Reconciliation { get; } = new DocumentType(nameof(Reconciliation));
        public static DocumentType None { get; } = new DocumentType(nameof(None));
    }
}
