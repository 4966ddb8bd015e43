using System;
using System.Management.Automation;
using System.Security;

namespace PartnerCenterInvoices.Commands
{
    /// <summary>
    /// <para type="synopsis">Gets a current access token of the session, to call API endpoints this module does not cover.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PcAccessToken")]
    [OutputType(typeof(SecureString), typeof(string))]
    public sealed class GetPcAccessTokenCommand : PcCmdlet
    {
        /// <summary>Returns the token as plain text instead of a SecureString. Anything that logs it then leaks it.</summary>
        [Parameter]
        public SwitchParameter AsPlainText { get; set; }

        protected override void ProcessRecordCore()
        {
            var connection = RequireConnection();
            var token = Await(ct => connection.GetAccessTokenAsync(false, ct)).Token;
            if (AsPlainText)
            {
                WriteObject(token);
                return;
            }
            var secure = new SecureString();
            foreach (var c in token) secure.AppendChar(c);
            secure.MakeReadOnly();
            WriteObject(secure);
        }
    }
}
