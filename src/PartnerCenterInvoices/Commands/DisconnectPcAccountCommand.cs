using System.Management.Automation;

namespace PartnerCenterInvoices.Commands
{
    /// <summary>
    /// <para type="synopsis">Forgets the session's Partner Center connection and its cached tokens.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "PcAccount")]
    [OutputType(typeof(void))]
    public sealed class DisconnectPcAccountCommand : PcCmdlet
    {
        protected override void ProcessRecordCore() => PcSession.Replace(null);
    }
}
