namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>The four line item resources of the service, each named by its <c>objectType</c> (in this order in the writer's table).</summary>
internal enum LineItemShape
{
    LicenseBased,
    UsageBased,
    OneTime,
    DailyRatedUsage,
}
