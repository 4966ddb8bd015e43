using System.Management.Automation;

namespace PartnerCenterInvoices.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets daily rated usage line items from Microsoft Graph's billing exports, billed by invoice or unbilled by period, streamed.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PcUsageLineItem", DefaultParameterSetName = BilledSet)]
    [OutputType(typeof(UsageLineItem))]
    public sealed class GetPcUsageLineItemCommand : BillingExportCommand
    {
        public GetPcUsageLineItemCommand() : base(usage: true) { }
    }
}
