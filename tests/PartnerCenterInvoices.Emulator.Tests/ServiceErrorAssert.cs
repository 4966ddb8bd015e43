using System.Net;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>Checks that a response is a Partner Center error: the status, the JSON body's shape, and the correlation headers.</summary>
public static class ServiceErrorAssert
{
    public static async Task<JsonElement> IsAsync(HttpResponseMessage response, HttpStatusCode status, string? descriptionContains = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(JsonValueKind.Number, body.GetProperty("code").ValueKind);
        var description = body.GetProperty("description").GetString();
        Assert.False(string.IsNullOrWhiteSpace(description));
        Assert.True(description!.Length <= 1024);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("data").ValueKind);
        Assert.Equal("PartnerCenter", body.GetProperty("source").GetString());
        if (descriptionContains is not null) Assert.Contains(descriptionContains, description, StringComparison.OrdinalIgnoreCase);
        Assert.True(response.Headers.TryGetValues("MS-CorrelationId", out var correlation) && !string.IsNullOrEmpty(correlation.Single()));
        Assert.True(response.Headers.TryGetValues("MS-RequestId", out var requestId) && !string.IsNullOrEmpty(requestId.Single()));
        return body;
    }
}
