using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>An application registered in the partner tenant, with the credentials Entra ID would hold for it.</summary>
/// <remarks>
/// Like an Entra ID app registration, it may have a client secret, certificates, both, or neither; and it may
/// allow public client flows (device code, or redeeming a refresh token without credentials).
/// </remarks>
internal sealed class RegisteredApplication
{
    private readonly byte[]? _secret;

    public RegisteredApplication(string clientId, string? secret, IReadOnlyList<X509Certificate2>? certificates = null, bool isPublicClient = false)
    {
        ClientId = clientId;
        _secret = secret is null ? null : Encoding.UTF8.GetBytes(secret);
        Certificates = certificates ?? [];
        IsPublicClient = isPublicClient;
    }

    public string ClientId { get; }
    public IReadOnlyList<X509Certificate2> Certificates { get; }
    public bool IsPublicClient { get; }
    public bool HasAnySecret => _secret is not null;

    // Constant time, so the emulator never teaches a client to lean on timing.
    public bool HasSecret(string candidate) =>
        _secret is not null && CryptographicOperations.FixedTimeEquals(_secret, Encoding.UTF8.GetBytes(candidate));
}
