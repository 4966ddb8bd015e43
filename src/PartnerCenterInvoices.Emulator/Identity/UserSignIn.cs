using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>The token response of an App+User sign-in (refresh token or device code), shaped for MSAL to cache an account.</summary>
/// <remarks>
/// MSAL needs, beside the access token: a <c>refresh_token</c> (else ArgumentNullException), an <c>id_token</c>
/// (else no account is cached and silent calls find nothing) and <c>client_info</c> (base64url of
/// <c>{"uid","utid"}</c>, its home account id). The id token is an unsigned JWT (<c>alg: none</c>), which MSAL
/// accepts: it does not validate id tokens. The response's <c>scope</c> echoes the resource scope asked for,
/// <c>/.default</c> included, so MSAL's cache finds the token again under the scope it asked with.
/// A Graph sign-in gets <c>scp: PartnerBilling.Read.All</c>, or, for an app <c>--no-graph-consent</c> names,
/// Entra ID's consent error (AADSTS65001) instead of tokens.
/// </remarks>
internal sealed class UserSignIn(AccessTokenIssuer issuer, RefreshTokens refreshTokens, TenantDirectory tenants, EmulatorAddress address,
    TimeProvider time, TimeSpan tokenLifetime, GraphPermission graph)
{
    private const int IdTokenLifetimeSeconds = 3600;
    private static readonly string IdTokenHeader = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8);

    public TokenGrantOutcome Issue(RegisteredApplication application, ClientCredentialKind credential, UserAccount user, UserScope scope, bool multiFactor = true)
    {
        string? permission = null;
        if (GraphPermission.IsGraph(scope.Resource))
        {
            if (!graph.IsConsented(application.ClientId)) return EntraError.ConsentRequired(application.ClientId, GraphPermission.PartnerBillingReadAll);
            permission = GraphPermission.PartnerBillingReadAll;
        }
        var accessToken = issuer.Issue(application.ClientId, scope.Resource, tokenLifetime, credential, user, permission, multiFactor);
        return new IssuedTokens(accessToken, (int)tokenLifetime.TotalSeconds)
        {
            Scope = scope.RequestedScope,
            RefreshToken = refreshTokens.Issue(user.UserPrincipalName, application.ClientId, RefreshTokens.DefaultLifetime, multiFactor),
            IdToken = IdToken(application.ClientId, user),
            ClientInfo = ClientInfo(user),
        };
    }

    private string IdToken(string clientId, UserAccount user)
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var payload = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            writer.WriteString("aud", clientId);
            writer.WriteString("iss", $"{address.BaseUrl}/{tenants.TenantId}/v2.0");
            writer.WriteNumber("iat", now);
            writer.WriteNumber("nbf", now);
            writer.WriteNumber("exp", now + IdTokenLifetimeSeconds);
            writer.WriteString("name", user.DisplayName);
            writer.WriteString("oid", user.ObjectId.ToString());
            writer.WriteString("preferred_username", user.UserPrincipalName);
            // Pairwise, as Entra ID's v2.0 sub: the same user has another sub in another app.
            writer.WriteString("sub", Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes($"{user.ObjectId}|{clientId.ToLowerInvariant()}"))));
            writer.WriteString("tid", tenants.TenantId.ToString());
            writer.WriteString("ver", "2.0");
            writer.WriteEndObject();
        }
        // An unsecured JWT: header, payload and an empty signature.
        return IdTokenHeader + "." + Base64Url.EncodeToString(payload.WrittenSpan) + ".";
    }

    private string ClientInfo(UserAccount user)
    {
        var info = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(info))
        {
            writer.WriteStartObject();
            writer.WriteString("uid", user.ObjectId.ToString());
            writer.WriteString("utid", tenants.TenantId.ToString());
            writer.WriteEndObject();
        }
        return Base64Url.EncodeToString(info.WrittenSpan);
    }
}
