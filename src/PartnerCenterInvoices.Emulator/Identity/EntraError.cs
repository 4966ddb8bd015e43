using System.Globalization;

namespace PartnerCenterInvoices.Emulator.Identity;

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

    public static EntraError InvalidAssertionType(string type) => new(400, "invalid_request", 50027,
        $"JWT token is invalid or malformed. The client_assertion_type '{Shorten(type)}' is not supported; " +
        $"use '{ClientAssertionValidator.JwtBearerAssertionType}'.");

    public static EntraError MalformedAssertion(string problem) => new(401, "invalid_client", 50027,
        $"JWT token is invalid or malformed: {problem}.");

    public static EntraError AssertionSubjectMismatch() => new(401, "invalid_client", 700021,
        "Client assertion application identifier doesn't match 'client_id' parameter. " +
        "Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials.");

    public static EntraError AssertionKeyNotFound(string clientId, string? thumbprint) => new(401, "invalid_client", 700027,
        $"The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., " +
        $"Thumbprint of key used by client: '{Shorten(thumbprint ?? "(none)")}', Please visit the Azure Portal, Graph Explorer or directly use MS Graph " +
        $"to see configured keys for app Id '{clientId}'.]");

    public static EntraError AssertionSignatureInvalid(string clientId) => new(401, "invalid_client", 700027,
        $"Client assertion contains an invalid signature. [Reason - The key used to sign the assertion does not verify it., app Id '{clientId}'.]");

    public static EntraError AssertionAudienceMismatch() => new(401, "invalid_client", 700023,
        "Client assertion audience claim does not match Realm issuer. The audience must be the token endpoint the assertion is sent to. " +
        "Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials.");

    public static EntraError AssertionOutsideValidTime(DateTimeOffset now, DateTimeOffset? notBefore, DateTimeOffset expires) => new(401, "invalid_client", 700024,
        $"Client assertion is not within its valid time range. Current time: {Format(now)}, assertion valid from " +
        $"{(notBefore is null ? "(not given)" : Format(notBefore.Value))}, expiry time of assertion {Format(expires)}. " +
        "Review the documentation at https://learn.microsoft.com/entra/identity-platform/certificate-credentials.");

    public static EntraError InvalidUserScope(string scope) => new(400, "invalid_scope", 70011,
        $"The provided value for the input parameter 'scope' is not valid. The scope '{Shorten(scope)}' must name one resource's " +
        "delegated permission, such as https://api.partnercenter.microsoft.com/user_impersonation or its /.default, " +
        "with any of offline_access, openid, profile and email.");

    public static EntraError RefreshTokenInvalid() => new(400, "invalid_grant", 9002313,
        "Invalid request. Request is malformed or invalid. The refresh token is not one this tenant issued.");

    public static EntraError RefreshTokenExpired(DateTimeOffset issued, DateTimeOffset expired) => new(400, "invalid_grant", 700082,
        $"The refresh token has expired due to inactivity. The token was issued on {Format(issued)} and was inactive until {Format(expired)}. " +
        "A refresh token that is not used for 90 days expires; sign the user in again.");

    public static EntraError RefreshTokenRevoked() => new(400, "invalid_grant", 50173,
        "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.");

    public static EntraError GrantIssuedToAnotherClient(string what) => new(400, "invalid_grant", 70000,
        $"Provided grant is invalid or malformed. The {what} was issued to a different client.");

    public static EntraError DeviceCodeInvalid() => new(400, "invalid_grant", 70000,
        "Provided grant is invalid or malformed. The device_code is not one this tenant issued.");

    public static EntraError DeviceCodeRedeemed() => new(400, "invalid_grant", 54005,
        "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.");

    public static EntraError AuthorizationPending() => new(400, "authorization_pending", 70016,
        "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");

    public static EntraError DeviceCodeExpired() => new(400, "expired_token", 70019,
        "Verification code expired. Have the user retry the sign-in.");

    public static EntraError AuthorizationDeclined() => new(400, "authorization_declined", 65004,
        "User declined to consent to access the app.");

    public static EntraError ConsentRequired(string clientId, string permission) => new(400, "invalid_grant", 65001,
        $"The user or administrator has not consented to use the application with ID '{clientId}'. " +
        $"Send an interactive authorization request for this user and resource, or have an administrator grant consent to {permission}.");

    public static EntraError TransientFailure(int statusCode) => new(statusCode, "temporarily_unavailable", 90033,
        "A transient error has occurred. Please try again.");

    /// <summary>Seconds to send in <c>Retry-After</c>, or null for none.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static EntraError Throttled(int retryAfterSeconds) => new(429, "temporarily_unavailable", 90033,
        $"The request was throttled. Try again in {retryAfterSeconds} seconds.")
    { RetryAfterSeconds = retryAfterSeconds };

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("MM/dd/yyyy HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "...";

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
