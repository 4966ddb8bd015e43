namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>The export's <c>attributeSet</c>: every documented field, or the basic subset.</summary>
internal enum AttributeSet
{
    Full,
    Basic,
}
