using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

// stdout carries exactly one line, the base URL once the server listens; everything else goes to stderr.
EmulatorOptions options;
try
{
    options = EmulatorOptions.Parse(args);
}
catch (EmulatorOptionsException ex)
{
    Console.Error.WriteLine($"emulator: {ex.Message}");
    return 2;
}
if (options.ShowHelp)
{
    Console.Error.WriteLine(EmulatorOptions.Usage);
    return 0;
}

var time = TimeProvider.System;
// Making an RSA key takes a good part of start-up; do it while the host is being built.
// With --certificate-pfx the certificate is another emulator's, so a client trusting that one trusts this one.
var certificateTask = options.ServerCertificate is { } loaded ? Task.FromResult(loaded) : Task.Run(() => ServerCertificate.Create(time));

// The empty builder reads no configuration files, environment or arguments and adds no logging, so
// nothing writes to stdout, no file watchers are set up, and start-up stays short.
var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(EmulatorOptions).Assembly.GetName().Name });
// Two listeners: the main one (Entra ID, Partner Center, Graph) and the blob host, a different origin as Azure
// Storage is; both 127.0.0.1 with the same certificate. Kestrel fills in each one's port once bound.
ListenOptions mainListener = null!, blobListener = null!;
builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
    {
        mainListener = listen;
        listen.UseHttps(certificateTask.GetAwaiter().GetResult());
    });
    kestrel.Listen(IPAddress.Loopback, options.BlobPort, listen =>
    {
        blobListener = listen;
        listen.UseHttps(certificateTask.GetAwaiter().GetResult());
    });
});
builder.Services.AddRoutingCore();
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));

var tokenLifetime = TimeSpan.FromSeconds(options.TokenLifetimeSeconds);
var tenants = new TenantDirectory(options.Tenants);
var applications = new ApplicationDirectory(options.Applications, options.ApplicationCertificates, options.PublicApplications);
var address = new EmulatorAddress();
var stats = new EmulatorStats();
var faults = new FaultInjector(stats);
foreach (var rule in options.Faults) faults.Set(rule);
var graphPermission = new GraphPermission(options.NoGraphConsent);
var issuer = new AccessTokenIssuer(time, tenants);
var refreshTokens = new RefreshTokens(time);
var deviceAuthorizations = new DeviceAuthorizations(time);
var clientAuthentication = new ClientAuthentication(applications, new ClientAssertionValidator(address, tenants, time));
var userSignIn = new UserSignIn(issuer, refreshTokens, tenants, address, time, tokenLifetime, graphPermission);
var grants = new ITokenGrant[]
{
    new ClientCredentialsGrant(clientAuthentication, issuer, tokenLifetime, graphPermission),
    new RefreshTokenGrant(clientAuthentication, refreshTokens, userSignIn, tenants),
    new DeviceCodeGrant(clientAuthentication, deviceAuthorizations, userSignIn),
};
var tokenEndpoint = new TokenEndpoint(tenants, grants, stats, time);
var deviceCodeEndpoint = new DeviceCodeEndpoint(tenants, applications, deviceAuthorizations, stats, address, time,
    TimeSpan.FromSeconds(options.DeviceCodeLifetimeSeconds));
var openIdConfiguration = new OpenIdConfiguration(tenants, address, time);
var invoiceGenerator = new InvoiceGenerator(options.Seed);
var lineItemGenerator = new LineItemGenerator(options.Seed, tenants.TenantId, options.LineItemsPerInvoice);
var gateway = new ApiGateway(issuer,
    new InvoicesEndpoint(invoiceGenerator, options.InvoiceCount, options.Paging, faults, options.NextLinkBase),
    new LineItemsEndpoint(invoiceGenerator, lineItemGenerator, options.InvoiceCount, faults, options.RetireV1LineItems),
    new InvoiceSummaries(invoiceGenerator, options.InvoiceCount),
    new StatementEndpoint(invoiceGenerator, options.InvoiceCount, faults, options.StatementRedirectBase),
    stats);
