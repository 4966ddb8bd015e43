using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

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
builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(certificateTask.GetAwaiter().GetResult()));
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
var issuer = new AccessTokenIssuer(time, tenants);
var refreshTokens = new RefreshTokens(time);
var deviceAuthorizations = new DeviceAuthorizations(time);
var clientAuthentication = new ClientAuthentication(applications, new ClientAssertionValidator(address, tenants, time));
var userSignIn = new UserSignIn(issuer, refreshTokens, tenants, address, time, tokenLifetime);
var grants = new ITokenGrant[]
{
    new ClientCredentialsGrant(clientAuthentication, issuer, tokenLifetime),
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
    new LineItemsEndpoint(invoiceGenerator, lineItemGenerator, options.InvoiceCount, faults),
    new InvoiceSummaries(invoiceGenerator, options.InvoiceCount),
    new StatementEndpoint(invoiceGenerator, options.InvoiceCount, faults, options.StatementRedirectBase),
    stats);
var recorder = new RequestRecorder(stats, faults, issuer, time, options.Verbose);
var control = new ControlEndpoints(stats, faults, issuer, applications, tenants, refreshTokens, deviceAuthorizations, tokenLifetime);

if (options.ParentProcessId is int parentProcessId)
    builder.Services.AddHostedService(services => new ParentProcessWatcher(parentProcessId, services.GetRequiredService<IHostApplicationLifetime>()));

var app = builder.Build();
app.Use(recorder.InvokeAsync);
app.MapPost("/{tenant}/oauth2/v2.0/token", tokenEndpoint.HandleAsync);
app.MapPost("/{tenant}/oauth2/v2.0/devicecode", deviceCodeEndpoint.HandleAsync);
app.MapGet("/devicelogin", DeviceCodeEndpoint.DeviceLoginPageAsync);
app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", openIdConfiguration.HandleAsync);
app.MapGet("/{tenant}/discovery/v2.0/keys", openIdConfiguration.HandleKeysAsync);
app.Map("/v1", gateway.HandleAsync);
app.Map("/v1/{**path}", gateway.HandleAsync);
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
    Console.Error.WriteLine($"emulator: cannot listen on 127.0.0.1:{options.Port}: {ex.Message}");
    return 1;
}

var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
address.BaseUrl = $"https://127.0.0.1:{new Uri(bound).Port}";
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
    foreach (var rule in options.Faults) Console.Error.WriteLine($"emulator: fault {rule}");
}

await app.WaitForShutdownAsync();
return 0;
