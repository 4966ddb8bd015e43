using System.Management.Automation;

namespace PartnerCenterInvoices.Commands
{
    /// <summary>
    /// <para type="synopsis">Shows what the session is connected to; never a token or secret.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PcContext")]
    [OutputType(typeof(PcContext))]
    public sealed class GetPcContextCommand : PcCmdlet
    {
        protected override void ProcessRecordCore()
        {
            if (PcSession.Current is PartnerCenterConnection connection) WriteObject(new PcContext(connection));
        }
    }
}
