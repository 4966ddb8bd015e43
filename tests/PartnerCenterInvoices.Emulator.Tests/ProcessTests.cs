using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>The emulator as a process: its one stdout line, its certificate, how it stops, how it refuses a bad command line.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task Prints_only_the_base_url_and_exits_cleanly_on_SIGTERM()
    {
        await using var emulator = await EmulatorProcess.StartAsync("--verbose", "--app", "44444444-4444-4444-4444-444444444444=s3cret-value");

        Assert.Matches(@"^https://127\.0\.0\.1:\d+$", emulator.BaseUrl);
        var port = new Uri(emulator.BaseUrl).Port;
        Assert.InRange(port, 1, 65535);

        using var response = await emulator.RequestTokenAsync(EmulatorProcess.TenantName, new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "44444444-4444-4444-4444-444444444444",
            ["client_secret"] = "s3cret-value",
            ["scope"] = "https://api.partnercenter.microsoft.com/.default",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
        using (var invoices = await emulator.GetAsync("v1/invoices?size=3", token))
            Assert.Equal(HttpStatusCode.OK, invoices.StatusCode);
        // The default app is not registered when --app names another.
        Assert.Equal(HttpStatusCode.BadRequest, (await emulator.RequestTokenAsync(EmulatorProcess.TenantName, new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = EmulatorProcess.ApplicationId,
            ["client_secret"] = EmulatorProcess.ClientSecret,
            ["scope"] = "https://api.partnercenter.microsoft.com/.default",
        })).StatusCode);

        var exitCode = await emulator.TerminateAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(0, exitCode);
        Assert.Empty(emulator.LaterStandardOutput);
        var stderr = emulator.StandardError;
        Assert.Contains("GET /v1/invoices?size=3 -> 200", stderr);
        Assert.Contains("/oauth2/v2.0/token -> 200", stderr);
        Assert.DoesNotContain("s3cret-value", stderr);
        Assert.DoesNotContain(token, stderr);
        Assert.DoesNotContain(token.Split('.')[2], stderr);
    }

    [Fact]
    public async Task Writes_a_self_signed_loopback_certificate_for_the_client_to_trust()
    {
        await using var emulator = await EmulatorProcess.StartAsync("--invoices", "1");
        var certificate = emulator.Certificate;

        Assert.False(certificate.HasPrivateKey);
        Assert.Equal(certificate.Subject, certificate.Issuer);
        var now = DateTime.Now;
        Assert.InRange(certificate.NotBefore, now.AddDays(-1.1), now.AddDays(-0.9));
        Assert.InRange(certificate.NotAfter, now.AddDays(29.9), now.AddDays(30.1));
        var names = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Contains(IPAddress.Loopback, names.EnumerateIPAddresses());
        Assert.Contains("localhost", names.EnumerateDnsNames());
        Assert.Contains(certificate.Extensions.OfType<X509KeyUsageExtension>(), _ => true);
        Assert.Equal(2048, certificate.GetRSAPublicKey()!.KeySize);

        // The client of the tests trusted it by its raw bytes; a request succeeding proves the server presents it.
        using var stats = await emulator.Client.GetAsync("_emulator/stats");
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
    }
}

/// <summary>A client pinned to one emulator's certificate refuses another's. A class of its own, so it runs beside the others.</summary>
public sealed class ProcessTrustTests
{
    [Fact]
    public async Task A_client_that_trusts_another_emulator_refuses_this_one()
    {
        var starting = new[] { EmulatorProcess.StartAsync("--invoices", "1"), EmulatorProcess.StartAsync("--invoices", "1") };
        await using var first = await starting[0];
        await using var second = await starting[1];
        var expected = first.Certificate.RawData;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.RawData.AsSpan().SequenceEqual(expected),
        };
        using var client = new HttpClient(handler);
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(second.BaseUrl + "/_emulator/stats"));
    }
}

