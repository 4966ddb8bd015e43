using System;
using System.Threading.Tasks;
using Microsoft.Identity.Client;
using PartnerCenterInvoices.Http;

namespace PartnerCenterInvoices.Authentication
{
    /// <summary>Runs one MSAL call and turns every way it can fail into this library's exceptions.</summary>
    internal sealed class MsalCall
    {
        private readonly string _tenantId;
        private readonly Uri _authorityHost;

        public MsalCall(string tenantId, Uri authorityHost)
        {
            _tenantId = tenantId;
            _authorityHost = authorityHost;
        }

        public async Task<AuthenticationResult> RunAsync(Func<Task<AuthenticationResult>> call)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (Exception ex) when (TlsFailure.Find(ex) is not null)
            {
                // MSAL lets the transport's exception through, or wraps it; either way the cause is the certificate.
                throw new UntrustedServerCertificateException(_authorityHost, ex);
            }
            catch (MsalException ex)
            {
                throw MsalErrorTranslator.Translate(ex, _tenantId);
            }
        }
    }
}
