namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>The comparison of a simple filter; the service spells them equals, not_equals, greater_than, ...</summary>
internal enum FilterOperator
{
    EqualTo,
    NotEqualTo,
    GreaterThan,
    GreaterThanOrEqualTo,
    LessThan,
    LessThanOrEqualTo,
}
