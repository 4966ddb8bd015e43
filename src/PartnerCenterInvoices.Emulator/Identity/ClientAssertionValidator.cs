using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>Checks a certificate client assertion (<c>private_key_jwt</c>) as Entra ID does, with its AADSTS codes.</summary>
/// <remarks>
/// <para>
/// MSAL.NET 4.92 (<c>WithCertificate</c>) signs <c>{"aud","iss","sub","nbf","exp","jti"}</c>, with <c>nbf</c> and
/// <c>exp</c> as JSON strings, not numbers, and <c>aud</c> the token endpoint it posts to. For an Entra ID-style
/// authority (<c>WithAuthority</c>) it signs PS256 with an <c>x5t#S256</c> header; for a generic OIDC authority
/// (<c>WithOidcAuthority</c>) RS256 with <c>x5t</c>. Both are accepted, as are numeric times.
/// </para>
/// <para>
/// Accepted audiences: this emulator's token endpoint for any name of the tenant (with or without a trailing
/// slash), and the tenant's issuer, <c>https://host:port/{tenant}/v2.0</c>, which the Entra ID docs name;
/// the host may be 127.0.0.1 or localhost. Five minutes of clock skew are allowed on <c>nbf</c> and <c>exp</c>.
/// </para>
/// </remarks>
internal sealed class ClientAssertionValidator(EmulatorAddress address, TenantDirectory tenants, TimeProvider time)
{
    public const string JwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private const int MaxAssertionLength = 16 * 1024;
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>Null when the assertion proves <paramref name="application"/>; otherwise the error to answer.</summary>
    public EntraError? Validate(string assertion, RegisteredApplication application)
    {
        if (!TryParse(assertion, out var header, out var claims, out var signingInput, out var signature, out var problem))
            return EntraError.MalformedAssertion(problem);

        var algorithm = String(header, "alg");
        RSASignaturePadding padding;
        if (algorithm == "RS256") padding = RSASignaturePadding.Pkcs1;
        else if (algorithm == "PS256") padding = RSASignaturePadding.Pss;
        else return EntraError.MalformedAssertion($"the signing algorithm '{algorithm}' is not supported; use RS256 or PS256");

        var issuer = String(claims, "iss");
        var subject = String(claims, "sub");
        if (!string.Equals(issuer, application.ClientId, StringComparison.OrdinalIgnoreCase) ||
            !string.Equals(subject, application.ClientId, StringComparison.OrdinalIgnoreCase))
            return EntraError.AssertionSubjectMismatch();

        // The key: a registered certificate named by the thumbprint header, or any registered one when there is none.
        var sha1Thumbprint = String(header, "x5t");
        var sha256Thumbprint = String(header, "x5t#S256");
        var candidates = application.Certificates.Where(certificate =>
            (sha1Thumbprint is null || ThumbprintMatches(certificate, sha1Thumbprint, HashAlgorithmName.SHA1)) &&
            (sha256Thumbprint is null || ThumbprintMatches(certificate, sha256Thumbprint, HashAlgorithmName.SHA256))).ToList();
        if (candidates.Count == 0)
            return EntraError.AssertionKeyNotFound(application.ClientId, sha256Thumbprint ?? sha1Thumbprint);
        if (!candidates.Any(certificate => Verifies(certificate, signingInput, signature, padding)))
            return EntraError.AssertionSignatureInvalid(application.ClientId);

        if (!AudienceMatches(claims))
            return EntraError.AssertionAudienceMismatch();

        var now = time.GetUtcNow();
        var expires = Time(claims, "exp");
        var notBefore = Time(claims, "nbf");
        if (expires is null) return EntraError.MalformedAssertion("the 'exp' claim is missing or not a time");
        if (expires.Value + ClockSkew <= now || (notBefore is not null && notBefore.Value - ClockSkew > now))
            return EntraError.AssertionOutsideValidTime(now, notBefore, expires.Value);
        if (string.IsNullOrEmpty(String(claims, "jti"))) return EntraError.MalformedAssertion("the 'jti' claim is missing");
        return null;
    }

    private static bool TryParse(string assertion, out JsonElement header, out JsonElement claims, out byte[] signingInput,
        out byte[] signature, out string problem)
    {
        header = claims = default;
        signingInput = signature = [];
        problem = "it is not a signed JWT (header.payload.signature)";
        if (assertion.Length > MaxAssertionLength || !Ascii.IsValid(assertion)) return false;
        var parts = assertion.Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0)) return false;
        try
        {
            header = ParseJson(parts[0]);
            claims = ParseJson(parts[1]);
            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            problem = "its parts are not base64url-encoded JSON";
            return false;
        }
        if (header.ValueKind != JsonValueKind.Object || claims.ValueKind != JsonValueKind.Object)
        {
            problem = "its header and payload must be JSON objects";
            return false;
        }
        signingInput = Encoding.ASCII.GetBytes(assertion[..assertion.LastIndexOf('.')]);
        return true;
    }

    private static JsonElement ParseJson(string base64Url)
    {
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(base64Url));
        return document.RootElement.Clone();
    }

    private static bool ThumbprintMatches(X509Certificate2 certificate, string thumbprint, HashAlgorithmName algorithm)
    {
        try
        {
            return CryptographicOperations.FixedTimeEquals(certificate.GetCertHash(algorithm), Base64Url.DecodeFromChars(thumbprint));
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool Verifies(X509Certificate2 certificate, byte[] signingInput, byte[] signature, RSASignaturePadding padding)
    {
        using var key = certificate.GetRSAPublicKey();
        return key is not null && key.VerifyData(signingInput, signature, HashAlgorithmName.SHA256, padding);
    }

    private bool AudienceMatches(JsonElement claims)
    {
        if (!claims.TryGetProperty("aud", out var audience)) return false;
        return audience.ValueKind switch
        {
            JsonValueKind.String => IsOwnAudience(audience.GetString()),
            // A JWT may carry several audiences; one of them must be this endpoint.
            JsonValueKind.Array => audience.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && IsOwnAudience(a.GetString())),
            _ => false,
        };
    }

    private bool IsOwnAudience(string? audience)
    {
        if (!Uri.TryCreate(audience, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.Query)) return false;
        var own = new Uri(address.BaseUrl);
        if (uri.Port != own.Port || !(uri.Host == "127.0.0.1" || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))) return false;

        var segments = uri.AbsolutePath.Trim('/').Split('/');
        if (segments.Length == 0 || !tenants.IsKnown(Uri.UnescapeDataString(segments[0]))) return false;
        var rest = string.Join('/', segments.Skip(1));
        return rest.Equals("oauth2/v2.0/token", StringComparison.OrdinalIgnoreCase) || rest.Equals("v2.0", StringComparison.OrdinalIgnoreCase);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // Seconds since the epoch, as a JSON number or (as MSAL.NET writes them) a string of digits.
    private static DateTimeOffset? Time(JsonElement claims, string name)
    {
        if (!claims.TryGetProperty(name, out var value)) return null;
        long seconds;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out seconds)) return FromSeconds(seconds);
        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out seconds))
            return FromSeconds(seconds);
        return null;
    }

    private static DateTimeOffset? FromSeconds(long seconds) =>
        seconds is >= -62_135_596_800 and <= 253_402_300_799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
}
