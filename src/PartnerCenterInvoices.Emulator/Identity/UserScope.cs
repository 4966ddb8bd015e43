namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>The scope of an App+User sign-in: one resource's delegated permission, plus the OpenID scopes MSAL adds.</summary>
/// <remarks>
/// Partner Center's delegated permission is <c>https://api.partnercenter.microsoft.com/user_impersonation</c>;
/// <c>…/.default</c> (all consented permissions) is accepted as well. MSAL adds <c>offline_access openid
/// profile</c> to every user sign-in. For Microsoft Graph the billing exports' delegated permission,
/// <c>https://graph.microsoft.com/PartnerBilling.Read.All</c>, is accepted too. The token's audience is the resource, so a token for another resource
/// is issued but refused by the invoice API, as with client credentials.
/// </remarks>
internal sealed record UserScope(string Resource, string RequestedScope)
{
    private static readonly string[] OpenIdScopes = ["offline_access", "openid", "profile", "email"];

    public static bool TryParse(string scope, out UserScope parsed)
    {
        parsed = null!;
        var resourceScopes = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => !OpenIdScopes.Contains(s, StringComparer.OrdinalIgnoreCase)).ToList();
        if (resourceScopes.Count != 1) return false;
        var requested = resourceScopes[0];
        var slash = requested.LastIndexOf('/');
        if (slash <= 0 || !Uri.TryCreate(requested[..slash], UriKind.Absolute, out _)) return false;
        var permission = requested[(slash + 1)..];
        if (!permission.Equals(AccessTokenIssuer.UserImpersonationScope, StringComparison.OrdinalIgnoreCase) &&
            !permission.Equals(".default", StringComparison.OrdinalIgnoreCase) &&
            !(permission.Equals(GraphPermission.PartnerBillingReadAll, StringComparison.OrdinalIgnoreCase) && GraphPermission.IsGraph(requested[..slash])))
            return false;
        parsed = new UserScope(requested[..slash], requested);
        return true;
    }
}
