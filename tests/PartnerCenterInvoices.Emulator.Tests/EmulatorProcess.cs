using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>A real emulator process, started as the module's tests start it, and an HTTPS client that trusts exactly its certificate.</summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    public const string ApplicationId = "11111111-1111-1111-1111-111111111111";
    public const string ClientSecret = "emulator-secret";
    public const string TenantName = "contoso.onmicrosoft.com";
    public const string TenantId = "22222222-2222-2222-2222-222222222222";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly StringBuilder _stderr;
    private readonly List<string> _stdoutAfterReady = [];
    private readonly Task _stdoutDrain;
    private readonly Task _stderrDrain;

    private EmulatorProcess(Process process, string baseUrl, string certificatePath, StringBuilder stderr, Task stderrDrain)
    {
        _stderr = stderr;
        Process = process;
        BaseUrl = baseUrl;
        CertificatePath = certificatePath;
        Certificate = X509Certificate2.CreateFromPem(File.ReadAllText(certificatePath));
        var expected = Certificate.RawData;
        var handler = new HttpClientHandler
        {
            // Trust this emulator's certificate and nothing else: the raw bytes must match.
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.RawData.AsSpan().SequenceEqual(expected),
        };
        Client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl + "/"), Timeout = TimeSpan.FromSeconds(30) };
        _stderrDrain = stderrDrain;
        _stdoutDrain = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
                lock (_stdoutAfterReady) _stdoutAfterReady.Add(line);
        });
    }

    public Process Process { get; }
    public string BaseUrl { get; }
    public string CertificatePath { get; }
    public X509Certificate2 Certificate { get; }
    public HttpClient Client { get; }

    public string StandardError
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    /// <summary>Lines the emulator wrote to stdout after its ready line (there must be none).</summary>
    public IReadOnlyList<string> LaterStandardOutput
    {
        get { lock (_stdoutAfterReady) return [.. _stdoutAfterReady]; }
    }

    /// <summary>The emulator dll the build placed beside this test assembly (with its runtimeconfig), run with dotnet.</summary>
    public static string EmulatorDll
    {
        get
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "PartnerCenterInvoices.Emulator.dll");
            if (!File.Exists(dll) || !File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")))
                throw new InvalidOperationException($"The emulator is not built beside the tests: {dll}");
            return dll;
        }
    }

    /// <summary>Runs the emulator with exactly these arguments until it exits (30 s at most), for what it does when it cannot serve.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunToExitAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(EmulatorDll);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public static async Task<EmulatorProcess> StartAsync(params string[] arguments)
    {
        var certificatePath = Path.Combine(Path.GetTempPath(), $"pc-emulator-test-{Guid.NewGuid():N}.pem");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { EmulatorDll, "--port", "0", "--cert-file", certificatePath }.Concat(arguments)) info.ArgumentList.Add(argument);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var stderr = new StringBuilder();
        var stderrDrain = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync() is { } line)
                lock (stderr) stderr.AppendLine(line);
        });

        string? ready;
        using (var timeout = new CancellationTokenSource(ReadyTimeout))
        {
            try
            {
                ready = await process.StandardOutput.ReadLineAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                ready = null;
            }
        }
        if (ready is null)
        {
            if (!process.HasExited) process.Kill();
            await process.WaitForExitAsync();
            await stderrDrain;
            throw new InvalidOperationException($"The emulator did not report ready. stderr:\n{stderr}");
        }

        return new EmulatorProcess(process, ready, certificatePath, stderr, stderrDrain);
    }

    public async Task<string> GetTokenAsync()
    {
        using var response = await RequestTokenAsync(TenantName, new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = ApplicationId,
            ["client_secret"] = ClientSecret,
            ["scope"] = "https://api.partnercenter.microsoft.com/.default",
        });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    public Task<HttpResponseMessage> RequestTokenAsync(string tenant, Dictionary<string, string> form) =>
        Client.PostAsync($"{tenant}/oauth2/v2.0/token", new FormUrlEncodedContent(form));

    /// <summary>A token minted by <c>POST /_emulator/token</c>, with any lifetime (negative: already expired).</summary>
    public async Task<string> MintTokenAsync(int? lifetimeSeconds = null, string? audience = null)
    {
        var uri = $"_emulator/token?appId={ApplicationId}";
        if (lifetimeSeconds is int lifetime) uri += $"&lifetime={lifetime}";
        if (audience is not null) uri += $"&audience={Uri.EscapeDataString(audience)}";
        using var response = await Client.PostAsync(uri, null);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>GET a path relative to the base URL ("v1/invoices?...") with a bearer token and extra headers.</summary>
    public async Task<HttpResponseMessage> GetAsync(string relativeUri, string? token, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, relativeUri.TrimStart('/'));
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await Client.SendAsync(request);
    }

    public async Task<JsonDocument> GetStatsAsync()
    {
        using var response = await Client.GetAsync("_emulator/stats");
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    public async Task ResetStatsAsync()
    {
        using var response = await Client.PostAsync("_emulator/reset", null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Sends SIGTERM, as a service manager or Ctrl+C would, and waits for a clean exit.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        using var wait = new CancellationTokenSource(timeout);
        await Process.WaitForExitAsync(wait.Token);
        await _stdoutDrain;
        await _stderrDrain;
        return Process.ExitCode;
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await Process.WaitForExitAsync(wait.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!Process.HasExited)
        {
            Process.Kill();
            await Process.WaitForExitAsync();
        }
        Process.Dispose();
        File.Delete(CertificatePath);
    }
}
