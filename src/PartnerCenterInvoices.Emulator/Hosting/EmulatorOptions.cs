using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace PartnerCenterInvoices.Emulator.Hosting;

/// <summary>The emulator's command line. Everything is optional; the defaults are what the tests and the demo expect.</summary>
internal sealed class EmulatorOptions
{
    public const string DefaultApplicationId = "11111111-1111-1111-1111-111111111111";
    public const string DefaultClientSecret = "emulator-secret";
    public const string DefaultPublicApplicationId = "33333333-3333-3333-3333-333333333333";

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
    public IReadOnlyList<KeyValuePair<string, X509Certificate2>> ApplicationCertificates { get; private set; } = [];
    public IReadOnlyList<string> PublicApplications { get; private set; } = [];
    public int DeviceCodeLifetimeSeconds { get; private set; } = 900;
    public IReadOnlyList<string> Tenants { get; private set; } = [];
    public IReadOnlyList<FaultRule> Faults { get; private set; } = [];
    public bool Verbose { get; private set; }
    public bool ShowHelp { get; private set; }

    /// <summary>With --next-link-base: the invoice list's next links are absolute URLs on this host (no trailing slash).</summary>
    public string? NextLinkBase { get; private set; }

    /// <summary>With --statement-redirect-base: statement downloads answer 302 to this host (no trailing slash).</summary>
    public string? StatementRedirectBase { get; private set; }

    /// <summary>With --certificate-pfx-out: where to write the server certificate with its private key.</summary>
    public string? CertificatePfxOut { get; private set; }

    /// <summary>With --certificate-pfx: the server certificate loaded from a PFX, instead of one made at start.</summary>
    public X509Certificate2? ServerCertificate { get; private set; }

    /// <summary>Line items of every invoice detail, or null for the generator's own 3 to 40 (--line-items-per-invoice).</summary>
    public int? LineItemsPerInvoice { get; private set; }

    /// <summary>--blob-port: the blob host's port on 127.0.0.1 (0: a free one).</summary>
    public int BlobPort { get; private set; }

    /// <summary>--no-graph-consent: apps whose admin never consented to PartnerBilling.Read.All on Graph.</summary>
    public IReadOnlyList<string> NoGraphConsent { get; private set; } = [];

    /// <summary>How the Graph billing exports behave (operations, manifests, blobs, line data).</summary>
    public GraphExportSettings Exports { get; private set; } = new();

    /// <summary>--retire-v1-line-items: v1 OneTime/Marketplace line items of new-commerce periods after March 2025 are refused.</summary>
    public bool RetireV1LineItems { get; private set; }

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
          --app-cert CLIENTID=PATH      a certificate (PEM or DER, public part) of an app, for client assertions (repeatable)
          --public-app CLIENTID         an app that may sign in without credentials: device code (repeatable)
          --device-code-lifetime SECONDS   how long a device code waits for approval (default 900)
          --tenant NAME                 a name of the partner tenant (repeatable)
          --latency-ms N                add N ms before every API response (benchmarks)
          --fault-429-every N[,retryAfterSeconds=S]   every Nth API request: 429, Retry-After S (default 1)
          --fault-5xx-burst every=N,length=L,status=503   after every N good requests the next L fail
          --fault-reset-every N         every Nth API request: connection aborted, no response
          --fault-truncate-every N      every Nth page: full Content-Length, part of the body, connection aborted
          --fault-slow-every N[,ms=M]   every Nth API request waits M ms (default 10000)
          --fault-expire-after N        after N more API requests, every access token issued so far expires
          --fault-expire-every N        the same, again after every further N requests
          --fault-path-prefix PREFIX    the path the --fault-* and --latency-ms options apply under (default /v1)
          --next-link-base URL          next links of GET /v1/invoices are absolute URLs on URL (a foreign host)
          --statement-redirect-base URL statement downloads answer 302 to URL/v1/invoices/{id}/documents/statement
          --certificate-pfx-out PATH    write the server certificate WITH its private key as PFX (no password) to PATH
          --certificate-pfx PATH        serve the certificate (with key) from such a PFX instead of making one
          --line-items-per-invoice N    every invoice detail has exactly N line items, 1..1000000000 (default 3 to 40)
          --blob-port N                 port of the blob host on 127.0.0.1 (default 0: a free port)
          --no-graph-consent CLIENTID   that app has no consent for PartnerBilling.Read.All on Graph (repeatable)
          --export-lines N              line items in each Graph billing export (default 1000)
          --export-blobs N              blobs (parts) each export is split into (default 3)
          --export-running-polls N      polls an operation answers "running" before it finishes (default 1)
          --export-ready-after-seconds S   an operation finishes no sooner than S seconds after its POST (default 0)
          --export-retry-after S        Retry-After of a running operation (default 1)
          --manifest-style link|inline  how a finished operation gives its manifest (default link)
          --operation-status-spelling succeeded|completed   the status of a finished operation (default succeeded)
          --sas-lifetime-seconds N      lifetime of each manifest's SAS token (default 3600)
          --blob-bytes-per-second N     limit each blob download to N bytes/s (default unlimited)
          --blob-latency-ms N           wait N ms before every blob response
          --extra-line-field NAME=VALUE add an undocumented string field to every export line (repeatable)
          --retire-v1-line-items        refuse v1 OneTime/Marketplace line items of "G" invoices billed after March 2025
          --verbose                     one line per request on stderr
        When ready, the base URL is written to stdout as the only line, e.g. https://127.0.0.1:41234

