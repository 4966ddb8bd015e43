using System;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Identity.Client;

namespace PartnerCenterInvoices.Authentication
{
    /// <summary>How the application proves who it is to the identity service: a client secret or a certificate.</summary>
    public sealed class AppCredential
    {
        private readonly string? _secret;
        private readonly X509Certificate2? _certificate;

        private AppCredential(string kind, string? secret, X509Certificate2? certificate)
        {
            Kind = kind;
            _secret = secret;
            _certificate = certificate;
        }

        /// <summary>"ClientSecret" or "Certificate".</summary>
        public string Kind { get; }

        /// <summary>The certificate's thumbprint, to show which one is in use; never the key.</summary>
        public string? CertificateThumbprint => _certificate?.Thumbprint;

        public static AppCredential FromSecret(string secret) =>
            string.IsNullOrEmpty(secret) ? throw new ArgumentException("The client secret is empty.", nameof(secret))
                : new AppCredential("ClientSecret", secret, null);

        public static AppCredential FromCertificate(X509Certificate2 certificate)
        {
            if (certificate is null) throw new ArgumentNullException(nameof(certificate));
            if (!certificate.HasPrivateKey)
                throw new ArgumentException($"The certificate {certificate.Thumbprint} has no private key, so it cannot sign the client assertion.", nameof(certificate));
            return new AppCredential("Certificate", null, certificate);
        }

        // MSAL signs the client assertion itself from the certificate's private key.
        internal ConfidentialClientApplicationBuilder ApplyTo(ConfidentialClientApplicationBuilder builder) =>
            _certificate is not null ? builder.WithCertificate(_certificate) : builder.WithClientSecret(_secret!);
    }
}
