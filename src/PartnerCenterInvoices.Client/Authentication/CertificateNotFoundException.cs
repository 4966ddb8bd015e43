using System;

namespace PartnerCenterInvoices.Authentication
{
    /// <summary>No certificate with the given thumbprint is in the stores searched: a missing object, not a bad argument.</summary>
    public sealed class CertificateNotFoundException : Exception
    {
        public CertificateNotFoundException(string thumbprint, string message) : base(message) => Thumbprint = thumbprint;

        public string Thumbprint { get; }
    }
}
