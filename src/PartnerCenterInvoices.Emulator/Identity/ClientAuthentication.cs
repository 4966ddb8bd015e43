using System.Diagnostics.CodeAnalysis;

namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>Authenticates the client behind a token request, the way Entra ID orders its checks.</summary>
/// <remarks>
/// The client id is looked up first (an unknown one is 400 unauthorized_client), then its credential: a
/// certificate client assertion, a client secret, or, where the grant allows it and the app is a public
/// client, none at all. A missing or wrong credential is 401 invalid_client.
/// </remarks>
internal sealed class ClientAuthentication(ApplicationDirectory applications, ClientAssertionValidator assertions)
{
    /// <param name="allowPublicClient">Whether an app registered as a public client may send no credential (device code, refresh token).</param>
    public bool TryAuthenticate(TokenRequest request, bool allowPublicClient, [NotNullWhen(true)] out RegisteredApplication? application,
        out ClientCredentialKind credential, [NotNullWhen(false)] out EntraError? error)
    {
        application = null;
        credential = ClientCredentialKind.None;
        var clientId = request.Parameter("client_id");
        if (clientId is null)
        {
            error = EntraError.MissingParameter("client_id");
            return false;
        }

        var registered = applications.Find(clientId);
        if (registered is null)
        {
            error = EntraError.ApplicationNotFound(clientId, request.Tenant);
            return false;
        }

        var assertion = request.Parameter("client_assertion");
        var secret = request.Parameter("client_secret");
        if (assertion is not null)
        {
            // MSAL never sends both; when a client does, the assertion is what Entra ID checks.
            var type = request.Parameter("client_assertion_type") ?? "";
            error = type == ClientAssertionValidator.JwtBearerAssertionType
                ? assertions.Validate(assertion, registered)
                : EntraError.InvalidAssertionType(type);
            if (error is not null) return false;
            credential = ClientCredentialKind.Certificate;
        }
        else if (secret is not null)
        {
            if (!registered.HasSecret(secret))
            {
                error = EntraError.InvalidClientSecret(registered.ClientId);
                return false;
            }
            credential = ClientCredentialKind.Secret;
        }
        else if (!(allowPublicClient && registered.IsPublicClient))
        {
            error = EntraError.MissingClientCredential();
            return false;
        }

        application = registered;
        error = null;
        return true;
    }
}
