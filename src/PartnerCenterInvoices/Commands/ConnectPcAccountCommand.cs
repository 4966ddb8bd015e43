using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using PartnerCenterInvoices.Authentication;
using PartnerCenterInvoices.Http;

namespace PartnerCenterInvoices.Commands
{
    /// <summary>
    /// <para type="synopsis">Signs in to the Partner Center API for this PowerShell session.</para>
    /// </summary>
    /// <remarks>
    /// Parameter sets follow how the application proves itself (secret, credential, certificate by
    /// thumbprint, file or object, device code, a brought token). -RefreshToken turns any of the
    /// application-credential sets into App+User sign-in (the Secure Application Model).
    /// </remarks>
    [Cmdlet(VerbsCommunications.Connect, "PcAccount", DefaultParameterSetName = ClientSecretSet)]
    [OutputType(typeof(PcContext))]
    public sealed class ConnectPcAccountCommand : PcCmdlet
    {
        private const string ClientSecretSet = "ClientSecret";
        private const string CredentialSet = "Credential";
        private const string CertificateThumbprintSet = "CertificateThumbprint";
        private const string CertificatePathSet = "CertificatePath";
        private const string CertificateSet = "Certificate";
        private const string DeviceCodeSet = "DeviceCode";
        private const string AccessTokenSet = "AccessToken";

        /// <summary>The application (client) id of the app registration.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificatePathSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
        [ValidateNotNullOrEmpty]
        public string ApplicationId { get; set; } = string.Empty;

        /// <summary>The partner tenant: its id or a verified domain such as contoso.onmicrosoft.com.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificatePathSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
        [Parameter(ParameterSetName = AccessTokenSet)]
        [ValidateNotNullOrEmpty]
        public string? TenantId { get; set; }

        /// <summary>A client secret of the app registration.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        public SecureString ClientSecret { get; set; } = new SecureString();

        /// <summary>The application id as user name and its client secret as password, as Az takes them.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        public PSCredential Credential { get; set; } = PSCredential.Empty;

        /// <summary>The thumbprint of the app's certificate in the CurrentUser or LocalMachine 'My' store.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
        [ValidateNotNullOrEmpty]
        public string CertificateThumbprint { get; set; } = string.Empty;

        /// <summary>A PFX (PKCS#12) file holding the app's certificate and private key.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CertificatePathSet)]
        [ValidateNotNullOrEmpty]
        public string CertificatePath { get; set; } = string.Empty;

        /// <summary>The password of the PFX file.</summary>
        [Parameter(ParameterSetName = CertificatePathSet)]
        public SecureString? CertificatePassword { get; set; }

        /// <summary>The app's certificate, with its private key.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [ValidateNotNull]
        public X509Certificate2? Certificate { get; set; }

        /// <summary>App+User sign-in (Secure Application Model): a refresh token of the user, exchanged with the app's credential.</summary>
        [Parameter(ParameterSetName = ClientSecretSet)]
        [Parameter(ParameterSetName = CredentialSet)]
        [Parameter(ParameterSetName = CertificateThumbprintSet)]
        [Parameter(ParameterSetName = CertificatePathSet)]
        [Parameter(ParameterSetName = CertificateSet)]
        public SecureString? RefreshToken { get; set; }

        /// <summary>App+User sign-in by device code: shows a code to enter at a sign-in page on any device.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
        public SwitchParameter UseDeviceAuthentication { get; set; }

        /// <summary>An access token for the Partner Center API you already have; it cannot be renewed.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
        public SecureString AccessToken { get; set; } = new SecureString();

        /// <summary>A Microsoft Graph token (PartnerBilling.Read.All) for the billing exports, beside -AccessToken; it cannot be renewed.</summary>
        [Parameter(ParameterSetName = AccessTokenSet)]
        public SecureString? GraphAccessToken { get; set; }

        /// <summary>The Partner Center cloud: Public (default), China (21Vianet) or USGovernment.</summary>
        [Parameter]
        [ValidateSet("Public", "China", "USGovernment", IgnoreCase = true)]
        public string Environment { get; set; } = "Public";

        /// <summary>The API base, overriding the environment's. http only for loopback hosts.</summary>
        [Parameter]
        public Uri? Endpoint { get; set; }

        /// <summary>The Microsoft Graph base for the billing exports (default https://graph.microsoft.com). http only for loopback hosts.</summary>
        [Parameter]
        public Uri? GraphEndpoint { get; set; }

        /// <summary>The identity service's host, overriding the environment's.</summary>
        [Parameter]
        public Uri? AuthorityHost { get; set; }

        /// <summary>One server certificate to trust beyond the platform's store, such as the local emulator's (a file path works).</summary>
        [Parameter]
        [CertificateFileTransformation]
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
            if (ParameterSetName == DeviceCodeSet && !HostInteractivity.CanAskAPerson(this))
            {
                throw new TerminatingError(new ErrorRecord(
                    new InvalidOperationException("Device-code sign-in needs a person, and this session is not interactive (a runbook, a job, " +
                        "or pwsh -NonInteractive). Use a certificate, a client secret or -RefreshToken instead."),
                    "InteractiveSignInUnavailable", ErrorCategory.InvalidOperation, null));
            }

