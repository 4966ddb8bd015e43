using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>The /_emulator routes. These tests change shared state, so they clean up after themselves.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class ControlEndpointTests(EmulatorFixture fixture)
{
    private EmulatorProcess Emulator => fixture.Get("continuation", 1).Emulator;
    private string Token => fixture.Get("continuation", 1).Token;

    [Fact]
    public async Task A_fault_fails_the_next_count_requests_under_its_prefix_then_stops()
    {
        try
        {
            using (var set = await Emulator.Client.PostAsJsonAsync("_emulator/faults", new { status = 500, count = 2, pathPrefix = "/v1/invoices" }))
                Assert.Equal(HttpStatusCode.OK, set.StatusCode);

            for (var i = 0; i < 2; i++)
            {
                using var failed = await Emulator.GetAsync("v1/invoices", Token);
                await ServiceErrorAssert.IsAsync(failed, HttpStatusCode.InternalServerError);
            }
            using var served = await Emulator.GetAsync("v1/invoices", Token);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        }
        finally
        {
            await Emulator.Client.DeleteAsync("_emulator/faults");
        }
    }

    [Fact]
    public async Task A_429_fault_says_when_to_retry()
    {
        try
        {
            (await Emulator.Client.PostAsJsonAsync("_emulator/faults", new { status = 429 })).Dispose();
            using var throttled = await Emulator.GetAsync("v1/invoices", Token);
            await ServiceErrorAssert.IsAsync(throttled, HttpStatusCode.TooManyRequests);
            Assert.Equal(TimeSpan.FromSeconds(1), throttled.Headers.RetryAfter?.Delta);
        }
        finally
        {
            await Emulator.Client.DeleteAsync("_emulator/faults");
        }
    }

    [Fact]
    public async Task A_fault_applies_before_authentication_and_only_under_its_prefix()
    {
        try
        {
            (await Emulator.Client.PostAsJsonAsync("_emulator/faults", new { status = 503, count = 5, pathPrefix = "/v1/invoices/" })).Dispose();
            using (var list = await Emulator.GetAsync("v1/invoices", Token))
                Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            using (var byId = await Emulator.GetAsync("v1/invoices/G000000001", token: null))
                await ServiceErrorAssert.IsAsync(byId, HttpStatusCode.ServiceUnavailable);
        }
        finally
        {
            await Emulator.Client.DeleteAsync("_emulator/faults");
        }
    }

    [Fact]
    public async Task Deleting_the_fault_clears_it()
    {
        (await Emulator.Client.PostAsJsonAsync("_emulator/faults", new { status = 500, count = 10 })).Dispose();
        using (var cleared = await Emulator.Client.DeleteAsync("_emulator/faults"))
            Assert.True(cleared.IsSuccessStatusCode);
        using var served = await Emulator.GetAsync("v1/invoices", Token);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"status\":200}")]
    [InlineData("{\"status\":500,\"count\":0}")]
    [InlineData("not json")]
    public async Task A_bad_fault_is_refused(string body)
    {
        using var response = await Emulator.Client.PostAsync("_emulator/faults", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Stats_count_token_and_api_requests_and_keep_the_recent_ones_without_header_values()
    {
        var (emulator, _) = fixture.Get("offset", 1);
        await emulator.ResetStatsAsync();
        using (var stats = await emulator.GetStatsAsync())
        {
            Assert.Equal(0, stats.RootElement.GetProperty("tokenRequests").GetInt64());
            Assert.Equal(0, stats.RootElement.GetProperty("apiRequests").GetInt64());
            Assert.Empty(stats.RootElement.GetProperty("recent").EnumerateArray());
        }

        var token = await emulator.GetTokenAsync();
        using (await emulator.RequestTokenAsync(EmulatorProcess.TenantName, new() { ["grant_type"] = "refresh_token" })) { }
        using (await emulator.GetAsync("v1/invoices?size=1", token)) { }
        using (await emulator.GetAsync("v1/invoices?size=1", token: null)) { }
        using (await emulator.GetAsync("v1/invoices/G000000001", token)) { }

        using (var stats = await emulator.GetStatsAsync())
        {
            var root = stats.RootElement;
            Assert.Equal(2, root.GetProperty("tokenRequests").GetInt64());
            Assert.Equal(1, root.GetProperty("tokenRequestsByGrant").GetProperty("client_credentials").GetInt64());
            Assert.Equal(1, root.GetProperty("tokenRequestsByGrant").GetProperty("refresh_token").GetInt64());
            Assert.Equal(3, root.GetProperty("apiRequests").GetInt64());
            Assert.Equal(2, root.GetProperty("apiRequestsByPath").GetProperty("/v1/invoices").GetInt64());
            Assert.Equal(1, root.GetProperty("apiRequestsByPath").GetProperty("/v1/invoices/G000000001").GetInt64());

            var recent = root.GetProperty("recent").EnumerateArray().ToList();
            Assert.Equal(5, recent.Count);
            Assert.Equal(["POST", "POST", "GET", "GET", "GET"], recent.Select(r => r.GetProperty("method").GetString()));
            Assert.Equal([200, 400, 200, 401, 403], recent.Select(r => r.GetProperty("status").GetInt32()));
            Assert.Equal([false, false, true, false, true], recent.Select(r => r.GetProperty("hasAuthorization").GetBoolean()));
            Assert.Equal("?size=1", recent[2].GetProperty("query").GetString());
            Assert.Equal($"/{EmulatorProcess.TenantName}/oauth2/v2.0/token", recent[0].GetProperty("path").GetString());

            var text = root.GetRawText();
            Assert.DoesNotContain(token, text);
            Assert.DoesNotContain(EmulatorProcess.ClientSecret, text);
        }

        await emulator.ResetStatsAsync();
        using (var stats = await emulator.GetStatsAsync())
        {
            Assert.Equal(0, stats.RootElement.GetProperty("tokenRequests").GetInt64());
            Assert.Empty(stats.RootElement.GetProperty("tokenRequestsByGrant").EnumerateObject());
            Assert.Empty(stats.RootElement.GetProperty("apiRequestsByPath").EnumerateObject());
            Assert.Empty(stats.RootElement.GetProperty("recent").EnumerateArray());
        }
    }

    [Fact]
    public async Task The_recent_list_keeps_the_last_200()
    {
        var (emulator, token) = fixture.Get("offset", 0);
        await emulator.ResetStatsAsync();
        for (var i = 0; i < 205; i++)
            using (await emulator.GetAsync($"v1/invoices?size={1 + i % 1000}", token)) { }

        using var stats = await emulator.GetStatsAsync();
        var recent = stats.RootElement.GetProperty("recent").EnumerateArray().ToList();
        Assert.Equal(200, recent.Count);
        Assert.Equal("?size=6", recent[0].GetProperty("query").GetString());
        Assert.Equal("?size=205", recent[^1].GetProperty("query").GetString());
        Assert.Equal(205, stats.RootElement.GetProperty("apiRequests").GetInt64());
    }
}
