namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>How the client proved who it is, written into access tokens as <c>appidacr</c> the way Entra ID does.</summary>
internal enum ClientCredentialKind
{
    /// <summary>A public client (device code, or a refresh token redeemed without credentials): <c>appidacr</c> 0.</summary>
    None = 0,

    /// <summary>A client secret: <c>appidacr</c> 1.</summary>
    Secret = 1,

    /// <summary>A certificate client assertion: <c>appidacr</c> 2.</summary>
    Certificate = 2,
}
