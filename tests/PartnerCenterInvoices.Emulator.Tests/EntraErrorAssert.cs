using System.Net;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>Checks that a response is a Microsoft Entra ID token endpoint error with the given status, error and AADSTS code.</summary>
public static class EntraErrorAssert
{
    public static async Task<JsonElement> IsAsync(HttpResponseMessage response, HttpStatusCode status, string error, int code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        var body = JsonDocument.Parse(text).RootElement.Clone();
        Assert.True(error == body.GetProperty("error").GetString(), $"Expected error '{error}': {text}");
        Assert.StartsWith($"AADSTS{code}: ", body.GetProperty("error_description").GetString());
        Assert.Equal(code, Assert.Single(body.GetProperty("error_codes").EnumerateArray()).GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("timestamp").GetString()));
        Assert.True(Guid.TryParse(body.GetProperty("trace_id").GetString(), out _));
        Assert.True(Guid.TryParse(body.GetProperty("correlation_id").GetString(), out _));
        Assert.DoesNotContain(EmulatorProcess.ClientSecret, text);
        return body;
    }
}
