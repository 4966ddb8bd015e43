using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>Client credentials with a certificate client assertion (<c>private_key_jwt</c>), as MSAL.NET's <c>WithCertificate</c> sends it.</summary>
[Collection(SignInCollection.Name)]
public sealed class CertificateSignInTests(SignInEmulatorFixture fixture)
{
    private const string AppId = SignInEmulatorFixture.CertificateAppId;

    private EmulatorProcess Emulator => fixture.Emulator;

    [Fact]
    public async Task An_MSAL_shaped_PS256_assertion_gets_an_app_only_token_marked_as_certificate_authenticated()
    {
        var assertion = ClientAssertions.Create(fixture.Certificate, AppId, fixture.TokenEndpoint);
        using var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, ClientAssertions.ClientCredentialsForm(AppId, assertion));

        var token = await AccessTokenAsync(response);
        var claims = ClientAssertions.Claims(token);
        Assert.Equal(AppId, claims.GetProperty("appid").GetString());
        Assert.Equal("2", claims.GetProperty("appidacr").GetString());
        Assert.Equal("app", claims.GetProperty("idtyp").GetString());
        using var invoices = await Emulator.GetAsync("v1/invoices?size=1", token);
        Assert.Equal(HttpStatusCode.OK, invoices.StatusCode);
    }

    [Theory]
    [InlineData("RS256", "{base}/{tenantId}/v2.0", true)]
    [InlineData("RS256", "{base}/{tenant}/oauth2/v2.0/token/", false)]
    [InlineData("PS256", "https://localhost:{port}/{tenantId}/oauth2/v2.0/token", false)]
    [InlineData("PS256", "{base}/{tenant}/v2.0/", true)]
    public async Task RS256_and_PS256_with_any_of_the_accepted_audiences_and_time_formats_sign_in(string algorithm, string audience, bool numericTimes)
    {
        var aud = audience.Replace("{base}", Emulator.BaseUrl).Replace("{port}", new Uri(Emulator.BaseUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("{tenantId}", EmulatorProcess.TenantId).Replace("{tenant}", EmulatorProcess.TenantName);
        var assertion = ClientAssertions.Create(fixture.Certificate, AppId, aud, algorithm, numericTimes: numericTimes);
        using var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantId, ClientAssertions.ClientCredentialsForm(AppId, assertion));
        await AccessTokenAsync(response);
    }

    [Fact]
    public async Task An_assertion_without_a_thumbprint_header_is_checked_against_the_registered_certificate()
    {
        var assertion = ClientAssertions.Create(fixture.Certificate, AppId, fixture.TokenEndpoint, "RS256", thumbprint: false);
        using var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, ClientAssertions.ClientCredentialsForm(AppId, assertion));
        await AccessTokenAsync(response);
    }

    [Fact]
    public async Task An_app_with_a_secret_and_a_certificate_signs_in_with_either()
    {
        var assertion = ClientAssertions.Create(fixture.DefaultAppCertificate, EmulatorProcess.ApplicationId, fixture.TokenEndpoint);
        using (var withCertificate = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, ClientAssertions.ClientCredentialsForm(EmulatorProcess.ApplicationId, assertion)))
            await AccessTokenAsync(withCertificate);
        var secretToken = await Emulator.GetTokenAsync();
        Assert.Equal("1", ClientAssertions.Claims(secretToken).GetProperty("appidacr").GetString());
    }

    [Fact]
    public async Task A_certificate_given_in_DER_form_on_the_command_line_works()
    {
        var assertion = ClientAssertions.Create(fixture.DerCertificate, SignInEmulatorFixture.DerCertificateAppId, fixture.TokenEndpoint);
        using var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName,
            ClientAssertions.ClientCredentialsForm(SignInEmulatorFixture.DerCertificateAppId, assertion));
        await AccessTokenAsync(response);
    }

    [Fact]
    public async Task An_assertion_signed_with_an_unregistered_certificate_is_401_invalid_client_AADSTS700027()
    {
        using var stranger = ClientAssertions.CreateCertificate("CN=stranger");
        var assertion = ClientAssertions.Create(stranger, AppId, fixture.TokenEndpoint);
        using (var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, ClientAssertions.ClientCredentialsForm(AppId, assertion)))
        {
            var body = await EntraErrorAssert.IsAsync(response, HttpStatusCode.Unauthorized, "invalid_client", 700027);
            Assert.Contains("not registered", body.GetProperty("error_description").GetString());
        }

        // Without a thumbprint to look up, the signature simply does not verify.
        var unnamed = ClientAssertions.Create(stranger, AppId, fixture.TokenEndpoint, thumbprint: false);
        using (var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, ClientAssertions.ClientCredentialsForm(AppId, unnamed)))
            await EntraErrorAssert.IsAsync(response, HttpStatusCode.Unauthorized, "invalid_client", 700027);

        // Another app's registered certificate does not sign for this one.
        var otherApps = ClientAssertions.Create(fixture.DefaultAppCertificate, AppId, fixture.TokenEndpoint);
        using (var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, ClientAssertions.ClientCredentialsForm(AppId, otherApps)))
            await EntraErrorAssert.IsAsync(response, HttpStatusCode.Unauthorized, "invalid_client", 700027);
    }

    [Fact]
    public async Task An_edited_assertion_fails_its_signature()
    {
        var parts = ClientAssertions.Create(fixture.Certificate, AppId, fixture.TokenEndpoint).Split('.');
        var claims = ClientAssertions.Claims(string.Join('.', parts));
        var edited = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(
            claims.GetRawText().Replace(claims.GetProperty("jti").GetString()!, Guid.NewGuid().ToString())));
        using var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName,
            ClientAssertions.ClientCredentialsForm(AppId, $"{parts[0]}.{edited}.{parts[2]}"));
        await EntraErrorAssert.IsAsync(response, HttpStatusCode.Unauthorized, "invalid_client", 700027);
    }

    [Theory]
    [InlineData("https://127.0.0.1:1/contoso.onmicrosoft.com/oauth2/v2.0/token")]
    [InlineData("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token")]
    [InlineData("{base}/nobody.onmicrosoft.com/oauth2/v2.0/token")]
    [InlineData("{base}/contoso.onmicrosoft.com/oauth2/v2.0/authorize")]
    [InlineData("https://api.partnercenter.microsoft.com")]
    public async Task An_assertion_for_another_audience_is_401_AADSTS700023(string audience)
    {
        var assertion = ClientAssertions.Create(fixture.Certificate, AppId, audience.Replace("{base}", Emulator.BaseUrl));
        using var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, ClientAssertions.ClientCredentialsForm(AppId, assertion));
        await EntraErrorAssert.IsAsync(response, HttpStatusCode.Unauthorized, "invalid_client", 700023);
    }

    [Fact]
    public async Task An_assertion_issued_by_another_client_is_401_AADSTS700021()
    {
        var assertion = ClientAssertions.Create(fixture.Certificate, AppId, fixture.TokenEndpoint, issuer: EmulatorProcess.ApplicationId);
        using var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, ClientAssertions.ClientCredentialsForm(AppId, assertion));
        await EntraErrorAssert.IsAsync(response, HttpStatusCode.Unauthorized, "invalid_client", 700021);
    }

    [Theory]
    [InlineData(-20, -10)]
    [InlineData(10, 20)]
    public async Task An_assertion_outside_its_valid_time_beyond_five_minutes_of_skew_is_401_AADSTS700024(int notBeforeMinutes, int expiresMinutes)
    {
        var now = DateTimeOffset.UtcNow;
        var assertion = ClientAssertions.Create(fixture.Certificate, AppId, fixture.TokenEndpoint,
            notBefore: now.AddMinutes(notBeforeMinutes), expires: now.AddMinutes(expiresMinutes));
        using var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, ClientAssertions.ClientCredentialsForm(AppId, assertion));
        await EntraErrorAssert.IsAsync(response, HttpStatusCode.Unauthorized, "invalid_client", 700024);
    }

    [Fact]
    public async Task Clock_skew_of_a_few_minutes_is_tolerated()
    {
        var now = DateTimeOffset.UtcNow;
        var justExpired = ClientAssertions.Create(fixture.Certificate, AppId, fixture.TokenEndpoint, notBefore: now.AddMinutes(-12), expires: now.AddMinutes(-2));
        using (var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, ClientAssertions.ClientCredentialsForm(AppId, justExpired)))
            await AccessTokenAsync(response);
        var early = ClientAssertions.Create(fixture.Certificate, AppId, fixture.TokenEndpoint, notBefore: now.AddMinutes(3), expires: now.AddMinutes(13));
        using (var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, ClientAssertions.ClientCredentialsForm(AppId, early)))
            await AccessTokenAsync(response);
    }

    [Fact]
    public async Task A_malformed_assertion_is_401_AADSTS50027()
    {
        foreach (var assertion in new[]
        {
            "not-a-jwt",
            "a.b.c",
            ClientAssertions.Create(fixture.Certificate, AppId, fixture.TokenEndpoint, withJti: false),
            ClientAssertions.Create(fixture.Certificate, AppId, fixture.TokenEndpoint, algorithm: "HS256"),
        })
        {
            using var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, ClientAssertions.ClientCredentialsForm(AppId, assertion));
            await EntraErrorAssert.IsAsync(response, HttpStatusCode.Unauthorized, "invalid_client", 50027);
        }
    }

    [Fact]
    public async Task Another_assertion_type_is_400_invalid_request()
    {
        var form = ClientAssertions.ClientCredentialsForm(AppId, ClientAssertions.Create(fixture.Certificate, AppId, fixture.TokenEndpoint));
        form["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:saml2-bearer";
        using var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, form);
        await EntraErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid_request", 50027);
    }

    [Fact]
    public async Task A_certificate_only_app_needs_its_assertion()
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = AppId,
            ["scope"] = "https://api.partnercenter.microsoft.com/.default",
        };
        using (var none = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, form))
            await EntraErrorAssert.IsAsync(none, HttpStatusCode.Unauthorized, "invalid_client", 7000218);
        form["client_secret"] = "guess";
        using (var secret = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, form))
            await EntraErrorAssert.IsAsync(secret, HttpStatusCode.Unauthorized, "invalid_client", 7000215);
    }

    [Fact]
    public async Task An_app_registered_at_run_time_with_a_certificate_signs_in_with_it()
    {
        var clientId = Guid.NewGuid().ToString();
        using var certificate = ClientAssertions.CreateCertificate("CN=run-time app");
        using (var registered = await Emulator.Client.PostAsJsonAsync("_emulator/apps", new { clientId, certificatePem = certificate.ExportCertificatePem() }))
        {
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
            using var body = JsonDocument.Parse(await registered.Content.ReadAsStringAsync());
            Assert.Equal(clientId, body.RootElement.GetProperty("clientId").GetString());
            Assert.False(body.RootElement.GetProperty("hasSecret").GetBoolean());
            Assert.Equal(certificate.Thumbprint, Assert.Single(body.RootElement.GetProperty("certificateThumbprints").EnumerateArray()).GetString());
            Assert.False(body.RootElement.GetProperty("public").GetBoolean());
        }

        var assertion = ClientAssertions.Create(certificate, clientId, fixture.TokenEndpoint);
        using (var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, ClientAssertions.ClientCredentialsForm(clientId, assertion)))
            await AccessTokenAsync(response);

        // Registering again replaces the app: now it has a secret and no certificate.
        (await Emulator.Client.PostAsJsonAsync("_emulator/apps", new { clientId, secret = "run-time-secret" })).Dispose();
        using (var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName,
            ClientAssertions.ClientCredentialsForm(clientId, ClientAssertions.Create(certificate, clientId, fixture.TokenEndpoint))))
            await EntraErrorAssert.IsAsync(response, HttpStatusCode.Unauthorized, "invalid_client", 700027);
        using (var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = "run-time-secret",
            ["scope"] = "https://api.partnercenter.microsoft.com/.default",
        }))
            await AccessTokenAsync(response);
    }

    [Theory]
    [InlineData("""{"secret":"s"}""")]
    [InlineData("""{"clientId":"x"}""")]
    [InlineData("""{"clientId":"x","certificatePem":"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"}""")]
    [InlineData("""{"clientId":"x","secret":""}""")]
    [InlineData("""{"clientId":"x","secret":"s","colour":"red"}""")]
    [InlineData("[]")]
    public async Task A_bad_app_registration_is_refused(string body)
    {
        using var response = await Emulator.Client.PostAsync("_emulator/apps", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<string> AccessTokenAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        using var body = JsonDocument.Parse(text);
        Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }
}

[CollectionDefinition(Name)]
public sealed class SignInCollection : ICollectionFixture<SignInEmulatorFixture>
{
    public const string Name = "Sign-in emulator";
}
