namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>What the invoice API learned from a bearer token: who called, or why it was refused.</summary>
internal readonly record struct AccessTokenValidation(AccessTokenFailure Failure, string? ApplicationId, string? IdentityType)
{
    public bool IsValid => Failure == AccessTokenFailure.None;

    /// <summary>An app-only token (client credentials): Entra ID marks it with <c>idtyp: app</c>.</summary>
    public bool IsAppOnly => string.Equals(IdentityType, "app", StringComparison.Ordinal);

    /// <summary>The user signed in with multi-factor authentication (<c>mfa</c> in the token's <c>amr</c>).</summary>
    public bool MultiFactor { get; init; }

    /// <summary>The token's app roles (<c>roles</c>), space-separated; "" for none.</summary>
    public string Roles { get; init; } = "";

    /// <summary>The token's delegated scopes (<c>scp</c>), space-separated; "" for none.</summary>
    public string Scopes { get; init; } = "";

    /// <summary>Whether the token carries <paramref name="permission"/> as an app role (app-only) or a scope (App+User).</summary>
    public bool HasPermission(string permission) =>
        (IsAppOnly ? Roles : Scopes).Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(permission, StringComparer.OrdinalIgnoreCase);

    public static AccessTokenValidation Refused(AccessTokenFailure failure) => new(failure, null, null);
}
