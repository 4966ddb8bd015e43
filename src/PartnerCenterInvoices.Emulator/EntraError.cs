using System.Globalization;

namespace PartnerCenterInvoices.Emulator;

/// <summary>A token endpoint error in Microsoft Entra ID's shape, with the AADSTS code a real client would see.</summary>
/// <remarks>
/// MSAL maps <c>error</c> to its exception types and shows <c>error_description</c>, so both follow what
/// Entra ID sends for the same mistake. Descriptions may name a tenant or a client id, never a secret.
/// </remarks>
internal sealed class EntraError(int statusCode, string error, int code, string message)
{
    public int StatusCode { get; } = statusCode;
    public string Error { get; } = error;
    public int Code { get; } = code;
    public string Message { get; } = message;

    public static EntraError TenantNotFound(string tenant) => new(400, "invalid_request", 90002,
        $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. " +
        "Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.");

    public static EntraError MissingParameter(string name) => new(400, "invalid_request", 900144,
        $"The request body must contain the following parameter: '{name}'.");

    public static EntraError UnsupportedGrantType(string grantType) => new(400, "unsupported_grant_type", 70003,
        $"The app requested an unsupported grant type '{grantType}'.");

    public static EntraError ApplicationNotFound(string clientId, string tenant) => new(400, "unauthorized_client", 700016,
        $"Application with identifier '{clientId}' was not found in the directory '{tenant}'. This can happen if the application " +
        "has not been installed by the administrator of the tenant or consented to by any user in the tenant. " +
        "You may have sent your authentication request to the wrong tenant.");

    public static EntraError MissingClientCredential() => new(401, "invalid_client", 7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");

    public static EntraError InvalidClientSecret(string clientId) => new(401, "invalid_client", 7000215,
        "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, " +
        $"not the client secret ID, for a secret added to app '{clientId}'.");

    public static EntraError InvalidScope(string scope) => new(400, "invalid_scope", 1002012,
        $"The provided value for scope {scope} is not valid. Client credential flows must have a scope value with /.default " +
        "suffixed to the resource identifier (application ID URI).");

    public static EntraError TransientFailure(int statusCode) => new(statusCode, "temporarily_unavailable", 90033,
        "A transient error has occurred. Please try again.");

    /// <summary>Seconds to send in <c>Retry-After</c>, or null for none.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static EntraError Throttled(int retryAfterSeconds) => new(429, "temporarily_unavailable", 90033,
        $"The request was throttled. Try again in {retryAfterSeconds} seconds.") { RetryAfterSeconds = retryAfterSeconds };

    public async Task WriteAsync(HttpContext context, Guid correlationId, DateTimeOffset now)
    {
        if (RetryAfterSeconds is int seconds) context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var traceId = Guid.NewGuid();
        var timestamp = now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var writer = JsonResponse.Start(context.Response, StatusCode);
        writer.WriteStartObject();
        writer.WriteString("error", Error);
        writer.WriteString("error_description",
            $"AADSTS{Code}: {Message} Trace ID: {traceId} Correlation ID: {correlationId} Timestamp: {timestamp}");
        writer.WriteStartArray("error_codes");
        writer.WriteNumberValue(Code);
        writer.WriteEndArray();
        writer.WriteString("timestamp", timestamp);
        writer.WriteString("trace_id", traceId);
        writer.WriteString("correlation_id", correlationId);
        writer.WriteEndObject();
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }
}
