using System.Net;
using System.Text;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

[Collection(EmulatorCollection.Name)]
public sealed class TokenEndpointTests(EmulatorFixture fixture)
{
    private const string Scope = "https://api.partnercenter.microsoft.com/.default";

    private static Dictionary<string, string> ClientCredentials(string clientId = EmulatorProcess.ApplicationId,
        string? secret = EmulatorProcess.ClientSecret, string scope = Scope)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["scope"] = scope };
        if (secret is not null) form["client_secret"] = secret;
        return form;
    }

    [Theory]
    [InlineData(EmulatorProcess.TenantName)]
    [InlineData(EmulatorProcess.TenantId)]
    [InlineData("CONTOSO.onmicrosoft.com")]
    public async Task Client_credentials_get_an_app_only_bearer_token_for_partner_center(string tenant)
    {
        using var response = await fixture.Main.RequestTokenAsync(tenant, ClientCredentials());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.RootElement.GetProperty("expires_in").GetInt32());
        Assert.Equal(3600, body.RootElement.GetProperty("ext_expires_in").GetInt32());

        var token = body.RootElement.GetProperty("access_token").GetString()!;
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        using var header = JsonDocument.Parse(Base64UrlDecode(parts[0]));
        Assert.Equal("HS256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.RootElement.GetProperty("typ").GetString());
        using var claims = JsonDocument.Parse(Base64UrlDecode(parts[1]));
        var root = claims.RootElement;
        Assert.Equal("https://api.partnercenter.microsoft.com", root.GetProperty("aud").GetString());
        Assert.Equal(EmulatorProcess.TenantId, root.GetProperty("tid").GetString());
        Assert.Equal(EmulatorProcess.ApplicationId, root.GetProperty("appid").GetString());
        Assert.Equal("app", root.GetProperty("idtyp").GetString());
        Assert.Contains(EmulatorProcess.TenantId, root.GetProperty("iss").GetString());
        Assert.True(Guid.TryParse(root.GetProperty("jti").GetString(), out _));
        var issuedAt = root.GetProperty("iat").GetInt64();
        Assert.Equal(issuedAt, root.GetProperty("nbf").GetInt64());
        Assert.Equal(issuedAt + 3600, root.GetProperty("exp").GetInt64());
        Assert.InRange(issuedAt, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60);

        using var invoices = await fixture.Main.GetAsync("v1/invoices?size=1", token);
        Assert.Equal(HttpStatusCode.OK, invoices.StatusCode);
    }

    [Fact]
    public async Task A_wrong_secret_is_401_invalid_client_and_the_secret_is_not_echoed()
    {
        using var response = await fixture.Main.RequestTokenAsync(EmulatorProcess.TenantName, ClientCredentials(secret: "not-the-secret-42"));
        var body = await EntraErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", 7000215);
        Assert.DoesNotContain("not-the-secret-42", body.GetRawText());
    }

    [Fact]
    public async Task A_missing_secret_is_401_invalid_client()
    {
        using var response = await fixture.Main.RequestTokenAsync(EmulatorProcess.TenantName, ClientCredentials(secret: null));
        await EntraErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", 7000218);
    }

    [Fact]
    public async Task An_unknown_client_is_400_unauthorized_client()
    {
        const string unknown = "99999999-9999-9999-9999-999999999999";
        using var response = await fixture.Main.RequestTokenAsync(EmulatorProcess.TenantName, ClientCredentials(clientId: unknown));
        var body = await EntraErrorAsync(response, HttpStatusCode.BadRequest, "unauthorized_client", 700016);
        Assert.Contains(unknown, body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task An_unknown_tenant_is_400_invalid_request_naming_the_tenant()
    {
        using var response = await fixture.Main.RequestTokenAsync("nobody.onmicrosoft.com", ClientCredentials());
        var body = await EntraErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", 90002);
        Assert.Contains("nobody.onmicrosoft.com", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task The_common_endpoints_are_not_the_partner_tenant()
    {
        using var response = await fixture.Main.RequestTokenAsync("organizations", ClientCredentials());
        await EntraErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", 90002);
    }

    [Fact]
    public async Task An_unsupported_grant_type_is_400_unsupported_grant_type()
    {
        var form = ClientCredentials();
        form["grant_type"] = "password";
        using var response = await fixture.Main.RequestTokenAsync(EmulatorProcess.TenantName, form);
        await EntraErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type", 70003);
    }

    [Fact]
    public async Task A_missing_grant_type_is_400_invalid_request()
    {
        var form = ClientCredentials();
        form.Remove("grant_type");
        using var response = await fixture.Main.RequestTokenAsync(EmulatorProcess.TenantName, form);
        await EntraErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", 900144);
    }

    [Theory]
    [InlineData("application/json", "{\"grant_type\":\"client_credentials\"}")]
    [InlineData("multipart/form-data", "grant_type=client_credentials")]
    public async Task A_body_that_is_not_a_form_is_400_invalid_request(string contentType, string body)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await fixture.Main.Client.PostAsync($"{EmulatorProcess.TenantName}/oauth2/v2.0/token", content);
        await EntraErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", 900144);
    }

    [Theory]
    [InlineData("https://api.partnercenter.microsoft.com/user_impersonation")]
    [InlineData("https://api.partnercenter.microsoft.com/.default https://graph.microsoft.com/.default")]
    public async Task A_scope_that_is_not_one_resource_slash_default_is_400_invalid_scope(string scope)
    {
        using var response = await fixture.Main.RequestTokenAsync(EmulatorProcess.TenantName, ClientCredentials(scope: scope));
        await EntraErrorAsync(response, HttpStatusCode.BadRequest, "invalid_scope", 1002012);
    }

    [Fact]
    public async Task A_token_for_another_resource_is_refused_by_the_invoice_api()
    {
        using var response = await fixture.Main.RequestTokenAsync(EmulatorProcess.TenantName, ClientCredentials(scope: "https://graph.windows.net/.default"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = body.RootElement.GetProperty("access_token").GetString();

        using var invoices = await fixture.Main.GetAsync("v1/invoices", token);
        await ServiceErrorAssert.IsAsync(invoices, HttpStatusCode.Unauthorized, "api.partnercenter.microsoft.com");
    }

    [Fact]
    public async Task The_client_request_id_comes_back_as_the_correlation_id()
    {
        var correlation = Guid.NewGuid().ToString();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{EmulatorProcess.TenantName}/oauth2/v2.0/token")
        {
            Content = new FormUrlEncodedContent(ClientCredentials(secret: "wrong")),
        };
        request.Headers.Add("client-request-id", correlation);
        using var response = await fixture.Main.Client.SendAsync(request);
        var body = await EntraErrorAsync(response, HttpStatusCode.Unauthorized, "invalid_client", 7000215);
        Assert.Equal(correlation, body.GetProperty("correlation_id").GetString());
        Assert.Equal(correlation, response.Headers.GetValues("client-request-id").Single());
    }

    [Fact]
    public async Task OpenId_configuration_points_at_the_emulator()
    {
        using var response = await fixture.Main.Client.GetAsync($"{EmulatorProcess.TenantName}/v2.0/.well-known/openid-configuration");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        var tenantRoot = $"{fixture.Main.BaseUrl}/{EmulatorProcess.TenantId}";
        Assert.Equal($"{tenantRoot}/v2.0", root.GetProperty("issuer").GetString());
        Assert.Equal($"{tenantRoot}/oauth2/v2.0/token", root.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{tenantRoot}/oauth2/v2.0/authorize", root.GetProperty("authorization_endpoint").GetString());
        Assert.Equal($"{tenantRoot}/oauth2/v2.0/devicecode", root.GetProperty("device_authorization_endpoint").GetString());

        using var keys = await fixture.Main.Client.GetAsync(new Uri(root.GetProperty("jwks_uri").GetString()!));
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);

        using var unknown = await fixture.Main.Client.GetAsync("nobody.onmicrosoft.com/v2.0/.well-known/openid-configuration");
        await EntraErrorAsync(unknown, HttpStatusCode.BadRequest, "invalid_request", 90002);
    }

    private static Task<JsonElement> EntraErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error, int code) =>
        EntraErrorAssert.IsAsync(response, status, error, code);

    private static string Base64UrlDecode(string text) =>
        Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(text));
}
