using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>Mints the emulator's access tokens and checks them when they come back to the invoice API.</summary>
/// <remarks>
/// Tokens are JWTs signed HS256 with a key made at start, so a token from another emulator run, or one
/// a client edited, fails the signature. Claims follow an Entra ID v1 access token for a resource such as
/// Partner Center (the resource, not the endpoint, decides the token version, and v1 is what carries
/// <c>appid</c>), including <c>iss = https://sts.windows.net/{tid}/</c>.
/// </remarks>
internal sealed class AccessTokenIssuer(TimeProvider time, TenantDirectory tenants)
{
    public const string PartnerCenterAudience = "https://api.partnercenter.microsoft.com";

    private static readonly string EncodedHeader = Base64Url.EncodeToString("""{"alg":"HS256","typ":"JWT"}"""u8);
    private const int SignatureLength = 32;
    private const int MaxTokenLength = 8192;

    /// <summary>The delegated permission Partner Center grants App+User callers (the <c>scp</c> claim).</summary>
    public const string UserImpersonationScope = "user_impersonation";

    private readonly byte[] _signingKey = RandomNumberGenerator.GetBytes(32);
    private long _issued;
    private long _revokedThrough;

    public string Issue(string applicationId, string audience, TimeSpan lifetime) =>
        Issue(applicationId, audience, lifetime, ClientCredentialKind.Secret, user: null);

    /// <summary>An app-only token, or with <paramref name="user"/> an App+User token (<c>idtyp: user</c>, <c>scp</c>, <c>oid</c>, <c>upn</c>,
    /// and <c>amr</c>: <c>["pwd","mfa"]</c>, or <c>["pwd"]</c> when <paramref name="multiFactor"/> is false).</summary>
    /// <param name="permission">
    /// App-only: the one app role to put in <c>roles</c> (none when null). App+User: the <c>scp</c> value
    /// (Partner Center's <c>user_impersonation</c> when null).
    /// </param>
    public string Issue(string applicationId, string audience, TimeSpan lifetime, ClientCredentialKind credential, UserAccount? user,
        string? permission = null, bool multiFactor = true)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var expires = now + (long)lifetime.TotalSeconds;
        // A token minted already expired (tests ask for that) reads as one issued an hour before it expired.
        var issuedAt = lifetime > TimeSpan.Zero ? now : expires - 3600;
        var sequence = Interlocked.Increment(ref _issued);

        var payload = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("aud", audience);
            writer.WriteString("iss", $"https://sts.windows.net/{tenants.TenantId}/");
            writer.WriteNumber("iat", issuedAt);
            writer.WriteNumber("nbf", issuedAt);
            writer.WriteNumber("exp", expires);
            writer.WriteString("appid", applicationId);
            writer.WriteString("appidacr", ((int)credential).ToString(CultureInfo.InvariantCulture));
            writer.WriteString("idtyp", user is null ? "app" : "user");
            writer.WriteString("jti", Guid.NewGuid().ToString());
            if (user is null && permission is not null)
            {
                writer.WriteStartArray("roles");
                writer.WriteStringValue(permission);
                writer.WriteEndArray();
            }
            if (user is not null)
            {
                writer.WriteStartArray("amr");
                writer.WriteStringValue("pwd");
                if (multiFactor) writer.WriteStringValue("mfa");
                writer.WriteEndArray();
                writer.WriteString("name", user.DisplayName);
                writer.WriteString("oid", user.ObjectId.ToString());
                writer.WriteString("scp", permission ?? UserImpersonationScope);
                writer.WriteString("upn", user.UserPrincipalName);
                writer.WriteString("unique_name", user.UserPrincipalName);
            }
            writer.WriteString("tid", tenants.TenantId.ToString());
            // Entra ID's token identifier; here the issue number, which revocation compares against.
            writer.WriteString("uti", sequence.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("ver", "1.0");
            writer.WriteEndObject();
        }

