namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary><c>POST /{tenant}/oauth2/v2.0/token</c>, shaped like Microsoft Entra ID's v2.0 endpoint.</summary>
/// <remarks>
/// MSAL reaches it through <c>WithAuthority("https://127.0.0.1:PORT/{tenant}")</c> with instance
/// discovery off, so this one POST is all a client-credentials sign-in needs. The grant type picks an
/// <see cref="ITokenGrant"/>; this class only does what every grant shares.
/// </remarks>
internal sealed class TokenEndpoint
{
    public const string MissingGrantKey = "(none)";

    private readonly TenantDirectory _tenants;
    private readonly EmulatorStats _stats;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, ITokenGrant> _grants;

    public TokenEndpoint(TenantDirectory tenants, IEnumerable<ITokenGrant> grants, EmulatorStats stats, TimeProvider time)
    {
        _tenants = tenants;
        _stats = stats;
        _time = time;
        // Grant type values are case-sensitive in OAuth 2.0, and Entra ID treats them so.
        _grants = grants.SelectMany(g => g.OtherGrantTypes.Append(g.GrantType).Select(type => (type, g)))
            .ToDictionary(p => p.type, p => p.g, StringComparer.Ordinal);
    }

    public async Task HandleAsync(HttpContext context)
    {
        var tenant = (string?)context.Request.RouteValues["tenant"] ?? "";
        var correlationId = CorrelationId(context);
        context.Response.Headers.CacheControl = "no-store, no-cache";
        context.Response.Headers.Pragma = "no-cache";

        var form = await ReadFormAsync(context).ConfigureAwait(false);
        var grantType = form?["grant_type"].ToString();

        var outcome = Decide(tenant, form, grantType);
        // Counted under the grant's own name (the device code URN as "device_code"), and device code polls that
        // are still waiting apart from the rest, so a test sees how often a client polled.
        var key = string.IsNullOrEmpty(grantType) ? MissingGrantKey : _grants.TryGetValue(grantType, out var grant) ? grant.GrantType : grantType;
        if (!outcome.Succeeded && outcome.Error.Error == "authorization_pending") key += "_pending";
        _stats.CountTokenGrant(key);

        if (outcome.Succeeded) await WriteTokensAsync(context, outcome.Tokens).ConfigureAwait(false);
        else await outcome.Error.WriteAsync(context, correlationId, _time.GetUtcNow()).ConfigureAwait(false);
    }

    /// <summary>The request's form, or null when it has none.</summary>
    public static async Task<IFormCollection?> ReadFormAsync(HttpContext context)
    {
        try
        {
            if (context.Request.HasFormContentType) return await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            // A body that claims to be a form but is not one reads, as at Entra ID, as a request without parameters.
        }
        return null;
    }

    private TokenGrantOutcome Decide(string tenant, IFormCollection? form, string? grantType)
    {
        if (!_tenants.IsKnown(tenant)) return EntraError.TenantNotFound(tenant);
        if (form is null || string.IsNullOrEmpty(grantType)) return EntraError.MissingParameter("grant_type");
        if (!_grants.TryGetValue(grantType, out var grant)) return EntraError.UnsupportedGrantType(grantType);
        return grant.Handle(new TokenRequest(tenant, form));
    }

    // MSAL sends client-request-id and expects it back as the correlation id, as Entra ID does.
    public static Guid CorrelationId(HttpContext context)
    {
        var correlationId = Guid.TryParse(context.Request.Headers["client-request-id"].ToString(), out var sent) ? sent : Guid.NewGuid();
        context.Response.Headers["client-request-id"] = correlationId.ToString();
        return correlationId;
    }

    private static async Task WriteTokensAsync(HttpContext context, IssuedTokens tokens)
    {
        var writer = JsonResponse.Start(context.Response, StatusCodes.Status200OK);
        writer.WriteStartObject();
        writer.WriteString("token_type", "Bearer");
        if (tokens.Scope is not null) writer.WriteString("scope", tokens.Scope);
        writer.WriteNumber("expires_in", tokens.ExpiresInSeconds);
        writer.WriteNumber("ext_expires_in", tokens.ExpiresInSeconds);
        writer.WriteString("access_token", tokens.AccessToken);
        if (tokens.RefreshToken is not null) writer.WriteString("refresh_token", tokens.RefreshToken);
        if (tokens.IdToken is not null) writer.WriteString("id_token", tokens.IdToken);
        if (tokens.ClientInfo is not null) writer.WriteString("client_info", tokens.ClientInfo);
        writer.WriteEndObject();
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }
}
