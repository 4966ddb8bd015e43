namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>
/// <c>GET /{tenant}/v2.0/.well-known/openid-configuration</c> and the <c>jwks_uri</c> it names, pointing
/// every endpoint at this emulator.
/// </summary>
/// <remarks>
/// MSAL with <c>WithAuthority</c> does not read it; <c>WithOidcAuthority</c> and other OIDC clients do.
/// Endpoints the emulator does not serve (authorize, logout, userinfo) are listed anyway, as Entra ID
/// lists them, so a client's discovery parsing can be tested.
/// </remarks>
internal sealed class OpenIdConfiguration(TenantDirectory tenants, EmulatorAddress address, TimeProvider time)
{
    public async Task HandleAsync(HttpContext context)
    {
        var tenant = (string?)context.Request.RouteValues["tenant"] ?? "";
        if (!tenants.IsKnown(tenant))
        {
            await EntraError.TenantNotFound(tenant).WriteAsync(context, Guid.NewGuid(), time.GetUtcNow()).ConfigureAwait(false);
            return;
        }

        var root = $"{address.BaseUrl}/{tenants.TenantId}";
        var writer = JsonResponse.Start(context.Response, StatusCodes.Status200OK);
        writer.WriteStartObject();
        writer.WriteString("issuer", $"{root}/v2.0");
        writer.WriteString("authorization_endpoint", $"{root}/oauth2/v2.0/authorize");
        writer.WriteString("token_endpoint", $"{root}/oauth2/v2.0/token");
        writer.WriteString("device_authorization_endpoint", $"{root}/oauth2/v2.0/devicecode");
        writer.WriteString("end_session_endpoint", $"{root}/oauth2/v2.0/logout");
        writer.WriteString("jwks_uri", $"{address.BaseUrl}/{tenants.TenantId}/discovery/v2.0/keys");
        writer.WriteString("userinfo_endpoint", $"{address.BaseUrl}/oidc/userinfo");
        WriteArray(writer, "token_endpoint_auth_methods_supported", "client_secret_post", "private_key_jwt", "client_secret_basic");
        WriteArray(writer, "response_modes_supported", "query", "fragment", "form_post");
        WriteArray(writer, "response_types_supported", "code", "id_token", "code id_token", "id_token token");
        WriteArray(writer, "scopes_supported", "openid", "profile", "email", "offline_access");
        WriteArray(writer, "subject_types_supported", "pairwise");
        WriteArray(writer, "id_token_signing_alg_values_supported", "RS256");
        WriteArray(writer, "claims_supported", "sub", "iss", "aud", "exp", "iat", "nbf", "tid", "oid", "preferred_username", "name");
        writer.WriteBoolean("request_uri_parameter_supported", false);
        writer.WriteBoolean("http_logout_supported", true);
        writer.WriteBoolean("frontchannel_logout_supported", true);
        writer.WriteString("tenant_region_scope", "NA");
        writer.WriteString("cloud_instance_name", "partnercenter.emulator");
        writer.WriteString("cloud_graph_host_name", "graph.windows.net");
        writer.WriteString("msgraph_host", "graph.microsoft.com");
        writer.WriteString("rbac_url", "https://pas.windows.net");
        writer.WriteEndObject();
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    // Access tokens are signed with a symmetric key that never leaves the emulator, so there is no public key to publish.
    public async Task HandleKeysAsync(HttpContext context)
    {
        var writer = JsonResponse.Start(context.Response, StatusCodes.Status200OK);
        writer.WriteStartObject();
        writer.WriteStartArray("keys");
        writer.WriteEndArray();
        writer.WriteEndObject();
        await JsonResponse.FinishAsync(context.Response, writer, context.RequestAborted).ConfigureAwait(false);
    }

    private static void WriteArray(System.Text.Json.Utf8JsonWriter writer, string name, params string[] values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }
}
