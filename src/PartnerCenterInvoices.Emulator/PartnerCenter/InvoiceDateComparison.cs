namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>A simple filter: the invoice date compared with one instant.</summary>
internal sealed class InvoiceDateComparison(FilterOperator comparison, long valueTicks) : InvoiceFilter
{
    public FilterOperator Comparison => comparison;
    public long ValueTicks => valueTicks;

    public override bool Matches(long invoiceDateTicks) => comparison switch
    {
        FilterOperator.EqualTo => invoiceDateTicks == valueTicks,
        FilterOperator.NotEqualTo => invoiceDateTicks != valueTicks,
        FilterOperator.GreaterThan => invoiceDateTicks > valueTicks,
        FilterOperator.GreaterThanOrEqualTo => invoiceDateTicks >= valueTicks,
        FilterOperator.LessThan => invoiceDateTicks < valueTicks,
        _ => invoiceDateTicks <= valueTicks,
    };

    public override long EarliestMatchingTicks => comparison is FilterOperator.EqualTo or FilterOperator.GreaterThan or FilterOperator.GreaterThanOrEqualTo
        ? valueTicks
        : long.MinValue;

    public override long LatestMatchingTicks => comparison is FilterOperator.EqualTo or FilterOperator.LessThan or FilterOperator.LessThanOrEqualTo
        ? valueTicks
        : long.MaxValue;
}
