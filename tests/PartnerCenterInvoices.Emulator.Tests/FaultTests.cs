using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>One emulator of its own for the fault tests: fault modes are global, so they must not meet the shared emulators' tests.</summary>
public sealed class FaultEmulatorFixture : IAsyncLifetime
{
    public const int Total = 60;

    public EmulatorProcess Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await EmulatorProcess.StartAsync("--seed", "5", "--invoices", $"{Total}");

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}

/// <summary>The fault modes of <c>POST /_emulator/faults</c>, one at a time and together, against a real emulator.</summary>
public sealed class FaultTests(FaultEmulatorFixture fixture) : IClassFixture<FaultEmulatorFixture>, IAsyncLifetime
{
    private EmulatorProcess Emulator => fixture.Emulator;
    private string Token { get; set; } = "";

    // Each test starts from no faults, zero counters and a token of its own (tests revoke them), and leaves no fault behind.
    public async Task InitializeAsync()
    {
        await ClearFaultsAsync();
        Token = await Emulator.GetTokenAsync();
        await Emulator.ResetStatsAsync();
    }

    public Task DisposeAsync() => ClearFaultsAsync();

    [Fact]
    public async Task Throttle_answers_every_Nth_request_with_429_the_gateway_body_and_Retry_After()
    {
        await SetFaultAsync(new { mode = "throttle", every = 3, retryAfterSeconds = 2 });

        var statuses = new List<int>();
        for (var i = 1; i <= 6; i++)
        {
            using var response = await Emulator.GetAsync("v1/invoices?size=1", Token);
            statuses.Add((int)response.StatusCode);
            if (response.StatusCode != HttpStatusCode.TooManyRequests) continue;
            Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(429, body.RootElement.GetProperty("statusCode").GetInt32());
            Assert.Equal("Rate limit is exceeded. Try again in 2 seconds.", body.RootElement.GetProperty("message").GetString());
            Assert.True(response.Headers.Contains("MS-CorrelationId"));
        }

        Assert.Equal([200, 200, 429, 200, 200, 429], statuses);
        using var stats = await Emulator.GetStatsAsync();
        Assert.Equal(2, Fault(stats, "throttle"));
        Assert.Equal(4, ByStatus(stats, 200));
        Assert.Equal(2, ByStatus(stats, 429));
    }

    [Fact]
    public async Task Burst_fails_length_requests_after_every_N_good_ones_with_the_service_body()
    {
        await SetFaultAsync(new { mode = "burst", every = 2, length = 3, status = 502 });

        var statuses = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await Emulator.GetAsync("v1/invoices?size=1", Token);
            statuses.Add((int)response.StatusCode);
            if (response.StatusCode == HttpStatusCode.BadGateway) await ServiceErrorAssert.IsAsync(response, HttpStatusCode.BadGateway);
        }

