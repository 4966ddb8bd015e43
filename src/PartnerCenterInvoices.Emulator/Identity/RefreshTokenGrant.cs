namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>
/// <c>grant_type=refresh_token</c>: the Secure Application Model's App+User sign-in, redeeming a stored refresh
/// token with the app's secret or certificate, or with no credential for a public client.
/// </summary>
/// <remarks>
/// Every redemption returns a new refresh token; the redeemed one stays valid until it expires or is revoked,
/// as at Entra ID. A refresh token minted through <c>/_emulator/refresh-tokens</c> without a client id may be
/// redeemed by any registered app; one issued by a sign-in only by the app it was issued to.
/// </remarks>
internal sealed class RefreshTokenGrant(ClientAuthentication clientAuthentication, RefreshTokens refreshTokens, UserSignIn signIn,
    TenantDirectory tenants) : ITokenGrant
{
    public string GrantType => "refresh_token";

    public TokenGrantOutcome Handle(TokenRequest request)
    {
        if (!clientAuthentication.TryAuthenticate(request, allowPublicClient: true, out var application, out var credential, out var error)) return error;

        var token = request.Parameter("refresh_token");
        if (token is null) return EntraError.MissingParameter("refresh_token");
        var scopeText = request.Parameter("scope");
        if (scopeText is null) return EntraError.MissingParameter("scope");
        if (!UserScope.TryParse(scopeText, out var scope)) return EntraError.InvalidUserScope(scopeText);

        var grant = refreshTokens.Check(token);
        switch (grant.Status)
        {
            case RefreshTokenStatus.Invalid: return EntraError.RefreshTokenInvalid();
            case RefreshTokenStatus.Revoked: return EntraError.RefreshTokenRevoked();
            case RefreshTokenStatus.Expired: return EntraError.RefreshTokenExpired(grant.IssuedAt, grant.ExpiresAt);
        }
        if (grant.ClientId is not null && !string.Equals(grant.ClientId, application.ClientId, StringComparison.OrdinalIgnoreCase))
            return EntraError.GrantIssuedToAnotherClient("refresh token");
        if (!UserAccount.TryCreate(grant.UserPrincipalName, tenants.TenantId, out var user)) return EntraError.RefreshTokenInvalid();

        // The sign-in behind the refresh token decides whether its tokens carry MFA, however often it is redeemed.
        return signIn.Issue(application, credential, user, scope, grant.MultiFactor);
    }
}
