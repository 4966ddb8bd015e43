using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>One emulator for the Graph billing export specs: 500 lines in 3 blobs, and a second app without Graph consent.</summary>
public sealed class GraphEmulatorFixture : IAsyncLifetime
{
    public const int Seed = 11;
    public const int Lines = 500;
    public const int Blobs = 3;
    public const string UnconsentedApplicationId = "44444444-4444-4444-4444-444444444444";
    public const string UnconsentedSecret = "unconsented-secret";

    public EmulatorProcess Emulator { get; private set; } = null!;

    /// <summary>An app-only Graph token of the default app (it has PartnerBilling.Read.All).</summary>
    public string GraphToken { get; private set; } = null!;

    public string BlobBaseUrl { get; private set; } = null!;

    public static string[] Arguments(params string[] more) =>
    [
        "--seed", $"{Seed}", "--export-lines", $"{Lines}", "--export-blobs", $"{Blobs}",
        "--app", $"{EmulatorProcess.ApplicationId}={EmulatorProcess.ClientSecret}", "--app", $"{UnconsentedApplicationId}={UnconsentedSecret}",
        "--no-graph-consent", UnconsentedApplicationId, .. more,
    ];

    public async Task InitializeAsync()
    {
        Emulator = await EmulatorProcess.StartAsync(Arguments());
        GraphToken = await GraphExports.GetGraphTokenAsync(Emulator);
        BlobBaseUrl = await GraphExports.GetBlobBaseUrlAsync(Emulator);
    }

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class GraphEmulatorCollection : ICollectionFixture<GraphEmulatorFixture>
{
    public const string Name = "Graph billing emulator";
}

/// <summary>What a Graph billing client does, step by step, so the specs read as the flow: export, poll, manifest, blobs.</summary>
internal static class GraphExports
{
    public const string BilledReconciliation = "v1.0/reports/partners/billing/reconciliation/billed/export";
    public const string UnbilledReconciliation = "v1.0/reports/partners/billing/reconciliation/unbilled/export";
    public const string BilledUsage = "v1.0/reports/partners/billing/usage/billed/export";
    public const string UnbilledUsage = "v1.0/reports/partners/billing/usage/unbilled/export";

    /// <summary>The first new-commerce ("G") and legacy ("D") invoice ids of the fixture's seed.</summary>
    public static string FirstInvoiceId(InvoiceType type, long seed = GraphEmulatorFixture.Seed)
    {
        var generator = new InvoiceGenerator(seed);
        for (var i = 0L; ; i++)
            if (generator.TypeOf(i) == type) return $"{(type == InvoiceType.OneTime ? 'G' : 'D')}{i + 1:D9}";
    }

    public static async Task<string> GetGraphTokenAsync(EmulatorProcess emulator, string clientId = EmulatorProcess.ApplicationId, string secret = EmulatorProcess.ClientSecret)
    {
        using var response = await emulator.RequestTokenAsync(EmulatorProcess.TenantName, new()
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
            ["scope"] = "https://graph.microsoft.com/.default",
        });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("access_token").GetString()!;
    }

    public static async Task<string> GetBlobBaseUrlAsync(EmulatorProcess emulator)
    {
        using var response = await emulator.Client.GetAsync("_emulator/info");
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(emulator.BaseUrl, body.RootElement.GetProperty("baseUrl").GetString());
        return body.RootElement.GetProperty("blobBaseUrl").GetString()!;
    }

    public static async Task<HttpResponseMessage> PostAsync(EmulatorProcess emulator, string path, string? token, string json, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await emulator.Client.SendAsync(request);
    }

    /// <summary>POSTs an export and returns its operation URL (202 and a Location are asserted).</summary>
    public static async Task<string> StartAsync(EmulatorProcess emulator, string token, string path, string json)
    {
        using var response = await PostAsync(emulator, path, token, json);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Expected 202, got {(int)response.StatusCode}: {text}");
        Assert.Equal("", text);
        return response.Headers.Location!.ToString();
    }

