using System.Globalization;
using System.Security;
using System.Text;

namespace PartnerCenterInvoices.Emulator.BlobStorage;

/// <summary>An Azure Storage error: XML <c>&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;…&lt;/Error&gt;</c> and the <c>x-ms-error-code</c> header.</summary>
/// <remarks>Every blob host error is made here, so clients meet exactly the shape the real service sends.</remarks>
internal sealed class StorageError(int statusCode, string code, string message, string? authenticationDetail = null)
{
    public int StatusCode { get; } = statusCode;
    public string Code { get; } = code;

    /// <summary>Seconds to send in <c>Retry-After</c>, or null for none.</summary>
    public int? RetryAfterSeconds { get; init; }

    public static StorageError AuthenticationFailed(string detail) => new(403, "AuthenticationFailed",
        "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature.", detail);

    public static StorageError SignatureMismatch() =>
        AuthenticationFailed("Signature did not match. String to sign used was r (emulator: the sig, st, se, sp or directory was changed or is missing).");

    public static StorageError Expired(DateTimeOffset expiry, DateTimeOffset now) => AuthenticationFailed(
        $"Signed expiry time [{Rfc1123(expiry)}] must be after current time [{Rfc1123(now)}]");

    public static StorageError AuthorizationHeaderRefused() => AuthenticationFailed(
        "The request carries an Authorization header; blobs of a billing export are read with the manifest's SAS token only.");

    public static StorageError BlobNotFound() => new(404, "BlobNotFound", "The specified blob does not exist.");

    public static StorageError InvalidRange() => new(416, "InvalidRange", "The range specified is invalid for the current size of the resource.");

    public static StorageError UnsupportedMethod() => new(405, "UnsupportedHttpVerb", "The resource doesn't support specified Http Verb.");

    public static StorageError ServerBusy(int retryAfterSeconds) => new(503, "ServerBusy",
        "The server is busy.")
    { RetryAfterSeconds = retryAfterSeconds };

    /// <summary>The error an injected fault answers with.</summary>
    public static StorageError Injected(int statusCode) => statusCode switch
    {
        503 or 429 => ServerBusy(1),
        500 => new(500, "InternalError", "The server encountered an internal error. Please retry the request."),
        >= 500 => new(statusCode, "OperationTimedOut", "The operation could not be completed within the permitted time."),
        403 => AuthenticationFailed("Injected by the emulator."),
        404 => BlobNotFound(),
        _ => new(statusCode, "InvalidInput", "One of the request inputs is not valid."),
    };

    public static string Rfc1123(DateTimeOffset time) => time.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);

    public async Task WriteAsync(HttpContext context, DateTimeOffset now)
    {
        var response = context.Response;
        var requestId = response.Headers["x-ms-request-id"].ToString();
        var body = new StringBuilder("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>").Append(Code).Append("</Code><Message>")
            .Append(SecurityElement.Escape(message)).Append("\nRequestId:").Append(requestId)
            .Append("\nTime:").Append(now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)).Append("</Message>");
        if (authenticationDetail is not null)
            body.Append("<AuthenticationErrorDetail>").Append(SecurityElement.Escape(authenticationDetail)).Append("</AuthenticationErrorDetail>");
        body.Append("</Error>");
        var bytes = Encoding.UTF8.GetBytes(body.ToString());
        response.StatusCode = StatusCode;
        response.ContentType = "application/xml";
        response.ContentLength = bytes.Length;
        response.Headers["x-ms-error-code"] = Code;
        if (RetryAfterSeconds is int seconds) response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        if (!HttpMethods.IsHead(context.Request.Method)) await response.Body.WriteAsync(bytes, context.RequestAborted).ConfigureAwait(false);
    }
}
