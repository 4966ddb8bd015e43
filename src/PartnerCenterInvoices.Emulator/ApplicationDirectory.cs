namespace PartnerCenterInvoices.Emulator;

/// <summary>The applications registered in the partner tenant, found by client id as Entra ID does (case-insensitively).</summary>
internal sealed class ApplicationDirectory
{
    private readonly Dictionary<string, RegisteredApplication> _byClientId = new(StringComparer.OrdinalIgnoreCase);

    public ApplicationDirectory(IEnumerable<KeyValuePair<string, string>> applications)
    {
        foreach (var (clientId, secret) in applications) _byClientId[clientId] = new RegisteredApplication(clientId, secret);
        DefaultClientId = _byClientId.Keys.First();
    }

    public string DefaultClientId { get; }

    public RegisteredApplication? Find(string clientId) => _byClientId.GetValueOrDefault(clientId);
}
