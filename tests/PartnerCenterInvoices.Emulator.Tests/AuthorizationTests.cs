using System.Net;

namespace PartnerCenterInvoices.Emulator.Tests;

[Collection(EmulatorCollection.Name)]
public sealed class AuthorizationTests(EmulatorFixture fixture)
{
    [Fact]
    public async Task No_token_is_401_with_the_service_error_body()
    {
        using var response = await fixture.Main.GetAsync("v1/invoices", token: null);
        await ServiceErrorAssert.IsAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        var expired = await fixture.Main.MintTokenAsync(lifetimeSeconds: -60);
        using var response = await fixture.Main.GetAsync("v1/invoices", expired);
        await ServiceErrorAssert.IsAsync(response, HttpStatusCode.Unauthorized, "expired");
    }

    [Fact]
    public async Task A_minted_token_with_a_lifetime_works()
    {
        var token = await fixture.Main.MintTokenAsync(lifetimeSeconds: 120);
        using var response = await fixture.Main.GetAsync("v1/invoices?size=1", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("opaque-token")]
    [InlineData("a.b.c")]
    [InlineData("")]
    public async Task A_malformed_token_is_401(string token)
    {
        using var response = await fixture.Main.GetAsync("v1/invoices", token: null, ("Authorization", "Bearer " + token));
        var body = await ServiceErrorAssert.IsAsync(response, HttpStatusCode.Unauthorized);
        if (token.Length > 0) Assert.DoesNotContain(token, body.GetRawText());
    }

    [Fact]
    public async Task A_token_with_an_edited_payload_fails_the_signature()
    {
        var parts = fixture.MainToken.Split('.');
        var tampered = parts[0] + "." + parts[1][..^2] + (parts[1][^2] == 'A' ? "B" : "A") + parts[1][^1] + "." + parts[2];
        using var response = await fixture.Main.GetAsync("v1/invoices", tampered);
        await ServiceErrorAssert.IsAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_from_another_emulator_run_is_401()
    {
        var (other, otherToken) = fixture.Get("continuation", 0);
        Assert.NotEqual(other.BaseUrl, fixture.Main.BaseUrl);
        using var response = await fixture.Main.GetAsync("v1/invoices", otherToken);
        await ServiceErrorAssert.IsAsync(response, HttpStatusCode.Unauthorized, "signature");
    }

    [Fact]
    public async Task A_non_bearer_scheme_is_401()
    {
        using var response = await fixture.Main.GetAsync("v1/invoices", token: null, ("Authorization", "Basic " + fixture.MainToken));
        await ServiceErrorAssert.IsAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Correlation_and_request_ids_are_echoed_or_made_up()
    {
        var correlation = Guid.NewGuid().ToString();
        var requestId = Guid.NewGuid().ToString();
        using (var response = await fixture.Main.GetAsync("v1/invoices?size=1", fixture.MainToken, ("MS-CorrelationId", correlation), ("MS-RequestId", requestId)))
        {
            Assert.Equal(correlation, response.Headers.GetValues("MS-CorrelationId").Single());
            Assert.Equal(requestId, response.Headers.GetValues("MS-RequestId").Single());
        }
        using (var response = await fixture.Main.GetAsync("v1/invoices?size=1", fixture.MainToken))
        {
            Assert.True(Guid.TryParse(response.Headers.GetValues("MS-CorrelationId").Single(), out _));
            Assert.True(Guid.TryParse(response.Headers.GetValues("MS-RequestId").Single(), out _));
        }
        using (var response = await fixture.Main.GetAsync("v1/invoices", token: null, ("MS-CorrelationId", correlation)))
            Assert.Equal(correlation, response.Headers.GetValues("MS-CorrelationId").Single());
    }

    [Fact]
    public async Task An_invoice_by_id_needs_App_plus_User_credentials()
    {
        using var response = await fixture.Main.GetAsync("v1/invoices/D000000001", fixture.MainToken);
        await ServiceErrorAssert.IsAsync(response, HttpStatusCode.Forbidden, "App+User");
    }

    [Theory]
    [InlineData("v1/customers")]
    [InlineData("v1/invoices/D000000001/lineitems/Azure/BillingLineItems/more")]
    [InlineData("v1")]
    public async Task An_unknown_route_is_404_with_the_service_error_body(string path)
    {
        using var response = await fixture.Main.GetAsync(path, fixture.MainToken);
        await ServiceErrorAssert.IsAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Another_method_on_the_collection_is_405_with_the_service_error_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, "v1/invoices");
        request.Headers.Authorization = new("Bearer", fixture.MainToken);
        using var response = await fixture.Main.Client.SendAsync(request);
        await ServiceErrorAssert.IsAsync(response, HttpStatusCode.MethodNotAllowed);
    }
}
