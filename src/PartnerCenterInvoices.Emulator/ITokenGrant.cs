namespace PartnerCenterInvoices.Emulator;

/// <summary>One OAuth 2.0 grant type the token endpoint serves, chosen by the request's <c>grant_type</c>.</summary>
/// <remarks>
/// A new grant (refresh_token, device_code, a client assertion flow) is one more implementation
/// registered in Program; the endpoint itself does not change.
/// </remarks>
internal interface ITokenGrant
{
    /// <summary>The <c>grant_type</c> value this grant answers, exactly as clients send it.</summary>
    string GrantType { get; }

    TokenGrantOutcome Handle(TokenRequest request);
}
