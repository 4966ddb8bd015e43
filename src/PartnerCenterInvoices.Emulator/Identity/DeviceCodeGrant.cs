namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>
/// <c>grant_type=urn:ietf:params:oauth:grant-type:device_code</c> (MSAL sends the short <c>device_code</c>; both
/// work): the polls of a device code sign-in.
/// </summary>
/// <remarks>
/// Until the user approves, a poll is 400 <c>authorization_pending</c>; then it gets the same App+User tokens as
/// the refresh token grant, once. A declined code is <c>authorization_declined</c>, an expired one
/// <c>expired_token</c>. Public clients poll without credentials; a confidential app must send its own.
/// </remarks>
internal sealed class DeviceCodeGrant(ClientAuthentication clientAuthentication, DeviceAuthorizations authorizations, UserSignIn signIn) : ITokenGrant
{
    public const string UrnGrantType = "urn:ietf:params:oauth:grant-type:device_code";

    public string GrantType => "device_code";

    public IReadOnlyList<string> OtherGrantTypes => [UrnGrantType];

    public TokenGrantOutcome Handle(TokenRequest request)
    {
        if (!clientAuthentication.TryAuthenticate(request, allowPublicClient: true, out var application, out var credential, out var error)) return error;
        var deviceCode = request.Parameter("device_code");
        if (deviceCode is null) return EntraError.MissingParameter("device_code");

        return authorizations.WithDeviceCode<TokenGrantOutcome>(deviceCode, authorization =>
        {
            if (authorization is null) return EntraError.DeviceCodeInvalid();
            if (!string.Equals(authorization.ClientId, application.ClientId, StringComparison.OrdinalIgnoreCase))
                return EntraError.GrantIssuedToAnotherClient("device code");
            switch (authorization.State)
            {
                case DeviceCodeState.Redeemed: return EntraError.DeviceCodeRedeemed();
                case DeviceCodeState.Declined: return EntraError.AuthorizationDeclined();
            }
            if (authorizations.IsExpired(authorization)) return EntraError.DeviceCodeExpired();
            if (authorization.State == DeviceCodeState.Pending) return EntraError.AuthorizationPending();

            authorization.State = DeviceCodeState.Redeemed;
            return signIn.Issue(application, credential, authorization.User!, authorization.Scope);
        });
    }
}