        Without --app, --tenant and --public-app it serves:
          application 11111111-1111-1111-1111-111111111111 with the client secret emulator-secret
          tenant      contoso.onmicrosoft.com (also 22222222-2222-2222-2222-222222222222)
          public app  33333333-3333-3333-3333-333333333333 (device code)
        Connect from PowerShell (the module built with ./build.ps1 Build):
          $secret = ConvertTo-SecureString 'emulator-secret' -AsPlainText -Force
          Connect-PcAccount -TenantId contoso.onmicrosoft.com -ApplicationId 11111111-1111-1111-1111-111111111111 -ClientSecret $secret -Endpoint <base URL> -AuthorityHost <base URL> -TrustedServerCertificate <the --cert-file>
        """;

    public static EmulatorOptions Parse(IReadOnlyList<string> args)
    {
        var options = new EmulatorOptions();
        var applications = new List<KeyValuePair<string, string>>();
        var tenants = new List<string>();
        var certificates = new List<KeyValuePair<string, X509Certificate2>>();
        var publicApplications = new List<string>();
        var faults = new List<(string Option, FaultMode Mode, Dictionary<string, long> Values)>();
        string? faultPathPrefix = null;
        var noGraphConsent = new List<string>();
        var extraFields = new List<KeyValuePair<string, string>>();

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
                case "--app-cert":
                    var appCertificate = Value();
                    var certificateSeparator = appCertificate.IndexOf('=');
                    if (certificateSeparator <= 0 || certificateSeparator == appCertificate.Length - 1)
                        throw new EmulatorOptionsException("--app-cert takes CLIENTID=PATH.");
                    certificates.Add(new(appCertificate[..certificateSeparator], LoadCertificate(appCertificate[(certificateSeparator + 1)..])));
                    break;
                case "--public-app":
                    var publicApplication = Value();
                    if (publicApplication.Length == 0 || publicApplication.Contains('='))
                        throw new EmulatorOptionsException($"--public-app takes a client id, not '{publicApplication}'.");
                    publicApplications.Add(publicApplication);
                    break;
                case "--device-code-lifetime":
                    options.DeviceCodeLifetimeSeconds = (int)ParseInteger(argument, Value(), 1, 86_400);
                    break;
                case "--tenant":
                    var tenant = Value();
                    if (tenant.Length == 0 || tenant.Contains('/'))
                        throw new EmulatorOptionsException($"--tenant '{tenant}' is not a tenant name.");
                    tenants.Add(tenant);
                    break;
                case "--latency-ms":
                    faults.Add((argument, FaultMode.Latency, new() { ["ms"] = ParseInteger(argument, Value(), 0, FaultRule.MaxMilliseconds) }));
                    break;
                case "--fault-429-every":
                    faults.Add((argument, FaultMode.Throttle, ParseFaultSpec(argument, Value(), "every", "retryAfterSeconds")));
                    break;
                case "--fault-5xx-burst":
                    faults.Add((argument, FaultMode.Burst, ParseFaultSpec(argument, Value(), "every", "length", "status")));
                    break;
                case "--fault-reset-every":
                    faults.Add((argument, FaultMode.Reset, ParseFaultSpec(argument, Value(), "every")));
                    break;
                case "--fault-truncate-every":
                    faults.Add((argument, FaultMode.Truncate, ParseFaultSpec(argument, Value(), "every")));
                    break;
                case "--fault-slow-every":
                    faults.Add((argument, FaultMode.Slow, ParseFaultSpec(argument, Value(), "every", "ms")));
                    break;
                case "--fault-expire-after":
                    faults.Add((argument, FaultMode.ExpireAfter, ParseFaultSpec(argument, Value(), "requests")));
                    break;
                case "--fault-expire-every":
                    var expireEvery = ParseFaultSpec(argument, Value(), "requests");
                    expireEvery["repeat"] = 1;
                    faults.Add((argument, FaultMode.ExpireAfter, expireEvery));
                    break;
                case "--fault-path-prefix":
                    faultPathPrefix = Value();
                    if (!faultPathPrefix.StartsWith('/')) throw new EmulatorOptionsException($"--fault-path-prefix must start with '/', not '{faultPathPrefix}'.");
                    break;
                case "--next-link-base":
                    options.NextLinkBase = ParseBaseUrl(argument, Value());
                    break;
                case "--statement-redirect-base":
                    options.StatementRedirectBase = ParseBaseUrl(argument, Value());
                    break;
                case "--certificate-pfx-out":
                    options.CertificatePfxOut = Value();
                    if (options.CertificatePfxOut.Length == 0) throw new EmulatorOptionsException("--certificate-pfx-out needs a path.");
                    break;
                case "--certificate-pfx":
                    options.ServerCertificate = LoadServerCertificate(Value());
                    break;
                case "--line-items-per-invoice":
                    options.LineItemsPerInvoice = (int)ParseInteger(argument, Value(), 1, 1_000_000_000);
                    break;
                case "--blob-port":
                    options.BlobPort = (int)ParseInteger(argument, Value(), 0, 65535);
                    break;
                case "--no-graph-consent":
                    var unconsented = Value();
                    if (unconsented.Length == 0 || unconsented.Contains('=')) throw new EmulatorOptionsException($"--no-graph-consent takes a client id, not '{unconsented}'.");
                    noGraphConsent.Add(unconsented);
                    break;
                case "--export-lines":
                    options.Exports = options.Exports with { LinesPerExport = ParseInteger(argument, Value(), 0, GraphExportSettings.MaxLines) };
                    break;
                case "--export-blobs":
                    options.Exports = options.Exports with { BlobsPerExport = (int)ParseInteger(argument, Value(), 1, GraphExportSettings.MaxBlobs) };
                    break;
                case "--export-running-polls":
                    options.Exports = options.Exports with { RunningPolls = (int)ParseInteger(argument, Value(), 0, 1_000_000) };
                    break;
                case "--export-ready-after-seconds":
                    options.Exports = options.Exports with { ReadyAfterSeconds = (int)ParseInteger(argument, Value(), 0, 86_400) };
                    break;
                case "--export-retry-after":
                    options.Exports = options.Exports with { RetryAfterSeconds = (int)ParseInteger(argument, Value(), 0, 3600) };
                    break;
                case "--manifest-style":
                    options.Exports = options.Exports with
                    {
                        InlineManifest = Value().ToLowerInvariant() switch
                        {
                            "link" => false,
                            "inline" => true,
                            var other => throw new EmulatorOptionsException($"--manifest-style must be 'link' or 'inline', not '{other}'."),
                        },
                    };
                    break;
                case "--operation-status-spelling":
                    var spelling = Value();
                    options.Exports = options.Exports with
                    {
                        SucceededStatus = spelling.ToLowerInvariant() is "succeeded" or "completed" ? spelling.ToLowerInvariant()
                            : throw new EmulatorOptionsException($"--operation-status-spelling must be 'succeeded' or 'completed', not '{spelling}'."),
                    };
                    break;
                case "--sas-lifetime-seconds":
                    options.Exports = options.Exports with { SasLifetimeSeconds = (int)ParseInteger(argument, Value(), 1, 7 * 86_400) };
                    break;
                case "--blob-bytes-per-second":
                    options.Exports = options.Exports with { BlobBytesPerSecond = ParseInteger(argument, Value(), 1, long.MaxValue) };
                    break;
                case "--blob-latency-ms":
                    options.Exports = options.Exports with { BlobLatencyMilliseconds = (int)ParseInteger(argument, Value(), 0, FaultRule.MaxMilliseconds) };
                    break;
                case "--extra-line-field":
                    var field = Value();
                    var fieldSeparator = field.IndexOf('=');
                    if (fieldSeparator <= 0) throw new EmulatorOptionsException($"--extra-line-field takes NAME=VALUE, not '{field}'.");
                    extraFields.Add(new(field[..fieldSeparator], field[(fieldSeparator + 1)..]));
                    break;
                case "--retire-v1-line-items":
                    if (inlineValue is not null) throw new EmulatorOptionsException("--retire-v1-line-items takes no value.");
                    options.RetireV1LineItems = true;
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

        // One rule per mode: a later option of the same mode replaces an earlier one, as POST /_emulator/faults does.
        var rules = new Dictionary<FaultMode, FaultRule>();
        foreach (var (option, mode, values) in faults)
        {
            try
            {
                rules[mode] = FaultRule.Create(mode, values, faultPathPrefix);
            }
            catch (FormatException ex)
            {
                throw new EmulatorOptionsException($"{option}: {ex.Message}.");
            }
        }
        options.Faults = [.. rules.Values];
        options.NoGraphConsent = noGraphConsent;
        options.Exports = options.Exports with { ExtraLineFields = extraFields };
        options.Applications = applications.Count > 0 ? applications : [new(DefaultApplicationId, DefaultClientSecret)];
        options.ApplicationCertificates = certificates;
        options.PublicApplications = publicApplications.Count > 0 ? publicApplications : [DefaultPublicApplicationId];
        options.Tenants = tenants.Count > 0 ? tenants : ["contoso.onmicrosoft.com", "22222222-2222-2222-2222-222222222222"];
        return options;
    }

    // The public certificate of an app, PEM or DER; its private key (if the file has one) is never needed.
    private static X509Certificate2 LoadCertificate(string path)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            var text = System.Text.Encoding.ASCII.GetString(bytes);
            return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificate(bytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new EmulatorOptionsException($"--app-cert cannot read a certificate from '{path}': {ex.Message}");
        }
    }

    // Another emulator's base URL, as its ready line gives it: absolute http(s), nothing after the path.
    private static string ParseBaseUrl(string option, string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            throw new EmulatorOptionsException($"{option} takes an absolute http(s) URL without query, such as https://127.0.0.1:41234, not '{text}'.");
        return text.TrimEnd('/');
    }

    // A PFX another emulator wrote with --certificate-pfx-out: the same certificate and key, so a client that
    // trusts exactly one certificate trusts both.
    private static X509Certificate2 LoadServerCertificate(string path)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, null, X509KeyStorageFlags.Exportable);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new EmulatorOptionsException($"--certificate-pfx cannot read a PFX without password from '{path}': {ex.Message}");
        }
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new EmulatorOptionsException($"--certificate-pfx '{path}' holds no private key; a server certificate needs one.");
        }
        return certificate;
    }

    /// <summary>
    /// A fault's numbers: a bare integer for the first key ("5"), or comma-separated key=value pairs
    /// ("every=5,length=2,status=503"); keys are read in any case.
    /// </summary>
    private static Dictionary<string, long> ParseFaultSpec(string option, string text, params string[] keys)
    {
        var values = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var separator = part.IndexOf('=');
            string key, number;
            if (separator < 0 && i == 0)
            {
                (key, number) = (keys[0], part);
            }
            else if (separator > 0)
            {
                key = keys.FirstOrDefault(k => k.Equals(part[..separator].Trim(), StringComparison.OrdinalIgnoreCase))
                    ?? throw new EmulatorOptionsException($"{option} knows {string.Join(", ", keys)}, not '{part[..separator]}'.");
                number = part[(separator + 1)..].Trim();
            }
            else
            {
                throw new EmulatorOptionsException($"{option} takes N or {string.Join(",", keys.Select(k => k + "=N"))}, not '{text}'.");
            }
            if (!values.TryAdd(key, ParseInteger($"{option} {key}", number, int.MinValue, int.MaxValue)))
                throw new EmulatorOptionsException($"{option} gives '{key}' twice.");
        }
        return values;
    }

    private static long ParseInteger(string name, string text, long min, long max)
    {
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            throw new EmulatorOptionsException($"{name} must be an integer from {min} to {max}, not '{text}'.");
        return value;
    }
}
