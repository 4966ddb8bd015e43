namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>
/// Microsoft Graph as a token resource: its audience, and the one permission the partner billing exports need,
/// which an app has unless <c>--no-graph-consent</c> names it (an admin never consented).
/// </summary>
/// <remarks>
/// App-only Graph tokens carry the permission as an app role (<c>roles</c>), delegated ones as a scope
/// (<c>scp</c>), as Entra ID issues them. Without consent Entra ID still issues an app-only token, just
/// without the role (Graph then answers 403); a delegated request fails at the token endpoint (AADSTS65001).
/// </remarks>
internal sealed class GraphPermission(IEnumerable<string> unconsentedClientIds)
{
    public const string Audience = "https://graph.microsoft.com";

    /// <summary>Graph's application id, which Entra ID also accepts as the resource and some tokens carry as <c>aud</c>.</summary>
    public const string ApplicationId = "00000003-0000-0000-c000-000000000000";

    public const string PartnerBillingReadAll = "PartnerBilling.Read.All";

    private readonly HashSet<string> _unconsented = new(unconsentedClientIds, StringComparer.OrdinalIgnoreCase);

    public static bool IsGraph(string? resource)
    {
        var trimmed = resource?.TrimEnd('/');
        return string.Equals(trimmed, Audience, StringComparison.OrdinalIgnoreCase) || string.Equals(trimmed, ApplicationId, StringComparison.OrdinalIgnoreCase);
    }

    public bool IsConsented(string clientId) => !_unconsented.Contains(clientId);
}
