using System.Security.Cryptography;
using System.Text;

namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>The one partner tenant the emulator signs in to, under every name it was given.</summary>
/// <remarks>
/// Entra ID accepts a tenant by its GUID or by any of its verified domains; the emulator models one
/// partner tenant, so every --tenant name is an alias of it. Its id is the first GUID among the names,
/// or, if there is none, a GUID derived from the first name, so a token's <c>tid</c> is stable across runs.
/// </remarks>
internal sealed class TenantDirectory
{
    private readonly HashSet<string> _names;

    public TenantDirectory(IReadOnlyList<string> names)
    {
        if (names.Count == 0) throw new ArgumentException("At least one tenant name is needed.", nameof(names));
        _names = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
        PrimaryName = names[0];
        TenantId = names.Select(n => Guid.TryParse(n, out var id) ? id : (Guid?)null).FirstOrDefault(id => id is not null)
            ?? new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(names[0].ToLowerInvariant())).AsSpan(0, 16));
        _names.Add(TenantId.ToString());
        var domain = names.FirstOrDefault(n => !Guid.TryParse(n, out _)) ?? "contoso.onmicrosoft.com";
        DefaultUserPrincipalName = "admin@" + domain.ToLowerInvariant();
    }

    /// <summary>The user a device code is approved as, or a refresh token minted for, when the test names none.</summary>
    public string DefaultUserPrincipalName { get; }

    public Guid TenantId { get; }
    public string PrimaryName { get; }

    public bool IsKnown(string name) => _names.Contains(name);
}
