namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>One OAuth 2.0 grant type the token endpoint serves, chosen by the request's <c>grant_type</c>.</summary>
/// <remarks>
/// A new grant is one more implementation registered in Program; the endpoint itself does not change.
/// How the client authenticates (secret, certificate assertion, none for a public client) is the grant's
/// business, through <see cref="ClientAuthentication"/>.
/// </remarks>
internal interface ITokenGrant
{
    /// <summary>The <c>grant_type</c> value this grant answers, exactly as clients send it.</summary>
    string GrantType { get; }

    /// <summary>Other <c>grant_type</c> values for the same grant (counted in the stats under <see cref="GrantType"/>).</summary>
    IReadOnlyList<string> OtherGrantTypes => [];

    TokenGrantOutcome Handle(TokenRequest request);
}