// Graph billing exports write their blobs into the blob host's container, a temp folder deleted at exit.
using var blobContainer = new BlobContainer();
using var stopping = new CancellationTokenSource();
var signatures = new SharedAccessSignatures(time, TimeSpan.FromSeconds(options.Exports.SasLifetimeSeconds));
var exportPreparation = new ExportPreparation(blobContainer, options.Exports, tenants.TenantId, options.Seed, stopping.Token);
var externalExports = new ExternalExports();
var exportOperations = new ExportOperations(exportPreparation, invoiceGenerator, options.InvoiceCount, options.Exports, tenants.TenantId, stats, time, externalExports);
var graph = new GraphGateway(issuer, exportOperations, signatures, address, tenants.TenantId, options.Exports, stats, time);
var blobEndpoint = new BlobEndpoint(blobContainer, signatures, faults, stats, time, options.Exports);
var recorder = new RequestRecorder(stats, faults, issuer, time, options.Verbose, address);
var control = new ControlEndpoints(stats, faults, issuer, applications, tenants, refreshTokens, deviceAuthorizations, tokenLifetime,
    address, signatures, graphPermission, externalExports);

if (options.ParentProcessId is int parentProcessId)
    builder.Services.AddHostedService(services => new ParentProcessWatcher(parentProcessId, services.GetRequiredService<IHostApplicationLifetime>()));

var app = builder.Build();
app.Use(recorder.InvokeAsync);
// Whatever its path, a request to the blob port is the blob service's.
app.UseWhen(address.IsBlobHost, blob => blob.Run(blobEndpoint.HandleAsync));
app.MapPost("/{tenant}/oauth2/v2.0/token", tokenEndpoint.HandleAsync);
app.MapPost("/{tenant}/oauth2/v2.0/devicecode", deviceCodeEndpoint.HandleAsync);
app.MapGet("/devicelogin", DeviceCodeEndpoint.DeviceLoginPageAsync);
app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", openIdConfiguration.HandleAsync);
app.MapGet("/{tenant}/discovery/v2.0/keys", openIdConfiguration.HandleKeysAsync);
app.Map("/v1", gateway.HandleAsync);
app.Map("/v1/{**path}", gateway.HandleAsync);
app.Map("/v1.0/{**path}", graph.HandleAsync);
app.Map("/beta/{**path}", graph.HandleAsync);
control.Map(app);

try
{
    await app.StartAsync();
}
catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
{
    // The parent died while Kestrel was still binding: there is nobody to serve, and nothing went wrong.
    return 0;
}
catch (IOException ex)
{
    // Typically --port naming a port in use: say so in one line rather than with a stack trace.
    Console.Error.WriteLine($"emulator: cannot listen on 127.0.0.1:{options.Port} (blob host {options.BlobPort}): {ex.Message}");
    return 1;
}

address.BaseUrl = $"https://127.0.0.1:{mainListener.IPEndPoint!.Port}";
address.BlobPort = blobListener.IPEndPoint!.Port;
address.BlobBaseUrl = $"https://127.0.0.1:{address.BlobPort}";
foreach (var (file, write) in new (string? File, Action<System.Security.Cryptography.X509Certificates.X509Certificate2, string> Write)[]
    { (options.CertificateFile, ServerCertificate.WritePem), (options.CertificatePfxOut, ServerCertificate.WritePfx) })
{
    if (file is null) continue;
    try
    {
        write(await certificateTask, file);
    }
    catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
    {
        Console.Error.WriteLine($"emulator: cannot write the certificate to {file}: {ex.Message}");
        await app.StopAsync();
        return 1;
    }
}
Console.Out.WriteLine(address.BaseUrl);
Console.Out.Flush();
if (options.Verbose)
{
    Console.Error.WriteLine($"emulator: {options.InvoiceCount} invoices, seed {options.Seed}, {options.Paging} paging, tenant {tenants.TenantId}, " +
        $"{(options.LineItemsPerInvoice is int lines ? $"{lines}" : "3 to 40")} line items a detail");
    Console.Error.WriteLine($"emulator: blob host {address.BlobBaseUrl}, Graph exports of {options.Exports.LinesPerExport} lines in {options.Exports.BlobsPerExport} blobs " +
        $"into {blobContainer.Folder}");
    foreach (var rule in options.Faults) Console.Error.WriteLine($"emulator: fault {rule}");
}

await app.WaitForShutdownAsync();
// Export blobs still being written stop, so their folder can go.
stopping.Cancel();
return 0;
