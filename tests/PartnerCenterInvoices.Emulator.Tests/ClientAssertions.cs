using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>Test certificates and client assertions built by hand, shaped as MSAL.NET 4.92 builds them.</summary>
/// <remarks>
/// MSAL's <c>WithCertificate</c> assertion: header <c>{"alg":"PS256","typ":"JWT","x5t#S256":…}</c> for an Entra ID-style
/// authority (RS256 and <c>x5t</c> for a generic OIDC one); payload <c>{"aud","iss","sub","nbf","exp","jti"}</c> with
/// <c>nbf</c> and <c>exp</c> written as strings, <c>aud</c> the token endpoint.
/// </remarks>
public static class ClientAssertions
{
    public static X509Certificate2 CreateCertificate(string subject = "CN=PartnerCenterInvoices test app")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
    }

    public static string Create(X509Certificate2 certificate, string clientId, string audience, string algorithm = "PS256",
        DateTimeOffset? notBefore = null, DateTimeOffset? expires = null, bool numericTimes = false, bool withJti = true,
        string? issuer = null, bool thumbprint = true)
    {
        var now = DateTimeOffset.UtcNow;
        var header = new Dictionary<string, object> { ["alg"] = algorithm, ["typ"] = "JWT" };
        if (thumbprint)
        {
            if (algorithm == "PS256") header["x5t#S256"] = Base64Url.EncodeToString(certificate.GetCertHash(HashAlgorithmName.SHA256));
            else header["x5t"] = Base64Url.EncodeToString(certificate.GetCertHash());
        }
        var nbf = (notBefore ?? now).ToUnixTimeSeconds();
        var exp = (expires ?? now.AddMinutes(10)).ToUnixTimeSeconds();
        var claims = new Dictionary<string, object>
        {
            ["aud"] = audience,
            ["iss"] = issuer ?? clientId,
            ["sub"] = clientId,
            ["nbf"] = numericTimes ? nbf : nbf.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["exp"] = numericTimes ? exp : exp.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (withJti) claims["jti"] = Guid.NewGuid().ToString();

        var signingInput = Encode(header) + "." + Encode(claims);
        using var key = certificate.GetRSAPrivateKey()!;
        var signature = algorithm == "HS256"
            ? HMACSHA256.HashData(new byte[32], Encoding.ASCII.GetBytes(signingInput))
            : key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256,
                algorithm == "PS256" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    public static Dictionary<string, string> ClientCredentialsForm(string clientId, string assertion) => new()
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["scope"] = "https://api.partnercenter.microsoft.com/.default",
        ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        ["client_assertion"] = assertion,
    };

    /// <summary>The claims of a JWT (signed or not), for inspection.</summary>
    public static JsonElement Claims(string jwt) => Part(jwt, 1);

    public static JsonElement Header(string jwt) => Part(jwt, 0);

    private static JsonElement Part(string jwt, int index)
    {
        using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.Split('.')[index]));
        return document.RootElement.Clone();
    }

    private static string Encode(Dictionary<string, object> values) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(values));
}
