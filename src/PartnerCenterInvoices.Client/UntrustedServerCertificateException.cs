using System;
using System.Net.Http;

namespace PartnerCenterInvoices
{
    /// <summary>An HTTPS server (API or identity service) presented a certificate this connection does not trust.</summary>
    public sealed class UntrustedServerCertificateException : HttpRequestException
    {
        public UntrustedServerCertificateException(Uri server, Exception inner)
            : base($"Could not open a trusted HTTPS connection to {server.GetLeftPart(UriPartial.Authority)}: {Http.TlsFailure.Find(inner)?.Message ?? inner.Message} " +
                   "If this is the local emulator, pass its certificate with -TrustedServerCertificate, or trust it in the platform's store.", inner)
        {
            Server = server;
        }

        public Uri Server { get; }
    }
}
