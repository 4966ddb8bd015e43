using System.Globalization;

namespace PartnerCenterInvoices.Emulator;

/// <summary>The emulator's command line. Everything is optional; the defaults are what the tests and the demo expect.</summary>
internal sealed class EmulatorOptions
{
    public const string DefaultApplicationId = "11111111-1111-1111-1111-111111111111";
    public const string DefaultClientSecret = "emulator-secret";

    // Invoice dates fall about 16 a day before a fixed base date; past ten million invoices they
    // would run off the start of the calendar (see InvoiceGenerator), so that is the ceiling.
    public const long MaxInvoiceCount = 10_000_000;

    public int Port { get; private set; }
    public string? CertificateFile { get; private set; }
    public int? ParentProcessId { get; private set; }
    public long Seed { get; private set; } = 1;
    public long InvoiceCount { get; private set; } = 250;
    public int TokenLifetimeSeconds { get; private set; } = 3600;
    public PagingMode Paging { get; private set; } = PagingMode.Continuation;
    public IReadOnlyList<KeyValuePair<string, string>> Applications { get; private set; } = [];
    public IReadOnlyList<string> Tenants { get; private set; } = [];
    public bool Verbose { get; private set; }
    public bool ShowHelp { get; private set; }

    public const string Usage = """
        PartnerCenterInvoices.Emulator: a local Partner Center invoice API and Entra ID token endpoint.

          --port N                      port on 127.0.0.1 (default 0: a free port)
          --cert-file PATH              write the server certificate (PEM, public part) to PATH before ready
          --parent-pid PID              shut down when that process ends
          --seed N                      data seed (default 1)
          --invoices N                  number of invoices, 0..10000000 (default 250)
          --token-lifetime SECONDS      access token lifetime (default 3600)
          --paging continuation|offset  how next links page (default continuation)
          --app CLIENTID=SECRET         a registered confidential app (repeatable)
          --tenant NAME                 a name of the partner tenant (repeatable)
          --verbose                     one line per request on stderr
        When ready, the base URL is written to stdout as the only line, e.g. https://127.0.0.1:41234
        """;

    public static EmulatorOptions Parse(IReadOnlyList<string> args)
    {
        var options = new EmulatorOptions();
        var applications = new List<KeyValuePair<string, string>>();
        var tenants = new List<string>();

        for (var i = 0; i < args.Count; i++)
        {
            var argument = args[i];
            string? inlineValue = null;
            // "--name=value" reads as well as "--name value": scripts build either.
            var equals = argument.IndexOf('=');
            if (argument.StartsWith("--", StringComparison.Ordinal) && equals > 2)
            {
                inlineValue = argument[(equals + 1)..];
                argument = argument[..equals];
            }

            string Value()
            {
                if (inlineValue is not null) return inlineValue;
                if (i + 1 >= args.Count) throw new EmulatorOptionsException($"{argument} needs a value.");
                return args[++i];
            }

            switch (argument.ToLowerInvariant())
            {
                case "--port":
                    options.Port = (int)ParseInteger(argument, Value(), 0, 65535);
                    break;
                case "--cert-file":
                    options.CertificateFile = Value();
                    break;
                case "--parent-pid":
                    options.ParentProcessId = (int)ParseInteger(argument, Value(), 1, int.MaxValue);
                    break;
                case "--seed":
                    options.Seed = ParseInteger(argument, Value(), long.MinValue, long.MaxValue);
                    break;
                case "--invoices":
                    options.InvoiceCount = ParseInteger(argument, Value(), 0, MaxInvoiceCount);
                    break;
                case "--token-lifetime":
                    options.TokenLifetimeSeconds = (int)ParseInteger(argument, Value(), 1, int.MaxValue);
                    break;
                case "--paging":
                    options.Paging = Value().ToLowerInvariant() switch
                    {
                        "continuation" => PagingMode.Continuation,
                        "offset" => PagingMode.Offset,
                        var other => throw new EmulatorOptionsException($"--paging must be 'continuation' or 'offset', not '{other}'."),
                    };
                    break;
                case "--app":
                    var app = Value();
                    var separator = app.IndexOf('=');
                    if (separator <= 0 || separator == app.Length - 1)
                        throw new EmulatorOptionsException("--app takes CLIENTID=SECRET.");
                    applications.Add(new(app[..separator], app[(separator + 1)..]));
                    break;
                case "--tenant":
                    var tenant = Value();
                    if (tenant.Length == 0 || tenant.Contains('/'))
                        throw new EmulatorOptionsException($"--tenant '{tenant}' is not a tenant name.");
                    tenants.Add(tenant);
                    break;
                case "--verbose":
                    if (inlineValue is not null) throw new EmulatorOptionsException("--verbose takes no value.");
                    options.Verbose = true;
                    break;
                case "--help" or "-h" or "-?":
                    options.ShowHelp = true;
                    break;
                default:
                    throw new EmulatorOptionsException($"Unknown argument '{args[i]}'. Run with --help for the options.");
            }
        }

        options.Applications = applications.Count > 0 ? applications : [new(DefaultApplicationId, DefaultClientSecret)];
        options.Tenants = tenants.Count > 0 ? tenants : ["contoso.onmicrosoft.com", "22222222-2222-2222-2222-222222222222"];
        return options;
    }

    private static long ParseInteger(string name, string text, long min, long max)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new EmulatorOptionsException($"{name} must be an integer from {min} to {max}, not '{text}'.");
        return value;
    }
}
