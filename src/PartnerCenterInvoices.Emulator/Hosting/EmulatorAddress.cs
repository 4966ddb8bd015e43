namespace PartnerCenterInvoices.Emulator.Hosting;

/// <summary>The base URL the emulator listens on; known only once Kestrel has bound its port.</summary>
internal sealed class EmulatorAddress
{
    private string? _baseUrl;

    public string BaseUrl
    {
        get => _baseUrl ?? throw new InvalidOperationException("The emulator has not bound its port yet.");
        set => _baseUrl = value.TrimEnd('/');
    }
}
