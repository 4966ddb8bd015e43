using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>
/// An emulator of its own for the sign-in tests (they register apps and revoke tokens): the default app with a
/// certificate beside its secret, a certificate-only app from a PEM file and one from a DER file, and the default
/// public client.
/// </summary>
public sealed class SignInEmulatorFixture : IAsyncLifetime
{
    public const string CertificateAppId = "44444444-4444-4444-4444-444444444444";
    public const string DerCertificateAppId = "55555555-5555-5555-5555-555555555555";
    public const string PublicAppId = "33333333-3333-3333-3333-333333333333";
    public const string UserScope = "https://api.partnercenter.microsoft.com/user_impersonation offline_access openid profile";

    private readonly List<string> _files = [];

    public EmulatorProcess Emulator { get; private set; } = null!;

    /// <summary>The certificate of <see cref="CertificateAppId"/>, with its private key.</summary>
    public X509Certificate2 Certificate { get; } = ClientAssertions.CreateCertificate();

    /// <summary>The certificate registered beside the default app's secret.</summary>
    public X509Certificate2 DefaultAppCertificate { get; } = ClientAssertions.CreateCertificate("CN=default app");

    public X509Certificate2 DerCertificate { get; } = ClientAssertions.CreateCertificate("CN=der app");

    public string TokenEndpoint => $"{Emulator.BaseUrl}/{EmulatorProcess.TenantName}/oauth2/v2.0/token";

    public async Task InitializeAsync()
    {
        var pem = WriteFile(".pem", System.Text.Encoding.ASCII.GetBytes(Certificate.ExportCertificatePem()));
        var defaultPem = WriteFile(".pem", System.Text.Encoding.ASCII.GetBytes(DefaultAppCertificate.ExportCertificatePem()));
        var der = WriteFile(".cer", DerCertificate.Export(X509ContentType.Cert));
        // Verbose, so the tests can check that no token, code or assertion ever reaches the log.
        Emulator = await EmulatorProcess.StartAsync("--verbose", "--seed", "7", "--invoices", "40", "--app-cert", $"{CertificateAppId}={pem}",
            "--app-cert", $"{EmulatorProcess.ApplicationId}={defaultPem}", "--app-cert", $"{DerCertificateAppId}={der}");
    }

    public async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        foreach (var file in _files) File.Delete(file);
    }

    /// <summary>A refresh token minted by <c>POST /_emulator/refresh-tokens</c>.</summary>
    public async Task<string> MintRefreshTokenAsync(string? user = null, double? lifetimeDays = null, string? clientId = null)
    {
        var query = new List<string>();
        if (user is not null) query.Add("user=" + Uri.EscapeDataString(user));
        if (lifetimeDays is double days) query.Add("lifetimeDays=" + days.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (clientId is not null) query.Add("clientId=" + clientId);
        using var response = await Emulator.Client.PostAsync("_emulator/refresh-tokens?" + string.Join('&', query), null);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("refresh_token").GetString()!;
    }

    private string WriteFile(string extension, byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pc-emulator-app-{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, content);
        _files.Add(path);
        return path;
    }
}