        var signingInput = EncodedHeader + "." + Base64Url.EncodeToString(payload.WrittenSpan);
        var signature = HMACSHA256.HashData(_signingKey, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>
    /// Makes every access token issued so far fail as expired, as if they all had; tokens issued afterwards work.
    /// </summary>
    public void RevokeAll() => Interlocked.Exchange(ref _revokedThrough, Interlocked.Read(ref _issued));

    /// <summary>Checks a token the Partner Center API received.</summary>
    public AccessTokenValidation Validate(string token) => Validate(token, PartnerCenterAudience);

    /// <summary>Checks a token sent to the resource whose audience is <paramref name="expectedAudience"/>.</summary>
    public AccessTokenValidation Validate(string token, string expectedAudience)
    {
        if (token.Length == 0) return AccessTokenValidation.Refused(AccessTokenFailure.Missing);
        if (token.Length > MaxTokenLength || !Ascii.IsValid(token)) return AccessTokenValidation.Refused(AccessTokenFailure.Malformed);

        var firstDot = token.IndexOf('.');
        var lastDot = token.LastIndexOf('.');
        if (firstDot <= 0 || lastDot == firstDot || lastDot == token.Length - 1 || token.AsSpan(firstDot + 1, lastDot - firstDot - 1).Contains('.'))
            return AccessTokenValidation.Refused(AccessTokenFailure.Malformed);

        Span<byte> signature = stackalloc byte[SignatureLength + 3];
        int signatureLength;
        try
        {
            // TryDecode answers false only for a short destination; text that is not base64url throws.
            if (!Base64Url.TryDecodeFromChars(token.AsSpan(lastDot + 1), signature, out signatureLength))
                return AccessTokenValidation.Refused(AccessTokenFailure.Malformed);
        }
        catch (FormatException)
        {
            return AccessTokenValidation.Refused(AccessTokenFailure.Malformed);
        }
        if (signatureLength != SignatureLength) return AccessTokenValidation.Refused(AccessTokenFailure.Malformed);

        var signingInput = ArrayPool<byte>.Shared.Rent(lastDot);
        try
        {
            var inputLength = Encoding.ASCII.GetBytes(token.AsSpan(0, lastDot), signingInput);
            Span<byte> expected = stackalloc byte[SignatureLength];
            HMACSHA256.HashData(_signingKey, signingInput.AsSpan(0, inputLength), expected);
            if (!CryptographicOperations.FixedTimeEquals(expected, signature[..SignatureLength]))
                return AccessTokenValidation.Refused(AccessTokenFailure.BadSignature);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(signingInput);
        }

        byte[] payload;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(firstDot + 1, lastDot - firstDot - 1));
        }
        catch (FormatException)
        {
            return AccessTokenValidation.Refused(AccessTokenFailure.Malformed);
        }
        return CheckClaims(payload, expectedAudience);
    }

    private AccessTokenValidation CheckClaims(byte[] payload, string expectedAudience)
    {
        long? expires = null, notBefore = null, sequence = null;
        string? audience = null, applicationId = null, identityType = null, scopes = null;
        List<string>? roles = null;
        var multiFactor = false;
        try
        {
            var reader = new Utf8JsonReader(payload);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return AccessTokenValidation.Refused(AccessTokenFailure.Malformed);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "exp": expires = reader.GetInt64(); break;
                    case "nbf": notBefore = reader.GetInt64(); break;
                    case "aud": audience = reader.GetString(); break;
                    case "appid": applicationId = reader.GetString(); break;
                    case "idtyp": identityType = reader.GetString(); break;
                    case "amr":
                        if (reader.TokenType != JsonTokenType.StartArray) return AccessTokenValidation.Refused(AccessTokenFailure.Malformed);
                        while (reader.Read() && reader.TokenType == JsonTokenType.String) multiFactor |= reader.ValueTextEquals("mfa"u8);
                        break;
                    case "scp": scopes = reader.GetString(); break;
                    case "roles":
                        if (reader.TokenType != JsonTokenType.StartArray) return AccessTokenValidation.Refused(AccessTokenFailure.Malformed);
                        roles = [];
                        while (reader.Read() && reader.TokenType == JsonTokenType.String) roles.Add(reader.GetString()!);
                        break;
                    case "uti":
                        // Digits only, so the raw bytes are the value: no string to allocate on every API request.
                        sequence = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped &&
                            Utf8Parser.TryParse(reader.ValueSpan, out long issued, out var consumed) && consumed == reader.ValueSpan.Length ? issued : null;
                        break;
                    default: reader.Skip(); break;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return AccessTokenValidation.Refused(AccessTokenFailure.Malformed);
        }

        if (expires is null || applicationId is null || sequence is null) return AccessTokenValidation.Refused(AccessTokenFailure.Malformed);
        // No clock skew allowance: a token is dead the second it expires, so expiry tests are exact.
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (now >= expires) return AccessTokenValidation.Refused(AccessTokenFailure.Expired);
        if (sequence <= Interlocked.Read(ref _revokedThrough)) return AccessTokenValidation.Refused(AccessTokenFailure.Revoked);
        if (notBefore is not null && now < notBefore) return AccessTokenValidation.Refused(AccessTokenFailure.NotYetValid);
        // Partner Center stopped accepting other audiences (the old Azure AD Graph one) in August 2025; Graph
        // knows itself by URL and by application id.
        var audienceMatches = GraphPermission.IsGraph(expectedAudience)
            ? GraphPermission.IsGraph(audience)
            : string.Equals(audience?.TrimEnd('/'), expectedAudience, StringComparison.OrdinalIgnoreCase);
        if (!audienceMatches) return AccessTokenValidation.Refused(AccessTokenFailure.WrongAudience);
        return new AccessTokenValidation(AccessTokenFailure.None, applicationId, identityType)
        {
            Roles = roles is null ? "" : string.Join(' ', roles),
            Scopes = scopes ?? "",
            MultiFactor = multiFactor,
        };
    }
}

