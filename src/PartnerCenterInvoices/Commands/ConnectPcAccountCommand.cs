using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using PartnerCenterInvoices.Http;

namespace PartnerCenterInvoices.Commands
{
    /// <summary>
    /// <para type="synopsis">Signs in to the Partner Center API for this PowerShell session.</para>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "PcAccount", DefaultParameterSetName = ClientSecretSet)]
    [OutputType(typeof(PcContext))]
    public sealed class ConnectPcAccountCommand : PcCmdlet
    {
        private const string ClientSecretSet = "ClientSecret";
        private const string AccessTokenSet = "AccessToken";

        /// <summary>The application (client) id of the app registration.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        [ValidateNotNullOrEmpty]
        public string ApplicationId { get; set; } = string.Empty;

        /// <summary>The partner tenant: its id or a verified domain such as contoso.onmicrosoft.com.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        [Parameter(ParameterSetName = AccessTokenSet)]
        [ValidateNotNullOrEmpty]
        public string? TenantId { get; set; }

        /// <summary>A client secret of the app registration (app-only sign-in).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        public SecureString ClientSecret { get; set; } = new SecureString();

        /// <summary>An access token for https://api.partnercenter.microsoft.com you already have; it cannot be renewed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
        public SecureString AccessToken { get; set; } = new SecureString();

        /// <summary>The API base. Defaults to https://api.partnercenter.microsoft.com; http only for loopback hosts.</summary>
        [Parameter]
        public Uri? Endpoint { get; set; }

        /// <summary>The identity service's host. Defaults to https://login.microsoftonline.com.</summary>
        [Parameter]
        public Uri? AuthorityHost { get; set; }

        /// <summary>One server certificate to trust beyond the platform's store, such as the local emulator's (a file path works).</summary>
        [Parameter]
        public X509Certificate2? TrustedServerCertificate { get; set; }

        /// <summary>How many times to retry a request that failed transiently (429, 5xx, dropped connection). 0 turns retries off.</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaxRetry { get; set; } = 4;

        /// <summary>The most seconds one request may take with all its retries and waits.</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int RetryTimeLimitSeconds { get; set; } = 300;

        protected override void ProcessRecordCore()
        {
            ConnectionSettings settings;
            try
            {
                settings = new ConnectionSettings(Endpoint, AuthorityHost, TrustedServerCertificate, UserAgent(),
                    new RetryOptions(MaxRetry, timeLimit: TimeSpan.FromSeconds(RetryTimeLimitSeconds)));
            }
            catch (ArgumentException ex)
            {
                throw new TerminatingError(new ErrorRecord(ex, "InvalidEndpoint", ErrorCategory.InvalidArgument, ex.ParamName));
            }

            var connection = ParameterSetName == AccessTokenSet
                ? Await(ct => PartnerCenterConnection.ConnectWithAccessTokenAsync(settings, Reveal(AccessToken), TenantId, ct))
                : Await(ct => PartnerCenterConnection.ConnectWithClientSecretAsync(settings, ApplicationId, TenantId!, Reveal(ClientSecret), ct));

            PcSession.Replace(connection);
            WriteVerbose($"Connected to {settings.Endpoint} as {connection.Tokens.AuthenticationKind}.");
            WriteObject(new PcContext(connection));
        }

        private static string Reveal(SecureString secure) => new NetworkCredential(string.Empty, secure).Password;

        private static string UserAgent()
        {
            var module = typeof(ConnectPcAccountCommand).Assembly.GetName().Version;
            var powerShell = typeof(PSObject).Assembly.GetName().Version;
            return $"PartnerCenterInvoices/{module?.ToString(3)} PowerShell/{powerShell?.ToString(3)}";
        }
    }
}
