using System.Security.Cryptography;
using System.Text;

namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>A user of the partner tenant, known by UPN; any UPN is a user, so tests need no user list.</summary>
/// <remarks>
/// The object id is derived from the tenant and the UPN (case-insensitively), so the same user has the same
/// <c>oid</c>, MSAL home account id and cache entry across runs.
/// </remarks>
internal sealed record UserAccount(string UserPrincipalName, Guid ObjectId, string DisplayName)
{
    private const int MaxLength = 256;

    public static bool TryCreate(string? userPrincipalName, Guid tenantId, out UserAccount user)
    {
        user = null!;
        if (string.IsNullOrWhiteSpace(userPrincipalName) || userPrincipalName.Length > MaxLength) return false;
        var at = userPrincipalName.IndexOf('@');
        if (at <= 0 || at == userPrincipalName.Length - 1 || userPrincipalName.IndexOf('@', at + 1) >= 0) return false;
        foreach (var c in userPrincipalName)
            if (char.IsControl(c) || char.IsWhiteSpace(c) || c is '"' or '\\' or '/') return false;

        var key = Encoding.UTF8.GetBytes($"user|{tenantId}|{userPrincipalName.ToLowerInvariant()}");
        var objectId = new Guid(SHA256.HashData(key).AsSpan(0, 16));
        var local = userPrincipalName[..at];
        var displayName = char.ToUpperInvariant(local[0]) + local[1..];
        user = new UserAccount(userPrincipalName, objectId, displayName);
        return true;
    }
}
