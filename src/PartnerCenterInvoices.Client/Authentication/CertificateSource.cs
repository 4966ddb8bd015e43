using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PartnerCenterInvoices.Authentication
{
    /// <summary>Finds the application's certificate in a store by thumbprint, or reads it from a PFX file.</summary>
    /// <remarks>
    /// Both the current user's and the local machine's store are searched: Hybrid Workers and
    /// scheduled tasks often run as accounts whose certificates live in the machine store.
    /// </remarks>
    public static class CertificateSource
    {
        public static X509Certificate2 FromThumbprint(string thumbprint)
        {
            var wanted = (thumbprint ?? string.Empty).Replace(" ", string.Empty).Replace(":", string.Empty).Trim();
            if (wanted.Length == 0) throw new ArgumentException("The certificate thumbprint is empty.");
            var withoutKey = false;
            foreach (var location in new[] { StoreLocation.CurrentUser, StoreLocation.LocalMachine })
            {
                using var store = new X509Store(StoreName.My, location);
                try
                {
                    store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                }
                catch (CryptographicException)
                {
                    continue; // This store does not exist on this platform (LocalMachine\My on Linux, for one).
                }
                var found = store.Certificates.Find(X509FindType.FindByThumbprint, wanted, validOnly: false);
                foreach (var certificate in found)
                {
                    if (certificate.HasPrivateKey) return certificate;
                    withoutKey = true;
                }
            }
            if (withoutKey)
                throw new ArgumentException($"The certificate with thumbprint {wanted} is in the 'My' store without its private key, so it cannot sign the client assertion. " +
                    "Import it with its private key (a PFX), or use -CertificatePath.");
            throw new CertificateNotFoundException(wanted,
                $"No certificate with thumbprint {wanted} was found in the CurrentUser or LocalMachine 'My' store. " +
                "Use -CertificatePath or -Certificate where the certificate is not in a store.");
        }

        public static X509Certificate2 FromFile(string path, string? password)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"The certificate file '{path}' does not exist.", path);
            try
            {
                return new X509Certificate2(File.ReadAllBytes(path), password, X509KeyStorageFlags.DefaultKeySet);
            }
            catch (CryptographicException ex)
            {
                throw new ArgumentException($"The certificate file '{path}' could not be read (wrong password, or not a PFX/PKCS#12 file): {ex.Message}", ex);
            }
        }
    }
}
