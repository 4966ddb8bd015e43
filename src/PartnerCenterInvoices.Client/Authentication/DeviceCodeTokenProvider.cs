using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace PartnerCenterInvoices.Authentication
{
    /// <summary>App+User sign-in by device code: a person enters a code on another device; no secret needed.</summary>
    public sealed class DeviceCodeTokenProvider : UserTokenProvider
    {
        private readonly IPublicClientApplication _application;
        private readonly Action<string> _showCode;

        /// <param name="showCode">Shows the sign-in instructions to the person. MSAL calls it on a
        /// thread-pool thread, so it must only hand the text over, not write to PowerShell.</param>
        public DeviceCodeTokenProvider(string applicationId, string tenantId, Action<string> showCode, ConnectionSettings settings,
            HttpClient identityClient)
            : this(MsalApplications.Public(applicationId, tenantId, settings.AuthorityHost, identityClient), showCode, settings, tenantId)
        {
        }

        private DeviceCodeTokenProvider(IPublicClientApplication application, Action<string> showCode, ConnectionSettings settings, string tenantId)
            : base(application, new[] { settings.UserScope }, new MsalCall(tenantId, settings.AuthorityHost))
        {
            _application = application;
            _showCode = showCode;
        }

        public override string AuthenticationKind => "DeviceCode";

        private protected override Task<AuthenticationResult> AcquireFirstAsync(CancellationToken cancellationToken) =>
            _application.AcquireTokenWithDeviceCode(Scopes, code =>
            {
                _showCode(code.Message);
                return Task.CompletedTask;
            }).ExecuteAsync(cancellationToken);
    }
}
