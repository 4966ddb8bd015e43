namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>A successful token response.</summary>
/// <remarks>
/// Client credentials fill only the access token. The optional members are there for the grants still
/// to come: MSAL needs <c>refresh_token</c>, <c>id_token</c> and <c>client_info</c> from a refresh-token
/// or device-code sign-in before it caches an account.
/// </remarks>
internal sealed record IssuedTokens(string AccessToken, int ExpiresInSeconds)
{
    public string? RefreshToken { get; init; }
    public string? IdToken { get; init; }
    public string? ClientInfo { get; init; }
    public string? Scope { get; init; }
}
