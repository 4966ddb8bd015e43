namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary><c>POST /{tenant}/oauth2/v2.0/devicecode</c>: starts a device code sign-in, as Entra ID's v2.0 endpoint does.</summary>
/// <remarks>
/// The answer carries <c>device_code, user_code, verification_uri, expires_in, interval, message</c>, which is
/// what MSAL's <c>AcquireTokenWithDeviceCode</c> reads. The verification page is this emulator's
/// <c>/devicelogin</c>; tests approve or decline through <c>/_emulator/devicecode/*</c> instead of a browser.
/// </remarks>
internal sealed class DeviceCodeEndpoint(TenantDirectory tenants, ApplicationDirectory applications, DeviceAuthorizations authorizations,
    EmulatorStats stats, EmulatorAddress address, TimeProvider time, TimeSpan codeLifetime)
{
    public const string StatsKey = "devicecode";
    private const int PollingIntervalSeconds = 1;

    public async Task HandleAsync(HttpContext context)
    {
        stats.CountTokenGrant(StatsKey);
        var correlationId = TokenEndpoint.CorrelationId(context);
        context.Response.Headers.CacheControl = "no-store, no-cache";
        var form = await TokenEndpoint.ReadFormAsync(context).ConfigureAwait(false);

        var outcome = Start((string?)context.Request.RouteValues["tenant"] ?? "", form);
        if (outcome.Error is not null)
        {
            await outcome.Error.WriteAsync(context, correlationId, time.GetUtcNow()).ConfigureAwait(false);
            return;
        }

        var authorization = outcome.Authorization!;
        var verificationUri = address.BaseUrl + "/devicelogin";
        var writer = JsonResponse.Start(context.Response, StatusCodes.Status200OK);
        writer.WriteStartObject();
        writer.WriteString("user_code", authorization.UserCode);
        writer.WriteString("device_code", authorization.DeviceCode);
        writer.WriteString("verification_uri", verificationUri);
        writer.WriteNumber("expires_in", (long)codeLifetime.TotalSeconds);
        writer.WriteNumber("interval", PollingIntervalSeconds);
        writer.WriteString("message",
            $"To sign in, use a web browser to open the page {verificationUri} and enter the code {authorization.UserCode} to authenticate.");
        writer.WriteEndObject();
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    private (DeviceAuthorization? Authorization, EntraError? Error) Start(string tenant, IFormCollection? form)
    {
        if (!tenants.IsKnown(tenant)) return (null, EntraError.TenantNotFound(tenant));
        var request = new TokenRequest(tenant, form ?? FormCollection.Empty);
        var clientId = request.Parameter("client_id");
        if (clientId is null) return (null, EntraError.MissingParameter("client_id"));
        var application = applications.Find(clientId);
        if (application is null) return (null, EntraError.ApplicationNotFound(clientId, tenant));
        var scopeText = request.Parameter("scope");
        if (scopeText is null) return (null, EntraError.MissingParameter("scope"));
        if (!UserScope.TryParse(scopeText, out var scope)) return (null, EntraError.InvalidUserScope(scopeText));
        return (authorizations.Start(application.ClientId, scope, codeLifetime), null);
    }

    // The page verification_uri names. There is no browser sign-in: it says how a test approves instead.
    public static async Task DeviceLoginPageAsync(HttpContext context)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync("""
            <!DOCTYPE html>
            <html><head><title>Partner Center emulator: device sign-in</title></head>
            <body><p>This is a local emulator; nobody signs in here. Approve a code with
            <code>POST /_emulator/devicecode/approve?userCode=CODE&amp;user=UPN</code>, or list the waiting codes with
            <code>GET /_emulator/devicecode/pending</code>.</p></body></html>
            """, context.RequestAborted).ConfigureAwait(false);
    }
}