        Assert.Equal([200, 200, 502, 502, 502, 200, 200, 502, 502, 502], statuses);
        using var stats = await Emulator.GetStatsAsync();
        Assert.Equal(6, Fault(stats, "burst"));
    }

    [Fact]
    public async Task Reset_aborts_every_Nth_connection_before_any_response()
    {
        await SetFaultAsync(new { mode = "reset", every = 2 });

        using (var first = await Emulator.GetAsync("v1/invoices?size=1", Token))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => Emulator.GetAsync("v1/invoices?size=1", Token));
        Assert.Null(failure.StatusCode);
        using (var third = await Emulator.GetAsync("v1/invoices?size=1", Token))
            Assert.Equal(HttpStatusCode.OK, third.StatusCode);

        using var stats = await Emulator.GetStatsAsync();
        Assert.Equal(1, Fault(stats, "reset"));
        Assert.Equal(3, stats.RootElement.GetProperty("apiRequests").GetInt64());
        // The reset request never had a status.
        Assert.Equal(2, ByStatus(stats, 200));
        Assert.Single(stats.RootElement.GetProperty("apiRequestsByStatus").EnumerateObject());
    }

    [Fact]
    public async Task Truncate_sends_the_full_Content_Length_but_only_part_of_every_Nth_page()
    {
        await SetFaultAsync(new { mode = "truncate", every = 2 });

        // Requests that are not successful pages do not count.
        using (await Emulator.GetAsync("v1/invoices?size=0", Token)) { }
        using (await Emulator.GetAsync("v1/invoices", token: null)) { }
        using (var first = await Emulator.GetAsync("v1/invoices?size=10", Token))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/invoices?size=10");
        request.Headers.Authorization = new("Bearer", Token);
        using var truncated = await Emulator.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, truncated.StatusCode);
        var announced = truncated.Content.Headers.ContentLength;
        Assert.NotNull(announced);
        await using var stream = await truncated.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long received = 0;
        var ended = await Assert.ThrowsAnyAsync<IOException>(async () =>
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0) received += read;
        });
        Assert.InRange(received, 1, announced.Value - 1);

        // A client that buffers the content sees the request fail, not a short body.
        using (var third = await Emulator.GetAsync("v1/invoices?size=10", Token))
            Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => Emulator.GetAsync("v1/invoices?size=10", Token));

        using var stats = await Emulator.GetStatsAsync();
        Assert.Equal(2, Fault(stats, "truncate"));
    }

    [Fact]
    public async Task Truncate_also_cuts_statement_downloads_and_line_item_pages_short()
    {
        using var minted = await Emulator.Client.PostAsync("_emulator/token?user=admin@contoso.onmicrosoft.com", null);
        var userToken = JsonDocument.Parse(await minted.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
        using var page = await Emulator.GetAsync("v1/invoices?size=1", Token);
        var invoice = JsonDocument.Parse(await page.Content.ReadAsStringAsync()).RootElement.GetProperty("items")[0];
        var id = InvoicePages.Id(invoice);
        var provider = invoice.GetProperty("invoiceDetails")[0].GetProperty("billingProvider").GetString()!;
        var lineItems = LineItemPages.FirstUri(id, provider, billing: true, size: 2000);

        await SetFaultAsync(new { mode = "truncate", every = 2 });
        using (var whole = await Emulator.GetAsync($"v1/invoices/{id}/documents/statement", userToken))
            Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => Emulator.GetAsync($"v1/invoices/{id}/documents/statement", userToken));
        using (var whole = await Emulator.GetAsync(lineItems, Token))
            Assert.Equal(HttpStatusCode.OK, whole.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => Emulator.GetAsync(lineItems, Token));

        using var stats = await Emulator.GetStatsAsync();
        Assert.Equal(2, Fault(stats, "truncate"));
    }

    [Fact]
    public async Task Latency_delays_every_api_response_but_not_the_control_endpoints()
    {
        await SetFaultAsync(new { mode = "latency", ms = 300 });

        var watch = Stopwatch.StartNew();
        using (var response = await Emulator.GetAsync("v1/invoices?size=1", Token))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 290, $"took {watch.ElapsedMilliseconds} ms");

        using var stats = await Emulator.GetStatsAsync();
        Assert.All(stats.RootElement.GetProperty("faultsInjected").EnumerateObject(), p => Assert.Equal(0, p.Value.GetInt64()));
    }

    [Fact]
    public async Task Slow_makes_every_Nth_request_outlast_a_client_timeout_and_the_retry_gets_through()
    {
        await SetFaultAsync(new { mode = "slow", every = 2, ms = 5000 });

        using (var first = await Emulator.GetAsync("v1/invoices?size=1", Token))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var attempt = new CancellationTokenSource(TimeSpan.FromMilliseconds(400)))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "v1/invoices?size=1");
            request.Headers.Authorization = new("Bearer", Token);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Emulator.Client.SendAsync(request, attempt.Token));
        }
        var watch = Stopwatch.StartNew();
        using (var retry = await Emulator.GetAsync("v1/invoices?size=1", Token))
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(4));

        using var stats = await Emulator.GetStatsAsync();
        Assert.Equal(1, Fault(stats, "slow"));
        Assert.DoesNotContain("failed", Emulator.StandardError);
    }

    [Fact]
    public async Task Expire_after_revokes_every_token_issued_so_far_after_N_more_requests_once()
    {
        var token = await Emulator.GetTokenAsync();
        await SetFaultAsync(new { mode = "expire-after", requests = 2 });

        for (var i = 0; i < 2; i++)
            using (var served = await Emulator.GetAsync("v1/invoices?size=1", token))
                Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        using (var refused = await Emulator.GetAsync("v1/invoices?size=1", token))
        {
            await ServiceErrorAssert.IsAsync(refused, HttpStatusCode.Unauthorized, "expired");
            Assert.Contains("expired", refused.Headers.WwwAuthenticate.ToString());
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await Emulator.GetAsync("v1/invoices?size=1", Token)).StatusCode);

        var renewed = await Emulator.GetTokenAsync();
        for (var i = 0; i < 5; i++)
            using (var served = await Emulator.GetAsync("v1/invoices?size=1", renewed))
                Assert.Equal(HttpStatusCode.OK, served.StatusCode);

        using var stats = await Emulator.GetStatsAsync();
        Assert.Equal(2, Fault(stats, "revoked401"));
        using var listed = await GetFaultsAsync();
        Assert.Empty(listed.RootElement.GetProperty("modes").EnumerateArray());
    }

    [Fact]
    public async Task Expire_after_with_repeat_revokes_again_after_every_further_N_requests()
    {
        await SetFaultAsync(new { mode = "expire-after", requests = 2, repeat = true });
        var token = await Emulator.GetTokenAsync();
        var statuses = new List<int>();
        for (var i = 0; i < 9; i++)
        {
            using var response = await Emulator.GetAsync("v1/invoices?size=1", token);
            statuses.Add((int)response.StatusCode);
            if (response.StatusCode == HttpStatusCode.Unauthorized) token = await Emulator.GetTokenAsync();
        }
        Assert.Equal([200, 200, 401, 200, 200, 401, 200, 200, 401], statuses);
    }

    [Fact]
    public async Task Revoke_tokens_makes_earlier_tokens_expire_and_later_ones_work()
    {
        var before = await Emulator.MintTokenAsync();
        using (var revoke = await Emulator.Client.PostAsync("_emulator/revoke-tokens", null))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);

        using (var refused = await Emulator.GetAsync("v1/invoices?size=1", before))
            await ServiceErrorAssert.IsAsync(refused, HttpStatusCode.Unauthorized, "expired");
        var after = await Emulator.GetTokenAsync();
        using (var served = await Emulator.GetAsync("v1/invoices?size=1", after))
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);

        using var stats = await Emulator.GetStatsAsync();
        Assert.Equal(1, Fault(stats, "revoked401"));
        Assert.Equal(1, ByStatus(stats, 401));
    }

    [Fact]
    public async Task A_stats_reset_restarts_the_counts_but_keeps_the_modes()
    {
        await SetFaultAsync(new { mode = "throttle", every = 2 });
        using (var first = await Emulator.GetAsync("v1/invoices?size=1", Token))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        await Emulator.ResetStatsAsync();
        using (var counted = await Emulator.GetAsync("v1/invoices?size=1", Token))
            Assert.Equal(HttpStatusCode.OK, counted.StatusCode);
        using (var throttled = await Emulator.GetAsync("v1/invoices?size=1", Token))
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        using var stats = await Emulator.GetStatsAsync();
        Assert.Equal(1, Fault(stats, "throttle"));
    }

    [Fact]
    public async Task Modes_are_listed_replaced_by_mode_and_cleared_one_or_all()
    {
        using (var set = await Emulator.Client.PostAsJsonAsync("_emulator/faults", new { mode = "burst", every = 4 }))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            using var echoed = JsonDocument.Parse(await set.Content.ReadAsStringAsync());
            Assert.Equal("""{"mode":"burst","every":4,"length":1,"status":503,"pathPrefix":"/v1"}""", echoed.RootElement.GetRawText());
        }
        await SetFaultAsync(new { mode = "throttle", every = 9 });
        await SetFaultAsync(new { mode = "throttle", every = 7, pathPrefix = "/v1/invoices" });
        await SetFaultAsync(new { status = 500, count = 2 });

        using (var listed = await GetFaultsAsync())
        {
            var root = listed.RootElement;
            Assert.Equal(500, root.GetProperty("oneShot").GetProperty("status").GetInt32());
            var modes = root.GetProperty("modes").EnumerateArray().ToList();
            Assert.Equal(["throttle", "burst"], modes.Select(m => m.GetProperty("mode").GetString()));
            Assert.Equal(7, modes[0].GetProperty("every").GetInt32());
            Assert.Equal("/v1/invoices", modes[0].GetProperty("pathPrefix").GetString());
        }

        using (var one = await Emulator.Client.DeleteAsync("_emulator/faults?mode=throttle"))
            Assert.Equal(HttpStatusCode.NoContent, one.StatusCode);
        using (var listed = await GetFaultsAsync())
            Assert.Equal(["burst"], listed.RootElement.GetProperty("modes").EnumerateArray().Select(m => m.GetProperty("mode").GetString()));

        await ClearFaultsAsync();
        using (var listed = await GetFaultsAsync())
        {
            Assert.Equal(JsonValueKind.Null, listed.RootElement.GetProperty("oneShot").ValueKind);
            Assert.Empty(listed.RootElement.GetProperty("modes").EnumerateArray());
        }
    }

    [Theory]
    [InlineData("""{"mode":"sideways","every":2}""")]
    [InlineData("""{"mode":"throttle"}""")]
    [InlineData("""{"mode":"throttle","every":0}""")]
    [InlineData("""{"mode":"throttle","evry":2}""")]
    [InlineData("""{"mode":"burst","every":2,"status":200}""")]
    [InlineData("""{"mode":"latency","ms":-1}""")]
    [InlineData("""{"mode":"slow","every":2,"ms":"fast"}""")]
    [InlineData("""{"mode":"expire-after","requests":0,"repeat":true}""")]
    [InlineData("""{"mode":"reset","every":2,"pathPrefix":"v1"}""")]
    public async Task A_bad_mode_is_refused(string body)
    {
        using var response = await Emulator.Client.PostAsync("_emulator/faults", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var listed = await GetFaultsAsync();
        Assert.Empty(listed.RootElement.GetProperty("modes").EnumerateArray());
    }

    [Fact]
    public async Task A_retrying_client_reads_exactly_the_clean_run_under_every_fault_at_once()
    {
        var clean = await ReadAllWithRetriesAsync(size: 4);
        Assert.Equal(FaultEmulatorFixture.Total, clean.Ids.Count);

        await SetFaultAsync(new { mode = "throttle", every = 3, retryAfterSeconds = 0 });
        await SetFaultAsync(new { mode = "burst", every = 5, length = 2, status = 503 });
        await SetFaultAsync(new { mode = "reset", every = 7 });
        await SetFaultAsync(new { mode = "truncate", every = 2 });
        await SetFaultAsync(new { mode = "expire-after", requests = 6, repeat = true });
        await Emulator.ResetStatsAsync();

        var faulted = await ReadAllWithRetriesAsync(size: 4);

        Assert.Equal(clean.Ids, faulted.Ids);
        Assert.True(faulted.Failures > 0);
        using var stats = await Emulator.GetStatsAsync();
        foreach (var kind in new[] { "throttle", "burst", "reset", "truncate", "revoked401" }) Assert.True(Fault(stats, kind) > 0, kind);
    }

    [Fact]
    public async Task Faults_given_on_the_command_line_are_active_from_the_start_and_shown_by_verbose()
    {
        await using var emulator = await EmulatorProcess.StartAsync("--invoices", "5", "--verbose", "--fault-429-every", "every=2,retryAfterSeconds=3",
            "--fault-reset-every", "3", "--latency-ms", "1", "--fault-path-prefix", "/v1/invoices");
        var token = await emulator.GetTokenAsync();

        using (var first = await emulator.GetAsync("v1/invoices", token))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var second = await emulator.GetAsync("v1/invoices", token))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(3), second.Headers.RetryAfter?.Delta);
        }
        await Assert.ThrowsAsync<HttpRequestException>(() => emulator.GetAsync("v1/invoices", token));
        // Outside the prefix nothing is counted or failed.
        for (var i = 0; i < 3; i++)
            using (var other = await emulator.GetAsync("v1/customers", token))
                Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        using var listed = await emulator.Client.GetAsync("_emulator/faults");
        using var body = JsonDocument.Parse(await listed.Content.ReadAsStringAsync());
        Assert.Equal(["throttle", "reset", "latency"], body.RootElement.GetProperty("modes").EnumerateArray().Select(m => m.GetProperty("mode").GetString()));

        Assert.Equal(0, await emulator.TerminateAsync(TimeSpan.FromSeconds(15)));
        Assert.Contains("fault throttle every 2 (Retry-After 3) under /v1/invoices", emulator.StandardError);
        Assert.Contains("GET /v1/invoices -> 429", emulator.StandardError);
        Assert.Contains("GET /v1/invoices -> reset", emulator.StandardError);
    }

    /// <summary>Pages through everything as a careful client would: retry any failed attempt, renew the token on 401.</summary>
    private async Task<(List<string> Ids, int Failures)> ReadAllWithRetriesAsync(int size)
    {
        var ids = new List<string>();
        var failures = 0;
        var token = await Emulator.GetTokenAsync();
        string? uri = $"v1/invoices?size={size}";
        var headers = Array.Empty<(string, string)>();
        while (uri is not null)
        {
            JsonElement page = default;
            for (var attempt = 1; ; attempt++)
            {
                Assert.True(attempt <= 10, $"GET {uri} kept failing");
                try
                {
                    using var response = await Emulator.GetAsync(uri, token, headers);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                        break;
                    }
                    if (response.StatusCode == HttpStatusCode.Unauthorized) token = await Emulator.GetTokenAsync();
                }
                catch (HttpRequestException)
                {
                }
                failures++;
            }
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(InvoicePages.Id));
            uri = null;
            if (page.GetProperty("links").TryGetProperty("next", out var next))
            {
                uri = "v1" + next.GetProperty("uri").GetString();
                headers = [.. next.GetProperty("headers").EnumerateArray()
                    .Select(h => (h.GetProperty("key").GetString()!, h.GetProperty("value").GetString()!))];
            }
        }
        return (ids, failures);
    }

    private async Task SetFaultAsync(object body)
    {
        using var response = await Emulator.Client.PostAsJsonAsync("_emulator/faults", body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task ClearFaultsAsync()
    {
        using var response = await Emulator.Client.DeleteAsync("_emulator/faults");
        response.EnsureSuccessStatusCode();
    }

    private async Task<JsonDocument> GetFaultsAsync()
    {
        using var response = await Emulator.Client.GetAsync("_emulator/faults");
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static long Fault(JsonDocument stats, string kind) =>
        stats.RootElement.GetProperty("faultsInjected").GetProperty(kind).GetInt64();

    private static long ByStatus(JsonDocument stats, int status) =>
        stats.RootElement.GetProperty("apiRequestsByStatus").TryGetProperty($"{status}", out var count) ? count.GetInt64() : 0;
}
