namespace PartnerCenterInvoices.Emulator.PartnerCenter;

/// <summary>An invoice API error in Partner Center's shape: <c>{"code", "description", "data": [], "source": "PartnerCenter"}</c>.</summary>
/// <remarks>
/// The service's numeric codes for these cases are not published; the emulator uses 6000xx numbers for
/// bad input, as the service does for its validation errors, and the HTTP status for the rest.
/// Descriptions echo at most a short piece of what the client sent, and never a header value.
/// </remarks>
internal sealed class ServiceError(int statusCode, int code, string description)
{
    public const int InvalidQueryParameterCode = 600010;
    public const int InvalidFilterCode = 600011;
    public const int InvalidContinuationTokenCode = 600012;

    /// <summary>The emulator's choice for a retired v1 line item request (the real code is not published).</summary>
    public const int RetiredLineItemsCode = 600036;

    public int StatusCode { get; } = statusCode;
    public int Code { get; } = code;
    public string Description { get; } = description;

    /// <summary>Seconds to send in <c>Retry-After</c>, or null for none.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static ServiceError InvalidQueryParameter(string name, string value, string rule) => new(400, InvalidQueryParameterCode,
        $"The value '{Shorten(value)}' of the query parameter '{name}' is not valid: {rule}.");

    public static ServiceError MissingQueryParameter(string name, string accepted) => new(400, InvalidQueryParameterCode,
        $"The query parameter '{name}' is required: {accepted}.");

    public static ServiceError RepeatedQueryParameter(string name) => new(400, InvalidQueryParameterCode,
        $"The query parameter '{name}' was given more than once.");

    public static ServiceError InvalidFilter(string problem) => new(400, InvalidFilterCode,
        $"The value of the query parameter 'filter' is not valid: {problem}.");

    public static ServiceError InvalidContinuationToken(bool missing) => new(400, InvalidContinuationTokenCode, missing
        ? "The MS-ContinuationToken header is required with seekOperation=Next: send the headers of the previous page's next link."
        : "The MS-ContinuationToken header is not a continuation token this service issued: send the value from the previous page's next link unchanged.");

    public static ServiceError LineItemsRetired() => new(400, RetiredLineItemsCode,
        "Line items for billing periods after March 2025 are available only from the billed invoice reconciliation API v2 on Microsoft Graph.");

    public static ServiceError Unauthorized(AccessTokenFailure failure) => new(401, 401, "Unauthorized: " + failure switch
    {
        AccessTokenFailure.Missing => "the request has no bearer token in its Authorization header.",
        AccessTokenFailure.Expired or AccessTokenFailure.Revoked => "the access token has expired.",
        AccessTokenFailure.NotYetValid => "the access token is not valid yet.",
        AccessTokenFailure.BadSignature => "the access token's signature is not valid.",
        AccessTokenFailure.WrongAudience => $"the access token was not issued for {AccessTokenIssuer.PartnerCenterAudience}.",
        _ => "the Authorization header does not hold a valid bearer token.",
    });

    /// <summary>An App+User token whose sign-in had no multi-factor authentication. The status and code (401, 900421)
    /// are what partners report since April 2026; the description is *unconfirmed*, no public sample shows the body.</summary>
    public static ServiceError MultiFactorRequired() => new(401, MultiFactorRequiredCode,
        "Multi-factor authentication is required: the access token was obtained by a user sign-in without MFA, " +
        "and App+User calls to the Partner Center API need one with MFA.");

    public const int MultiFactorRequiredCode = 900421;

    public static ServiceError AppPlusUserRequired() => new(403, 403,
        "This operation requires App+User credentials; an app-only (client credentials) access token is not accepted. " +
        "Sign in as a user of the partner tenant.");

    public static ServiceError InvoiceNotFound(string id) => new(404, 404, $"The invoice '{Shorten(id)}' was not found.");

    public static ServiceError TaxReceiptNotFound(string id, string receiptId) => new(404, 404,
        $"The tax receipt '{Shorten(receiptId)}' of the invoice '{Shorten(id)}' was not found.");

    public static ServiceError RouteNotFound(string path) => new(404, 404, $"The resource '{Shorten(path)}' was not found.");

    public static ServiceError MethodNotAllowed(string method, string path) => new(405, 405,
        $"The method {Shorten(method)} is not supported on '{Shorten(path)}'.");

    public static ServiceError Internal() => new(500, 500, "An unexpected error occurred in the partner service. Try again later.");

    /// <summary>The error an injected fault answers with (see <c>POST /_emulator/faults</c>).</summary>
    public static ServiceError Injected(int statusCode) => statusCode switch
    {
        429 => new(429, 429, "Rate limit is exceeded. Try again in 1 seconds.") { RetryAfterSeconds = 1 },
        503 => new(503, 503, "The service is temporarily unavailable. Try again later.") { RetryAfterSeconds = 1 },
        >= 500 => new(statusCode, statusCode, "An unexpected error occurred in the partner service. Try again later."),
        401 => Unauthorized(AccessTokenFailure.Malformed),
        403 => new(403, 403, "The caller does not have the rights to perform this operation."),
        404 => new(404, 404, "The resource was not found or is not available with the given input."),
        _ => new(statusCode, statusCode, "The request failed (injected by the emulator)."),
    };

    /// <summary>
    /// The 429 the service's gateway answers when throttling: <c>{"statusCode":429,"message":"Rate limit is exceeded.
    /// Try again in S seconds."}</c> with <c>Retry-After: S</c>, not the service's own error shape.
    /// </summary>
    public static async Task WriteThrottledAsync(HttpContext context, int retryAfterSeconds)
    {
        var seconds = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.Response.Headers.RetryAfter = seconds;
        var writer = JsonResponse.Start(context.Response, StatusCodes.Status429TooManyRequests);
        writer.WriteStartObject();
        writer.WriteNumber("statusCode", StatusCodes.Status429TooManyRequests);
        writer.WriteString("message", $"Rate limit is exceeded. Try again in {seconds} seconds.");
        writer.WriteEndObject();
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    public async Task WriteAsync(HttpContext context)
    {
        if (RetryAfterSeconds is int seconds) context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var writer = JsonResponse.Start(context.Response, StatusCode);
        writer.WriteStartObject();
        writer.WriteNumber("code", Code);
        writer.WriteString("description", Description);
        writer.WriteStartArray("data");
        writer.WriteEndArray();
        writer.WriteString("source", "PartnerCenter");
        writer.WriteEndObject();
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "...";
}
