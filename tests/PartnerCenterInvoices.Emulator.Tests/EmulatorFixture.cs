namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>The emulators most tests share, started once and in parallel: 0, 1 and 250 invoices, in both paging modes.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const int Seed = 11;
    public const int MainTotal = 250;

    private readonly Dictionary<(string Paging, int Total), (EmulatorProcess Emulator, string Token)> _emulators = [];

    /// <summary>250 invoices, continuation paging: the one most tests read.</summary>
    public EmulatorProcess Main => _emulators[("continuation", MainTotal)].Emulator;
    public string MainToken => _emulators[("continuation", MainTotal)].Token;

    public (EmulatorProcess Emulator, string Token) Get(string paging, int total) => _emulators[(paging, total)];

    public async Task InitializeAsync()
    {
        var started = new[] { "continuation", "offset" }
            .SelectMany(paging => new[] { 0, 1, MainTotal }.Select(total => (paging, total)))
            .Select(async key =>
            {
                var emulator = await EmulatorProcess.StartAsync("--seed", $"{Seed}", "--invoices", $"{key.total}", "--paging", key.paging);
                return (key, emulator, token: await emulator.GetTokenAsync());
            })
            .ToList();
        foreach (var (key, emulator, token) in await Task.WhenAll(started)) _emulators[key] = (emulator, token);
    }

    public async Task DisposeAsync()
    {
        foreach (var (emulator, _) in _emulators.Values) await emulator.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class EmulatorCollection : ICollectionFixture<EmulatorFixture>
{
    public const string Name = "Shared emulators";
}