/// <summary>Watching the parent process (--parent-pid).</summary>
public sealed class ProcessParentTests
{
    [Fact]
    public async Task Shuts_down_when_the_parent_process_exits()
    {
        // A sleep the test ends itself once the emulator is up: a fixed short sleep could end before a
        // loaded machine has the emulator ready.
        using var parent = Process.Start(new ProcessStartInfo("sleep", "120") { UseShellExecute = false })!;
        try
        {
            await using var emulator = await EmulatorProcess.StartAsync("--parent-pid", parent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Task.Delay(700);
            Assert.False(emulator.Process.HasExited, "The emulator stopped while its parent was alive.");

            parent.Kill();
            await parent.WaitForExitAsync();
            Assert.True(await emulator.WaitForExitAsync(TimeSpan.FromSeconds(15)), "The emulator outlived its parent.");
            Assert.Equal(0, emulator.Process.ExitCode);
        }
        finally
        {
            if (!parent.HasExited) parent.Kill();
        }
    }

    [Fact]
    public async Task Exits_cleanly_without_serving_when_the_parent_is_already_gone()
    {
        int goneId;
        using (var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
        {
            await gone.WaitForExitAsync();
            goneId = gone.Id;
        }
        var (exitCode, stdout, stderr) = await EmulatorProcess.RunToExitAsync("--parent-pid", goneId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain("Unhandled exception", stderr);
        // It may have printed its ready line if it bound before the first check; never anything else.
        Assert.Matches(@"^(https://127\.0\.0\.1:\d+\n)?$", stdout.Replace("\r", ""));
    }
}

/// <summary>What the command line refuses, before anything listens.</summary>
public sealed class ProcessRefusalTests
{
    [Theory]
    [InlineData("--bogus")]
    [InlineData("--port", "70000")]
    [InlineData("--invoices", "-1")]
    [InlineData("--invoices", "10000001")]
    [InlineData("--paging", "sideways")]
    [InlineData("--app", "no-secret")]
    [InlineData("--token-lifetime", "0")]
    [InlineData("--seed")]
    [InlineData("--fault-5xx-burst", "length=2")]
    [InlineData("--app-cert", "44444444-4444-4444-4444-444444444444=/no/such/certificate.pem")]
    public async Task Refuses_a_bad_command_line_with_exit_code_2_and_nothing_on_stdout(params string[] arguments)
    {
        var (exitCode, stdout, stderr) = await EmulatorProcess.RunToExitAsync(arguments);

        Assert.Equal(2, exitCode);
        Assert.Equal("", stdout);
        Assert.Contains(arguments[0].Split('=')[0], stderr);
    }
}

/// <summary>What the emulator does when it cannot start, and what the command line sets.</summary>
public sealed class ProcessCommandLineTests
{
    [Fact]
    public async Task A_port_in_use_or_an_unwritable_certificate_file_is_exit_code_1_with_one_line_on_stderr()
    {
        await using var running = await EmulatorProcess.StartAsync("--invoices", "0");
        var port = new Uri(running.BaseUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var arguments in new[] { new[] { "--port", port }, ["--cert-file", "/proc/no-such-dir/cert.pem"] })
        {
            var (exitCode, stdout, stderr) = await EmulatorProcess.RunToExitAsync(arguments);

            Assert.Equal(1, exitCode);
            Assert.Equal("", stdout);
            Assert.StartsWith("emulator: cannot ", stderr);
            Assert.DoesNotContain("   at ", stderr);
        }
    }

    [Fact]
    public async Task Serves_custom_tenants_seed_and_token_lifetime()
    {
        await using var emulator = await EmulatorProcess.StartAsync("--tenant", "fabrikam.onmicrosoft.com", "--tenant", "55555555-5555-5555-5555-555555555555",
            "--token-lifetime", "600", "--invoices", "10000000", "--seed", "3");
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = EmulatorProcess.ApplicationId,
            ["client_secret"] = EmulatorProcess.ClientSecret,
            ["scope"] = "https://api.partnercenter.microsoft.com/.default",
        };
        using (var unknown = await emulator.RequestTokenAsync(EmulatorProcess.TenantName, form))
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        using var response = await emulator.RequestTokenAsync("fabrikam.onmicrosoft.com", form);
        var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(600, body.GetProperty("expires_in").GetInt32());
        var token = body.GetProperty("access_token").GetString()!;

        // Deep in ten million invoices, an offset page is as quick as the first, and ends where the data ends.
        using var last = await emulator.GetAsync("v1/invoices?size=1000&offset=9999990", token);
        var page = System.Text.Json.JsonDocument.Parse(await last.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(10, page.GetProperty("totalCount").GetInt32());
        Assert.Equal("G010000000", InvoicePages.Id(page.GetProperty("items")[9]).Replace('D', 'G'));
        Assert.False(page.GetProperty("links").TryGetProperty("next", out _));
        Assert.True(InvoicePages.InvoiceDate(page.GetProperty("items")[9]).Year > 1);

        // A date filter that matches nothing at all answers at once, without walking ten million invoices.
        var filter = Uri.EscapeDataString("""{"Field":"InvoiceDate","Value":"2030-01-01T00:00:00Z","Operator":"greater_than"}""");
        var watch = Stopwatch.StartNew();
        using var none = await emulator.GetAsync($"v1/invoices?filter={filter}", token);
        Assert.Equal(0, System.Text.Json.JsonDocument.Parse(await none.Content.ReadAsStringAsync()).RootElement.GetProperty("totalCount").GetInt32());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
    }
}