            ConnectionSettings settings;
            try
            {
                settings = new ConnectionSettings(Endpoint, AuthorityHost, TrustedServerCertificate, UserAgent(),
                    new RetryOptions(MaxRetry, timeLimit: TimeSpan.FromSeconds(RetryTimeLimitSeconds)),
                    PartnerCenterEnvironment.Find(Environment), GraphEndpoint);
            }
            catch (ArgumentException ex)
            {
                throw new TerminatingError(new ErrorRecord(ex, "InvalidEndpoint", ErrorCategory.InvalidArgument, ex.ParamName));
            }

            var applicationId = ParameterSetName == CredentialSet ? Credential.UserName : ApplicationId;
            var tokens = TokenProviderFactory();
            var graphToken = GraphAccessToken is null ? null : Reveal(GraphAccessToken);
            if (graphToken is not null && string.IsNullOrWhiteSpace(graphToken))
                throw new TerminatingError(new ErrorRecord(new ArgumentException("The Graph access token is empty."), "InvalidGraphAccessToken",
                    ErrorCategory.InvalidArgument, null));
            var connection = Await(ct => PartnerCenterConnection.ConnectAsync(settings,
                ParameterSetName == AccessTokenSet ? null : applicationId, TenantId, tokens, ct,
                graphToken is null ? null : (_, _) => new AccessTokenProvider(graphToken)));

            PcSession.Replace(connection);
            WriteVerbose($"Connected to {settings.Endpoint} ({settings.Environment}) with {connection.Tokens.AuthenticationKind}.");
            WriteObject(new PcContext(connection));
        }

        private Func<ConnectionSettings, System.Net.Http.HttpClient, IAccessTokenProvider> TokenProviderFactory()
        {
            if (ParameterSetName == AccessTokenSet)
                return (_, _) => new AccessTokenProvider(Reveal(AccessToken));
            if (ParameterSetName == DeviceCodeSet)
                return (settings, http) => new DeviceCodeTokenProvider(ApplicationId, TenantId!, Log.Notice, settings, http);

            var applicationId = ParameterSetName == CredentialSet ? Credential.UserName : ApplicationId;
            var credential = AppCredentialFromParameters();
            if (RefreshToken is not null)
            {
                var refreshToken = Reveal(RefreshToken);
                return (settings, http) => new RefreshTokenProvider(applicationId, TenantId!, credential, refreshToken, settings, http);
            }
            return (settings, http) => new AppOnlyTokenProvider(applicationId, TenantId!, credential, settings, http);
        }

        private AppCredential AppCredentialFromParameters()
        {
            try
            {
                return ParameterSetName switch
                {
                    ClientSecretSet => AppCredential.FromSecret(Reveal(ClientSecret)),
                    CredentialSet => AppCredential.FromSecret(Credential.GetNetworkCredential().Password),
                    CertificateThumbprintSet => AppCredential.FromCertificate(CertificateSource.FromThumbprint(CertificateThumbprint)),
                    CertificatePathSet => AppCredential.FromCertificate(CertificateSource.FromFile(
                        SessionState.Path.GetUnresolvedProviderPathFromPSPath(CertificatePath),
                        CertificatePassword is null ? null : Reveal(CertificatePassword))),
                    _ => AppCredential.FromCertificate(Certificate!),
                };
            }
            catch (System.IO.FileNotFoundException ex)
            {
                throw new TerminatingError(new ErrorRecord(ex, "CertificateNotFound", ErrorCategory.ObjectNotFound, CertificatePath));
            }
            catch (CertificateNotFoundException ex)
            {
                throw new TerminatingError(new ErrorRecord(ex, "CertificateNotFound", ErrorCategory.ObjectNotFound, ex.Thumbprint));
            }
            catch (ArgumentException ex)
            {
                var id = ParameterSetName == ClientSecretSet || ParameterSetName == CredentialSet ? "InvalidClientSecret" : "CertificateNotUsable";
                throw new TerminatingError(new ErrorRecord(ex, id, ErrorCategory.InvalidArgument, null));
            }
        }

        private static string Reveal(SecureString secure) => new NetworkCredential(string.Empty, secure).Password;

        private string UserAgent()
        {
            var module = typeof(ConnectPcAccountCommand).Assembly.GetName().Version;
            // $PSVersionTable.PSVersion is the running release (7.6.9); the assembly's version stops at 7.6.0.
            var powerShell = (GetVariableValue("PSVersionTable") as System.Collections.IDictionary)?["PSVersion"]
                ?? typeof(PSObject).Assembly.GetName().Version?.ToString(3);
            return $"PartnerCenterInvoices/{module?.ToString(3)} PowerShell/{powerShell}";
        }
    }
}
