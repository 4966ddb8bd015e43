namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>What the invoice API learned from a bearer token: who called, or why it was refused.</summary>
internal readonly record struct AccessTokenValidation(AccessTokenFailure Failure, string? ApplicationId, string? IdentityType)
{
    public bool IsValid => Failure == AccessTokenFailure.None;

    /// <summary>An app-only token (client credentials): Entra ID marks it with <c>idtyp: app</c>.</summary>
    public bool IsAppOnly => string.Equals(IdentityType, "app", StringComparison.Ordinal);

    /// <summary>The user signed in with multi-factor authentication (<c>mfa</c> in the token's <c>amr</c>).</summary>
    public bool MultiFactor { get; init; }

    public static AccessTokenValidation Refused(AccessTokenFailure failure) => new(failure, null, null);
}
