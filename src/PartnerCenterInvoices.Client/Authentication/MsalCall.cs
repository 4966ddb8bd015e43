using System;
using System.Net.Http;
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

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException is not null) ex = ex.InnerException;
            return ex;
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
            catch (HttpRequestException ex)
            {
                // The transport's words ("Name or service not known (login.microsoftonline.com:443)") do not say
                // that this was the sign-in, nor that -Endpoint alone leaves sign-in at the cloud's identity host.
                throw new HttpRequestException(
                    $"Could not reach the sign-in service at {_authorityHost.GetLeftPart(UriPartial.Authority)}: {Innermost(ex).Message} " +
                    "Sign-in goes to the environment's identity host unless -AuthorityHost names another; with -Endpoint pointing at the " +
                    "emulator or a proxy, give -AuthorityHost too.", ex);
            }
            catch (MsalException ex)
            {
                throw MsalErrorTranslator.Translate(ex, _tenantId);
            }
        }
    }
}
