using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;

namespace PartnerCenterInvoices.Emulator.Identity;

/// <summary>The applications registered in the partner tenant, found by client id as Entra ID does (case-insensitively).</summary>
/// <remarks>Tests register more at run time (<c>POST /_emulator/apps</c>), so lookups and registrations may meet.</remarks>
internal sealed class ApplicationDirectory
{
    private readonly ConcurrentDictionary<string, RegisteredApplication> _byClientId = new(StringComparer.OrdinalIgnoreCase);

    public ApplicationDirectory(IEnumerable<KeyValuePair<string, string>> applications) : this(applications, [], []) { }

    /// <summary>Apps with secrets (the first is the default app), certificates added to apps by id, and public client ids.</summary>
    public ApplicationDirectory(IEnumerable<KeyValuePair<string, string>> secrets,
        IEnumerable<KeyValuePair<string, X509Certificate2>> certificates, IEnumerable<string> publicClients)
    {
        var secretById = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var order = new List<string>();
        foreach (var (clientId, secret) in secrets)
        {
            if (!secretById.ContainsKey(clientId)) order.Add(clientId);
            secretById[clientId] = secret;
        }
        var certificatesById = certificates.GroupBy(c => c.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<X509Certificate2>)[.. g.Select(c => c.Value)], StringComparer.OrdinalIgnoreCase);
        var publicIds = new HashSet<string>(publicClients, StringComparer.OrdinalIgnoreCase);

        foreach (var clientId in order.Concat(certificatesById.Keys).Concat(publicIds).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            _byClientId[clientId] = new RegisteredApplication(clientId, secretById.GetValueOrDefault(clientId),
                certificatesById.GetValueOrDefault(clientId), publicIds.Contains(clientId));
        }
        DefaultClientId = order.Count > 0 ? order[0] : _byClientId.Keys.First();
    }

    public string DefaultClientId { get; }

    public RegisteredApplication? Find(string clientId) => _byClientId.GetValueOrDefault(clientId);

    /// <summary>Registers an app, replacing any registration with the same client id.</summary>
    public void Register(RegisteredApplication application) => _byClientId[application.ClientId] = application;
}