    public static async Task<(JsonElement Body, HttpResponseMessage Response)> PollAsync(EmulatorProcess emulator, string token, string operationUrl)
    {
        var response = await emulator.GetAsync(operationUrl, token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        return (JsonDocument.Parse(text).RootElement.Clone(), response);
    }

    /// <summary>Polls until the operation is no longer running (at most 50 polls, without waiting) and returns the last answer.</summary>
    public static async Task<JsonElement> PollUntilDoneAsync(EmulatorProcess emulator, string token, string operationUrl)
    {
        for (var i = 0; i < 50; i++)
        {
            var (body, response) = await PollAsync(emulator, token, operationUrl);
            response.Dispose();
            if (body.GetProperty("status").GetString() is not ("notStarted" or "running")) return body;
            await Task.Delay(100);
        }
        throw new TimeoutException("The operation kept running.");
    }

    /// <summary>The manifest of a finished export, by its navigation link or inline.</summary>
    public static async Task<JsonElement> ManifestAsync(EmulatorProcess emulator, string token, JsonElement operation)
    {
        if (operation.TryGetProperty("resourceLocation", out var inline)) return inline;
        using var response = await emulator.GetAsync(operation.GetProperty("resourceLocation@odata.navigationLink").GetString()!, token);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Export, poll and manifest in one: the manifest of a fresh export.</summary>
    public static async Task<JsonElement> ExportAsync(EmulatorProcess emulator, string token, string path, string json)
    {
        var operation = await PollUntilDoneAsync(emulator, token, await StartAsync(emulator, token, path, json));
        Assert.Equal("succeeded", operation.GetProperty("status").GetString());
        return await ManifestAsync(emulator, token, operation);
    }

    public static IEnumerable<string> BlobUrls(JsonElement manifest) =>
        manifest.GetProperty("blobs").EnumerateArray().Select(b =>
            $"{manifest.GetProperty("rootDirectory").GetString()}/{b.GetProperty("name").GetString()}?{manifest.GetProperty("sasToken").GetString()}");

    public static async Task<byte[]> DownloadAsync(EmulatorProcess emulator, string url)
    {
        using var response = await emulator.Client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {Encoding.UTF8.GetString(bytes)}");
        return bytes;
    }

    /// <summary>The JSON lines of one gzip blob, each parsed.</summary>
    public static List<JsonElement> Lines(byte[] gzip)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var text = new MemoryStream();
        input.CopyTo(text);
        var content = Encoding.UTF8.GetString(text.ToArray());
        Assert.EndsWith("\n", content);
        return [.. content[..^1].Split('\n').Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    /// <summary>Every line of an export, blob after blob.</summary>
    public static async Task<List<JsonElement>> AllLinesAsync(EmulatorProcess emulator, JsonElement manifest)
    {
        var lines = new List<JsonElement>();
        foreach (var url in BlobUrls(manifest)) lines.AddRange(Lines(await DownloadAsync(emulator, url)));
        return lines;
    }

    /// <summary>Checks a Graph error: status, <c>{"error":{"code","message","innerError":{date,request-id,client-request-id}}}</c>, headers.</summary>
    public static async Task<JsonElement> AssertGraphErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? messageContains = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error").Clone();
        Assert.Equal(code, error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        if (messageContains is not null) Assert.Contains(messageContains, message, StringComparison.OrdinalIgnoreCase);
        var inner = error.GetProperty("innerError");
        Assert.True(DateTime.TryParse(inner.GetProperty("date").GetString(), out _));
        var requestId = response.Headers.GetValues("request-id").Single();
        Assert.Equal(requestId, inner.GetProperty("request-id").GetString());
        Assert.Equal(response.Headers.GetValues("client-request-id").Single(), inner.GetProperty("client-request-id").GetString());
        return error;
    }

    /// <summary>Checks an Azure Storage error: status, XML <c>Code</c>, optional <c>AuthenticationErrorDetail</c> text, and x-ms-error-code.</summary>
    public static async Task<string> AssertStorageErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string? detailContains = null)
    {
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/xml", response.Content.Headers.ContentType?.MediaType);
        var xml = System.Xml.Linq.XDocument.Parse(text);
        Assert.Equal("Error", xml.Root!.Name.LocalName);
        Assert.Equal(code, xml.Root.Element("Code")!.Value);
        Assert.Contains("RequestId:", xml.Root.Element("Message")!.Value);
        Assert.Equal(code, response.Headers.GetValues("x-ms-error-code").Single());
        if (detailContains is not null) Assert.Contains(detailContains, xml.Root.Element("AuthenticationErrorDetail")!.Value);
        return text;
    }
}
