using System.Management.Automation;
using PartnerCenterInvoices.BillingExports;
using PartnerCenterInvoices.Queries;

namespace PartnerCenterInvoices.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets daily rated usage line items from Microsoft Graph's billing exports, billed by invoice or unbilled by period, streamed.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PcUsageLineItem", DefaultParameterSetName = BilledSet)]
    [OutputType("PartnerCenterInvoices.UsageLineItem")]
    public sealed class GetPcUsageLineItemCommand : BillingExportCommand<UsageLineItem>
    {
        protected override BillingExportKind Kind => BillingExportKind.Usage;

        protected override BillingExportReader<UsageLineItem> Open(PartnerCenterConnection connection, BillingExportRequest request,
            BillingExportOptions options) => connection.ReadUsageLineItems(request, RequestContext, options);
    }
}
