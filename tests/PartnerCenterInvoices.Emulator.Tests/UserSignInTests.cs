using System.Buffers.Text;
using System.Net;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>App+User sign-in: the refresh token grant (Secure Application Model) and the device code flow.</summary>
[Collection(SignInCollection.Name)]
public sealed class UserSignInTests(SignInEmulatorFixture fixture)
{
    private const string User = "admin@contoso.onmicrosoft.com";

    private EmulatorProcess Emulator => fixture.Emulator;

    private static Dictionary<string, string> RefreshForm(string refreshToken, string clientId = EmulatorProcess.ApplicationId,
        string? secret = EmulatorProcess.ClientSecret, string scope = SignInEmulatorFixture.UserScope)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = clientId,
            ["refresh_token"] = refreshToken,
            ["scope"] = scope,
            ["client_info"] = "1",
        };
        if (secret is not null) form["client_secret"] = secret;
        return form;
    }

    [Fact]
    public async Task A_refresh_token_and_the_app_secret_get_a_user_token_a_new_refresh_token_an_id_token_and_client_info()
    {
        var refreshToken = await fixture.MintRefreshTokenAsync(User, lifetimeDays: 90);
        using var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, RefreshForm(refreshToken));
        var body = await TokensAsync(response);

        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(3600, body.GetProperty("expires_in").GetInt32());
        Assert.Equal("https://api.partnercenter.microsoft.com/user_impersonation", body.GetProperty("scope").GetString());

        var access = ClientAssertions.Claims(body.GetProperty("access_token").GetString()!);
        Assert.Equal("user", access.GetProperty("idtyp").GetString());
        Assert.Equal("user_impersonation", access.GetProperty("scp").GetString());
        Assert.Equal(User, access.GetProperty("upn").GetString());
        Assert.Equal("1", access.GetProperty("appidacr").GetString());
        Assert.Equal(EmulatorProcess.ApplicationId, access.GetProperty("appid").GetString());
        Assert.Equal("https://api.partnercenter.microsoft.com", access.GetProperty("aud").GetString());
        var oid = access.GetProperty("oid").GetString()!;
        Assert.True(Guid.TryParse(oid, out _));

        var rotated = body.GetProperty("refresh_token").GetString()!;
        Assert.NotEqual(refreshToken, rotated);

        var idToken = body.GetProperty("id_token").GetString()!;
        Assert.EndsWith(".", idToken);
        Assert.Equal("none", ClientAssertions.Header(idToken).GetProperty("alg").GetString());
        var id = ClientAssertions.Claims(idToken);
        Assert.Equal(oid, id.GetProperty("oid").GetString());
        Assert.Equal(EmulatorProcess.TenantId, id.GetProperty("tid").GetString());
        Assert.Equal(User, id.GetProperty("preferred_username").GetString());
        Assert.Equal(EmulatorProcess.ApplicationId, id.GetProperty("aud").GetString());
        Assert.Equal($"{Emulator.BaseUrl}/{EmulatorProcess.TenantId}/v2.0", id.GetProperty("iss").GetString());
        Assert.Equal("2.0", id.GetProperty("ver").GetString());
        Assert.False(string.IsNullOrEmpty(id.GetProperty("sub").GetString()));
        Assert.True(id.GetProperty("exp").GetInt64() > id.GetProperty("iat").GetInt64());

        using var clientInfo = JsonDocument.Parse(Base64Url.DecodeFromChars(body.GetProperty("client_info").GetString()!));
        Assert.Equal(oid, clientInfo.RootElement.GetProperty("uid").GetString());
        Assert.Equal(EmulatorProcess.TenantId, clientInfo.RootElement.GetProperty("utid").GetString());

        // The rotated token works, and so does the redeemed one: Entra ID does not revoke it on use.
        using (var again = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, RefreshForm(rotated)))
            await TokensAsync(again);
        using (var old = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, RefreshForm(refreshToken)))
            Assert.Equal(oid, ClientAssertions.Claims((await TokensAsync(old)).GetProperty("access_token").GetString()!).GetProperty("oid").GetString());

        var log = Emulator.StandardError;
        Assert.Contains("/oauth2/v2.0/token -> 200", log);
        foreach (var secret in new[] { refreshToken, rotated, body.GetProperty("access_token").GetString()!, idToken.Split('.')[1] })
            Assert.DoesNotContain(secret, log);
    }

    [Fact]
    public async Task The_same_user_has_the_same_object_id_and_another_user_another()
    {
        async Task<string> OidAsync(string user)
        {
            using var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, RefreshForm(await fixture.MintRefreshTokenAsync(user)));
            return ClientAssertions.Claims((await TokensAsync(response)).GetProperty("access_token").GetString()!).GetProperty("oid").GetString()!;
        }
        Assert.Equal(await OidAsync("billing@contoso.onmicrosoft.com"), await OidAsync("Billing@Contoso.onmicrosoft.com"));
        Assert.NotEqual(await OidAsync("billing@contoso.onmicrosoft.com"), await OidAsync("other@contoso.onmicrosoft.com"));
    }

    [Fact]
    public async Task A_public_client_redeems_without_credentials_and_a_certificate_app_with_its_assertion()
    {
        using (var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName,
            RefreshForm(await fixture.MintRefreshTokenAsync(), SignInEmulatorFixture.PublicAppId, secret: null)))
        {
            var access = ClientAssertions.Claims((await TokensAsync(response)).GetProperty("access_token").GetString()!);
            Assert.Equal("0", access.GetProperty("appidacr").GetString());
            Assert.Equal("admin@contoso.onmicrosoft.com", access.GetProperty("upn").GetString());
        }

        var form = RefreshForm(await fixture.MintRefreshTokenAsync(), SignInEmulatorFixture.CertificateAppId, secret: null);
        form["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
        form["client_assertion"] = ClientAssertions.Create(fixture.Certificate, SignInEmulatorFixture.CertificateAppId, fixture.TokenEndpoint);
        using (var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, form))
            Assert.Equal("2", ClientAssertions.Claims((await TokensAsync(response)).GetProperty("access_token").GetString()!).GetProperty("appidacr").GetString());
    }

    [Fact]
    public async Task A_confidential_app_must_authenticate_to_redeem()
    {
        var refreshToken = await fixture.MintRefreshTokenAsync();
        using (var none = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, RefreshForm(refreshToken, secret: null)))
            await EntraErrorAssert.IsAsync(none, HttpStatusCode.Unauthorized, "invalid_client", 7000218);
        using (var wrong = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, RefreshForm(refreshToken, secret: "wrong")))
            await EntraErrorAssert.IsAsync(wrong, HttpStatusCode.Unauthorized, "invalid_client", 7000215);
    }

    [Fact]
    public async Task An_expired_unknown_or_revoked_refresh_token_is_400_invalid_grant()
    {
        var expired = await fixture.MintRefreshTokenAsync(lifetimeDays: -1);
        using (var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, RefreshForm(expired)))
        {
            var body = await EntraErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid_grant", 700082);
            Assert.Contains("90 days", body.GetProperty("error_description").GetString());
        }

        var valid = await fixture.MintRefreshTokenAsync();
        foreach (var unknown in new[] { "0.not-a-refresh-token", valid[..^4] + (valid[^4] == 'A' ? "BBBB" : "AAAA"), valid + "x" })
            using (var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, RefreshForm(unknown)))
                await EntraErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid_grant", 9002313);

        using (var revoke = await Emulator.Client.PostAsync("_emulator/revoke-tokens?refreshTokens=true", null))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        using (var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, RefreshForm(valid)))
            await EntraErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid_grant", 50173);
        // Refresh tokens issued after the revocation work.
        using (var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, RefreshForm(await fixture.MintRefreshTokenAsync())))
            await TokensAsync(response);
    }

    [Fact]
    public async Task A_refresh_token_issued_to_one_client_cannot_be_redeemed_by_another()
    {
        var bound = await fixture.MintRefreshTokenAsync(clientId: SignInEmulatorFixture.PublicAppId);
        using (var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, RefreshForm(bound)))
            await EntraErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid_grant", 70000);

        // One a sign-in issued is bound to the app that signed in.
        using var first = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, RefreshForm(bound, SignInEmulatorFixture.PublicAppId, secret: null));
        var rotated = (await TokensAsync(first)).GetProperty("refresh_token").GetString()!;
        using (var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, RefreshForm(rotated)))
            await EntraErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid_grant", 70000);
    }

    [Theory]
    [InlineData("https://api.partnercenter.microsoft.com/.default offline_access openid profile", "https://api.partnercenter.microsoft.com/.default")]
    [InlineData("https://api.partnercenter.microsoft.com/user_impersonation", "https://api.partnercenter.microsoft.com/user_impersonation")]
    public async Task User_impersonation_and_dot_default_are_accepted_and_echoed(string scope, string echoed)
    {
        using var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, RefreshForm(await fixture.MintRefreshTokenAsync(), scope: scope));
        var body = await TokensAsync(response);
        Assert.Equal(echoed, body.GetProperty("scope").GetString());
        Assert.Equal("user_impersonation", ClientAssertions.Claims(body.GetProperty("access_token").GetString()!).GetProperty("scp").GetString());
    }

    [Theory]
    [InlineData("offline_access openid profile")]
    [InlineData("https://api.partnercenter.microsoft.com/user_impersonation https://graph.microsoft.com/.default")]
    [InlineData("https://api.partnercenter.microsoft.com/Invoices.Read")]
    [InlineData("user_impersonation")]
    public async Task Another_scope_is_400_invalid_scope(string scope)
    {
        using var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, RefreshForm(await fixture.MintRefreshTokenAsync(), scope: scope));
        await EntraErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid_scope", 70011);
    }

    [Fact]
    public async Task A_refresh_token_request_without_its_token_or_scope_is_400_invalid_request()
    {
        var form = RefreshForm(await fixture.MintRefreshTokenAsync());
        form.Remove("scope");
        using (var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, form))
            await EntraErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid_request", 900144);
        form = RefreshForm("x");
        form.Remove("refresh_token");
        using (var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, form))
            await EntraErrorAssert.IsAsync(response, HttpStatusCode.BadRequest, "invalid_request", 900144);
    }

    [Theory]
    [InlineData("user=not-a-upn")]
    [InlineData("lifetimeDays=soon")]
    [InlineData("clientId=99999999-9999-9999-9999-999999999999")]
    public async Task A_bad_refresh_token_mint_is_refused(string query)
    {
        using var response = await Emulator.Client.PostAsync("_emulator/refresh-tokens?" + query, null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Device_code_pends_until_approved_then_signs_the_user_in_once()
    {
        await Emulator.ResetStatsAsync();
        var started = await StartDeviceCodeAsync(SignInEmulatorFixture.PublicAppId);
        var userCode = started.GetProperty("user_code").GetString()!;
        var deviceCode = started.GetProperty("device_code").GetString()!;
        Assert.Matches("^[A-Z0-9]{9}$", userCode);
        Assert.Equal($"{Emulator.BaseUrl}/devicelogin", started.GetProperty("verification_uri").GetString());
        Assert.Equal(900, started.GetProperty("expires_in").GetInt32());
        Assert.Equal(1, started.GetProperty("interval").GetInt32());
        Assert.Equal($"To sign in, use a web browser to open the page {Emulator.BaseUrl}/devicelogin and enter the code {userCode} to authenticate.",
            started.GetProperty("message").GetString());

        Assert.Contains(userCode, await PendingUserCodesAsync());
        using (var pending = await PollAsync(deviceCode, SignInEmulatorFixture.PublicAppId))
            await EntraErrorAssert.IsAsync(pending, HttpStatusCode.BadRequest, "authorization_pending", 70016);
        using (var pending = await PollAsync(deviceCode, SignInEmulatorFixture.PublicAppId, grantType: "urn:ietf:params:oauth:grant-type:device_code"))
            await EntraErrorAssert.IsAsync(pending, HttpStatusCode.BadRequest, "authorization_pending", 70016);

        using (var approved = await Emulator.Client.PostAsync($"_emulator/devicecode/approve?userCode={userCode.ToLowerInvariant()}&user=billing@contoso.onmicrosoft.com", null))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
            using var body = JsonDocument.Parse(await approved.Content.ReadAsStringAsync());
            Assert.Equal("approved", body.RootElement.GetProperty("status").GetString());
        }
        Assert.DoesNotContain(userCode, await PendingUserCodesAsync());

        using (var signedIn = await PollAsync(deviceCode, SignInEmulatorFixture.PublicAppId))
        {
            var body = await TokensAsync(signedIn);
            var access = ClientAssertions.Claims(body.GetProperty("access_token").GetString()!);
            Assert.Equal("billing@contoso.onmicrosoft.com", access.GetProperty("upn").GetString());
            Assert.Equal("0", access.GetProperty("appidacr").GetString());
            Assert.Equal(SignInEmulatorFixture.PublicAppId, ClientAssertions.Claims(body.GetProperty("id_token").GetString()!).GetProperty("aud").GetString());

            // Its refresh token is the public client's to redeem, without credentials.
            using var refreshed = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName,
                RefreshForm(body.GetProperty("refresh_token").GetString()!, SignInEmulatorFixture.PublicAppId, secret: null));
            await TokensAsync(refreshed);

            using var invoice = await Emulator.GetAsync("v1/invoices/D000000001", body.GetProperty("access_token").GetString());
            Assert.True(invoice.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound);
        }
        using (var again = await PollAsync(deviceCode, SignInEmulatorFixture.PublicAppId))
            await EntraErrorAssert.IsAsync(again, HttpStatusCode.BadRequest, "invalid_grant", 54005);

        using var stats = await Emulator.GetStatsAsync();
        var byGrant = stats.RootElement.GetProperty("tokenRequestsByGrant");
        Assert.Equal(1, byGrant.GetProperty("devicecode").GetInt64());
        Assert.Equal(2, byGrant.GetProperty("device_code_pending").GetInt64());
        Assert.Equal(2, byGrant.GetProperty("device_code").GetInt64());
        Assert.Equal(1, byGrant.GetProperty("refresh_token").GetInt64());
        Assert.Equal(6, stats.RootElement.GetProperty("tokenRequests").GetInt64());
        Assert.DoesNotContain(deviceCode, stats.RootElement.GetRawText());
        Assert.DoesNotContain(deviceCode, Emulator.StandardError);
        Assert.Contains("POST /_emulator/devicecode/approve -> 200", Emulator.StandardError);
    }

    [Fact]
    public async Task A_declined_code_is_authorization_declined_and_an_expired_one_expired_token()
    {
        var declined = await StartDeviceCodeAsync(SignInEmulatorFixture.PublicAppId);
        using (var response = await Emulator.Client.PostAsync($"_emulator/devicecode/decline?userCode={declined.GetProperty("user_code").GetString()}", null))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var poll = await PollAsync(declined.GetProperty("device_code").GetString()!, SignInEmulatorFixture.PublicAppId))
            await EntraErrorAssert.IsAsync(poll, HttpStatusCode.BadRequest, "authorization_declined", 65004);

        var expired = await StartDeviceCodeAsync(SignInEmulatorFixture.PublicAppId);
        var userCode = expired.GetProperty("user_code").GetString()!;
        using (var response = await Emulator.Client.PostAsync($"_emulator/devicecode/expire?userCode={userCode}", null))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var poll = await PollAsync(expired.GetProperty("device_code").GetString()!, SignInEmulatorFixture.PublicAppId))
            await EntraErrorAssert.IsAsync(poll, HttpStatusCode.BadRequest, "expired_token", 70019);
        Assert.DoesNotContain(userCode, await PendingUserCodesAsync());

        // Too late to approve; a code nobody was given is unknown.
        using (var late = await Emulator.Client.PostAsync($"_emulator/devicecode/approve?userCode={userCode}", null))
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        using (var unknown = await Emulator.Client.PostAsync("_emulator/devicecode/approve?userCode=NOSUCHCODE", null))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_device_code_belongs_to_its_client_and_a_confidential_one_must_authenticate_its_polls()
    {
        var started = await StartDeviceCodeAsync(EmulatorProcess.ApplicationId);
        var deviceCode = started.GetProperty("device_code").GetString()!;
        (await Emulator.Client.PostAsync($"_emulator/devicecode/approve?userCode={started.GetProperty("user_code").GetString()}", null)).Dispose();

        using (var stranger = await PollAsync(deviceCode, SignInEmulatorFixture.PublicAppId))
            await EntraErrorAssert.IsAsync(stranger, HttpStatusCode.BadRequest, "invalid_grant", 70000);
        using (var anonymous = await PollAsync(deviceCode, EmulatorProcess.ApplicationId))
            await EntraErrorAssert.IsAsync(anonymous, HttpStatusCode.Unauthorized, "invalid_client", 7000218);
        using (var authenticated = await PollAsync(deviceCode, EmulatorProcess.ApplicationId, secret: EmulatorProcess.ClientSecret))
            Assert.Equal("admin@contoso.onmicrosoft.com",
                ClientAssertions.Claims((await TokensAsync(authenticated)).GetProperty("access_token").GetString()!).GetProperty("upn").GetString());
        using (var unknown = await PollAsync("DAQABIQEAAADnot-a-code", SignInEmulatorFixture.PublicAppId))
            await EntraErrorAssert.IsAsync(unknown, HttpStatusCode.BadRequest, "invalid_grant", 70000);
    }

    [Theory]
    [InlineData("nobody.onmicrosoft.com", SignInEmulatorFixture.PublicAppId, SignInEmulatorFixture.UserScope, 400, "invalid_request", 90002)]
    [InlineData(EmulatorProcess.TenantName, "99999999-9999-9999-9999-999999999999", SignInEmulatorFixture.UserScope, 400, "unauthorized_client", 700016)]
    [InlineData(EmulatorProcess.TenantName, SignInEmulatorFixture.PublicAppId, "", 400, "invalid_request", 900144)]
    [InlineData(EmulatorProcess.TenantName, SignInEmulatorFixture.PublicAppId, "openid profile", 400, "invalid_scope", 70011)]
    public async Task A_bad_device_code_request_gets_the_Entra_error(string tenant, string clientId, string scope, int status, string error, int code)
    {
        var form = new Dictionary<string, string> { ["client_id"] = clientId };
        if (scope.Length > 0) form["scope"] = scope;
        using var response = await Emulator.Client.PostAsync($"{tenant}/oauth2/v2.0/devicecode", new FormUrlEncodedContent(form));
        await EntraErrorAssert.IsAsync(response, (HttpStatusCode)status, error, code);
    }

    [Fact]
    public async Task The_verification_page_says_how_to_approve()
    {
        using var response = await Emulator.Client.GetAsync("devicelogin");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/_emulator/devicecode/approve", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_control_endpoint_mints_user_tokens_the_invoice_api_serves_by_id()
    {
        using var minted = await Emulator.Client.PostAsync("_emulator/token?user=billing@contoso.onmicrosoft.com", null);
        using var body = JsonDocument.Parse(await minted.Content.ReadAsStringAsync());
        var token = body.RootElement.GetProperty("access_token").GetString()!;
        var claims = ClientAssertions.Claims(token);
        Assert.Equal("user", claims.GetProperty("idtyp").GetString());
        Assert.Equal("billing@contoso.onmicrosoft.com", claims.GetProperty("upn").GetString());
        Assert.Equal("user_impersonation", claims.GetProperty("scp").GetString());

        using var invoices = await Emulator.GetAsync("v1/invoices?size=1", token);
        var id = InvoicePages.Id(JsonDocument.Parse(await invoices.Content.ReadAsStringAsync()).RootElement.GetProperty("items")[0]);
        using var invoice = await Emulator.GetAsync($"v1/invoices/{id}", token);
        Assert.Equal(HttpStatusCode.OK, invoice.StatusCode);

        using var bad = await Emulator.Client.PostAsync("_emulator/token?user=nobody", null);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private async Task<JsonElement> StartDeviceCodeAsync(string clientId)
    {
        using var response = await Emulator.Client.PostAsync($"{EmulatorProcess.TenantName}/oauth2/v2.0/devicecode",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = clientId, ["scope"] = SignInEmulatorFixture.UserScope }));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private Task<HttpResponseMessage> PollAsync(string deviceCode, string clientId, string grantType = "device_code", string? secret = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = grantType, ["client_id"] = clientId, ["device_code"] = deviceCode };
        if (secret is not null) form["client_secret"] = secret;
        return Emulator.RequestTokenAsync(EmulatorProcess.TenantName, form);
    }

    private async Task<List<string>> PendingUserCodesAsync()
    {
        using var response = await Emulator.Client.GetAsync("_emulator/devicecode/pending");
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Array, body.RootElement.ValueKind);
        return [.. body.RootElement.EnumerateArray().Select(p => p.GetProperty("userCode").GetString()!)];
    }

    [Fact]
    public async Task A_refresh_token_from_a_sign_in_without_MFA_leads_to_tokens_the_API_refuses_with_900421_and_so_do_its_rotations()
    {
        using var minted = await Emulator.Client.PostAsync($"_emulator/refresh-tokens?user={User}&mfa=false", null);
        minted.EnsureSuccessStatusCode();
        var refreshToken = JsonDocument.Parse(await minted.Content.ReadAsStringAsync()).RootElement.GetProperty("refresh_token").GetString()!;
        using var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, RefreshForm(refreshToken));
        var body = await TokensAsync(response);
        var access = body.GetProperty("access_token").GetString()!;
        Assert.Equal("[\"pwd\"]", ClientAssertions.Claims(access).GetProperty("amr").GetRawText());

        using (var refused = await Emulator.GetAsync("v1/invoices?size=1", access))
            Assert.Equal(900421, (await ServiceErrorAssert.IsAsync(refused, HttpStatusCode.Unauthorized, "multi-factor")).GetProperty("code").GetInt32());
        using (var rotated = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, RefreshForm(body.GetProperty("refresh_token").GetString()!)))
        using (var refusedAgain = await Emulator.GetAsync("v1/invoices?size=1", (await TokensAsync(rotated)).GetProperty("access_token").GetString()))
            await ServiceErrorAssert.IsAsync(refusedAgain, HttpStatusCode.Unauthorized, "multi-factor");

        // A sign-in with MFA (the default) is served.
        using var withMfa = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, RefreshForm(await fixture.MintRefreshTokenAsync(User)));
        var mfaAccess = (await TokensAsync(withMfa)).GetProperty("access_token").GetString()!;
        Assert.Equal("[\"pwd\",\"mfa\"]", ClientAssertions.Claims(mfaAccess).GetProperty("amr").GetRawText());
        using var served = await Emulator.GetAsync("v1/invoices?size=1", mfaAccess);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    private static async Task<JsonElement> TokensAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var body = JsonDocument.Parse(text).RootElement.Clone();
        foreach (var field in new[] { "token_type", "expires_in", "access_token", "refresh_token", "id_token", "client_info" })
            Assert.True(body.TryGetProperty(field, out _), $"The response lacks {field}: {text}");
        return body;
    }
}
