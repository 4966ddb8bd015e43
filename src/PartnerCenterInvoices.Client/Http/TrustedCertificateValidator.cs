using System.Linq;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace PartnerCenterInvoices.Http
{
    /// <summary>Accepts what the platform trusts, plus exactly one certificate the user named.</summary>
    /// <remarks>
    /// This is how the module reaches the local emulator's self-signed certificate without ever
    /// switching validation off: any other certificate the platform rejects is still rejected.
    /// </remarks>
    internal static class TrustedCertificateValidator
    {
        public static void Apply(HttpClientHandler handler, X509Certificate2? trusted)
        {
            if (trusted is null) return;
            var trustedBytes = trusted.RawData;
            handler.ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) =>
                errors == SslPolicyErrors.None ||
                (certificate is not null && certificate.RawData.SequenceEqual(trustedBytes));
        }
    }
}
