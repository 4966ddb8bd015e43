namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary><c>grant_type=client_credentials</c>: an app-only token for the resource named by a <c>/.default</c> scope.</summary>
/// <remarks>
/// A Graph token carries the app role <c>PartnerBilling.Read.All</c> when the app has it consented; without
/// consent Entra ID still issues the token, without the role, and Graph refuses it with 403.
/// </remarks>
internal sealed class ClientCredentialsGrant(ClientAuthentication clientAuthentication, AccessTokenIssuer issuer, TimeSpan tokenLifetime,
    GraphPermission graph) : ITokenGrant
{
    private const string DefaultScopeSuffix = "/.default";

    public string GrantType => "client_credentials";

    public TokenGrantOutcome Handle(TokenRequest request)
    {
        if (!clientAuthentication.TryAuthenticate(request, allowPublicClient: false, out var application, out var credential, out var error)) return error;

        var scope = request.Parameter("scope");
        if (scope is null) return EntraError.MissingParameter("scope");

        // Client credentials name exactly one resource, as "<resource>/.default"; the token's audience is that resource.
        var scopes = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (scopes.Length != 1 || !scopes[0].EndsWith(DefaultScopeSuffix, StringComparison.OrdinalIgnoreCase) || scopes[0].Length == DefaultScopeSuffix.Length)
            return EntraError.InvalidScope(scope);

        var resource = scopes[0][..^DefaultScopeSuffix.Length];
        var role = GraphPermission.IsGraph(resource) && graph.IsConsented(application.ClientId) ? GraphPermission.PartnerBillingReadAll : null;
        var accessToken = issuer.Issue(application.ClientId, resource, tokenLifetime, credential, user: null, role);
        return new IssuedTokens(accessToken, (int)tokenLifetime.TotalSeconds);
    }
}
