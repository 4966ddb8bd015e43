using System.Management.Automation;

namespace PartnerCenterInvoices.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets invoice reconciliation line items from Microsoft Graph's billing exports, billed by invoice or unbilled by period, streamed.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PcReconciliationLineItem", DefaultParameterSetName = BilledSet)]
    [OutputType(typeof(ReconciliationLineItem))]
    public sealed class GetPcReconciliationLineItemCommand : BillingExportCommand
    {
        public GetPcReconciliationLineItemCommand() : base(usage: false) { }
    }
}
