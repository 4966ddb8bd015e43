using System.Net;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>Graph-audience tokens: issued with PartnerBilling.Read.All (or without, when not consented), and accepted only where they belong.</summary>
[Collection(GraphEmulatorCollection.Name)]
public sealed class GraphTokenTests(GraphEmulatorFixture fixture)
{
    private EmulatorProcess Emulator => fixture.Emulator;

    private static string UnbilledBody => """{"currencyCode":"USD","billingPeriod":"current"}""";

    [Fact]
    public void Client_credentials_for_graph_give_an_app_token_with_the_partner_billing_role()
    {
        var claims = ClientAssertions.Claims(fixture.GraphToken);
        Assert.Equal("https://graph.microsoft.com", claims.GetProperty("aud").GetString());
        Assert.Equal("app", claims.GetProperty("idtyp").GetString());
        Assert.Equal(["PartnerBilling.Read.All"], claims.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task An_app_without_consent_gets_a_graph_token_without_the_role_and_graph_answers_403_naming_the_permission()
    {
        var token = await GraphExports.GetGraphTokenAsync(Emulator, GraphEmulatorFixture.UnconsentedApplicationId, GraphEmulatorFixture.UnconsentedSecret);
        Assert.False(ClientAssertions.Claims(token).TryGetProperty("roles", out _));

        using var response = await GraphExports.PostAsync(Emulator, GraphExports.UnbilledReconciliation, token, UnbilledBody);
        await GraphExports.AssertGraphErrorAsync(response, HttpStatusCode.Forbidden, "Forbidden", "PartnerBilling.Read.All");
    }

    [Fact]
    public async Task A_delegated_graph_sign_in_gets_the_scope_and_an_unconsented_app_gets_AADSTS65001()
    {
        using (var response = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName, await RefreshFormAsync(EmulatorProcess.ApplicationId, EmulatorProcess.ClientSecret)))
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, text);
            var access = JsonDocument.Parse(text).RootElement.GetProperty("access_token").GetString()!;
            var claims = ClientAssertions.Claims(access);
            Assert.Equal("https://graph.microsoft.com", claims.GetProperty("aud").GetString());
            Assert.Equal("PartnerBilling.Read.All", claims.GetProperty("scp").GetString());

            using var export = await GraphExports.PostAsync(Emulator, GraphExports.UnbilledUsage, access, UnbilledBody);
            Assert.Equal(HttpStatusCode.Accepted, export.StatusCode);
        }

        using var refused = await Emulator.RequestTokenAsync(EmulatorProcess.TenantName,
            await RefreshFormAsync(GraphEmulatorFixture.UnconsentedApplicationId, GraphEmulatorFixture.UnconsentedSecret));
        await EntraErrorAssert.IsAsync(refused, HttpStatusCode.BadRequest, "invalid_grant", 65001);
    }

    [Fact]
    public async Task Graph_refuses_a_partner_center_token_and_partner_center_refuses_a_graph_token()
    {
        var partnerCenterToken = await Emulator.GetTokenAsync();
        using (var graph = await GraphExports.PostAsync(Emulator, GraphExports.UnbilledReconciliation, partnerCenterToken, UnbilledBody))
            await GraphExports.AssertGraphErrorAsync(graph, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "audience");

        using var partnerCenter = await Emulator.GetAsync("v1/invoices", fixture.GraphToken);
        await ServiceErrorAssert.IsAsync(partnerCenter, HttpStatusCode.Unauthorized, "not issued for https://api.partnercenter.microsoft.com");
    }

    [Fact]
    public async Task Graph_answers_401_without_a_token_and_for_an_expired_or_edited_one()
    {
        using (var none = await GraphExports.PostAsync(Emulator, GraphExports.UnbilledReconciliation, null, UnbilledBody))
            await GraphExports.AssertGraphErrorAsync(none, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");

        var expired = await Emulator.MintTokenAsync(lifetimeSeconds: -10, audience: "https://graph.microsoft.com");
        using (var late = await GraphExports.PostAsync(Emulator, GraphExports.UnbilledReconciliation, expired, UnbilledBody))
            await GraphExports.AssertGraphErrorAsync(late, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "expired");

        var edited = fixture.GraphToken[..^4] + (fixture.GraphToken.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        using var tampered = await GraphExports.PostAsync(Emulator, GraphExports.UnbilledReconciliation, edited, UnbilledBody);
        await GraphExports.AssertGraphErrorAsync(tampered, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken");
    }

    private async Task<Dictionary<string, string>> RefreshFormAsync(string clientId, string secret)
    {
        using var minted = await Emulator.Client.PostAsync($"_emulator/refresh-tokens?user=admin@contoso.onmicrosoft.com&clientId={clientId}", null);
        minted.EnsureSuccessStatusCode();
        var refreshToken = JsonDocument.Parse(await minted.Content.ReadAsStringAsync()).RootElement.GetProperty("refresh_token").GetString()!;
        return new()
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["refresh_token"] = refreshToken,
            ["scope"] = "https://graph.microsoft.com/PartnerBilling.Read.All offline_access openid profile",
        };
    }
}
