using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PartnerCenterInvoices.Emulator.Hosting;

/// <summary>The self-signed TLS certificate made at every start, so no developer certificate or store is needed.</summary>
/// <remarks>
/// MSAL refuses an http:// authority even on loopback, so the emulator must speak HTTPS; clients trust
/// exactly this certificate (the PEM written by --cert-file), never "any certificate".
/// </remarks>
internal static class ServerCertificate
{
    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    public static X509Certificate2 Create(TimeProvider time)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost, O=PartnerCenterInvoices Emulator", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthenticationOid)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

        var now = time.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        // Windows' TLS stack cannot use the ephemeral key CreateSelfSigned leaves attached; a round trip
        // through PKCS#12 gives a key every platform can use. (On Linux with .NET 10 both forms serve TLS.)
        // Exportable, so --certificate-pfx-out can write the key on Windows too.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>Writes the certificate with its private key as PFX without password, for a second emulator's --certificate-pfx.</summary>
    public static void WritePfx(X509Certificate2 certificate, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12));
    }

    public static void WritePem(X509Certificate2 certificate, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        File.WriteAllText(path, certificate.ExportCertificatePem() + "\n");
    }
}
