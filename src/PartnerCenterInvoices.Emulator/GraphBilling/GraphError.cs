using System.Globalization;

namespace PartnerCenterInvoices.Emulator.GraphBilling;

/// <summary>A Microsoft Graph error: <c>{"error":{"code","message","innerError":{"date","request-id","client-request-id"}}}</c>.</summary>
/// <remarks>
/// Every Graph error the emulator sends, the injected ones included, is made here, so clients meet one shape.
/// The codes are Graph's own words for each case. The <c>request-id</c> and <c>client-request-id</c> come from
/// the response headers the request recorder set for every Graph request.
/// </remarks>
internal sealed class GraphError(int statusCode, string code, string message)
{
    public const string RequestIdHeader = "request-id";
    public const string ClientRequestIdHeader = "client-request-id";

    public int StatusCode { get; } = statusCode;
    public string Code { get; } = code;
    public string Message { get; } = message;

    /// <summary>Seconds to send in <c>Retry-After</c>, or null for none.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static GraphError BadRequest(string message) => new(400, "BadRequest", message);

    public static GraphError UnsupportedMediaType(string? contentType) => new(415, "UnsupportedMediaType",
        $"The content type '{Shorten(contentType ?? "(none)")}' is not supported; send the body as application/json.");

    public static GraphError Unauthorized(AccessTokenFailure failure) => new(401, "InvalidAuthenticationToken", failure switch
    {
        AccessTokenFailure.Missing => "Access token is empty.",
        AccessTokenFailure.Expired or AccessTokenFailure.Revoked or AccessTokenFailure.NotYetValid =>
            "Lifetime validation failed, the token is expired.",
        AccessTokenFailure.WrongAudience => $"Access token validation failure. Invalid audience: the token was not issued for {GraphPermission.Audience}.",
        AccessTokenFailure.BadSignature => "Access token validation failure. The token's signature is not valid.",
        _ => "IDX14100: JWT is not well formed; the Authorization header does not hold a valid bearer token.",
    });

    public static GraphError MissingPermission(bool appOnly, string held) => new(403, "Forbidden", appOnly
        ? $"Missing role permissions on the request. API requires one of '{GraphPermission.PartnerBillingReadAll}'. Roles on the request '{held}'."
        : $"Missing scope permissions on the request. API requires one of '{GraphPermission.PartnerBillingReadAll}'. Scopes on the request '{held}'.");

    public static GraphError NotFound(string message) => new(404, "NotFound", message);

    public static GraphError SegmentNotFound(string path) => new(404, "NotFound", $"Resource not found for the segment '{Shorten(path)}'.");

    public static GraphError MethodNotAllowed(string method) => new(405, "MethodNotAllowed",
        $"The HTTP method '{Shorten(method)}' is not allowed for this resource.");

    public static GraphError Internal() => new(500, "InternalServerError", "An unexpected error occurred in the service. Try again later.");

    /// <summary>The error an injected fault answers with: Graph's codes for the status, Retry-After on 429 and 503.</summary>
    public static GraphError Injected(int statusCode, int retryAfterSeconds = 1) => statusCode switch
    {
        429 => new(429, "TooManyRequests", $"Too many requests; retry after {retryAfterSeconds} seconds.") { RetryAfterSeconds = retryAfterSeconds },
        503 => new(503, "serviceNotAvailable", "The service is temporarily unavailable. Try again later.") { RetryAfterSeconds = retryAfterSeconds },
        504 => new(504, "gatewayTimeout", "The gateway timed out. Try again later."),
        >= 500 => new(statusCode, "generalException", "An unexpected error occurred in the service. Try again later."),
        401 => Unauthorized(AccessTokenFailure.Malformed),
        403 => new(403, "Forbidden", "The caller does not have the rights to perform this operation."),
        404 => new(404, "NotFound", "The resource was not found."),
        _ => new(statusCode, "BadRequest", "The request failed (injected by the emulator)."),
    };

    public async Task WriteAsync(HttpContext context, DateTimeOffset now)
    {
        var response = context.Response;
        if (RetryAfterSeconds is int seconds) response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var writer = JsonResponse.Start(response, StatusCode);
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("code", Code);
        writer.WriteString("message", Message);
        writer.WriteStartObject("innerError");
        writer.WriteString("date", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        writer.WriteString("request-id", response.Headers[RequestIdHeader].ToString());
        writer.WriteString("client-request-id", response.Headers[ClientRequestIdHeader].ToString());
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        await JsonResponse.FinishAsync(response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "...";
}
