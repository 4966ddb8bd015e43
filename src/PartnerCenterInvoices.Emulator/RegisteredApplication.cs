using System.Security.Cryptography;
using System.Text;

namespace PartnerCenterInvoices.Emulator;

/// <summary>A confidential client registered in the partner tenant (one --app option).</summary>
internal sealed class RegisteredApplication(string clientId, string secret)
{
    private readonly byte[] _secret = Encoding.UTF8.GetBytes(secret);

    public string ClientId { get; } = clientId;

    // Constant time, so the emulator never teaches a client to lean on timing.
    public bool HasSecret(string candidate) =>
        CryptographicOperations.FixedTimeEquals(_secret, Encoding.UTF8.GetBytes(candidate));
}
