using System.Management.Automation;
using PartnerCenterInvoices.BillingExports;
using PartnerCenterInvoices.Queries;

namespace PartnerCenterInvoices.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets invoice reconciliation line items from Microsoft Graph's billing exports, billed by invoice or unbilled by period, streamed.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PcReconciliationLineItem", DefaultParameterSetName = BilledSet)]
    [OutputType("PartnerCenterInvoices.ReconciliationLineItem")]
    public sealed class GetPcReconciliationLineItemCommand : BillingExportCommand<ReconciliationLineItem>
    {
        protected override BillingExportKind Kind => BillingExportKind.Reconciliation;

        protected override BillingExportReader<ReconciliationLineItem> Open(PartnerCenterConnection connection, BillingExportRequest request,
            BillingExportOptions options) => connection.ReadReconciliationLineItems(request, RequestContext, options);
    }
}
