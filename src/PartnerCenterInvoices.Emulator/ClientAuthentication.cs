using System.Diagnostics.CodeAnalysis;

namespace PartnerCenterInvoices.Emulator;

/// <summary>Authenticates the confidential client behind a token request, the way Entra ID orders its checks.</summary>
/// <remarks>
/// The client id is looked up first (an unknown one is 400 unauthorized_client), then its credential
/// (a missing or wrong one is 401 invalid_client). A certificate-based <c>client_assertion</c> would
/// be a second credential kind checked here, beside the secret.
/// </remarks>
internal sealed class ClientAuthentication(ApplicationDirectory applications)
{
    public bool TryAuthenticate(TokenRequest request,
        [NotNullWhen(true)] out RegisteredApplication? application, [NotNullWhen(false)] out EntraError? error)
    {
        application = null;
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

        var secret = request.Parameter("client_secret");
        if (secret is null)
        {
            error = EntraError.MissingClientCredential();
            return false;
        }
        if (!registered.HasSecret(secret))
        {
            error = EntraError.InvalidClientSecret(registered.ClientId);
            return false;
        }

        application = registered;
        error = null;
        return true;
    }
}
