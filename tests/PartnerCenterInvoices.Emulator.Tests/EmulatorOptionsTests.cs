namespace PartnerCenterInvoices.Emulator.Tests;

public sealed class EmulatorOptionsTests
{
    [Fact]
    public void Defaults_are_what_the_tests_and_demo_expect()
    {
        var options = EmulatorOptions.Parse([]);
        Assert.Equal(0, options.Port);
        Assert.Equal(1, options.Seed);
        Assert.Equal(250, options.InvoiceCount);
        Assert.Equal(3600, options.TokenLifetimeSeconds);
        Assert.Equal(PagingMode.Continuation, options.Paging);
        Assert.Equal([new("11111111-1111-1111-1111-111111111111", "emulator-secret")], options.Applications);
        Assert.Equal(["contoso.onmicrosoft.com", "22222222-2222-2222-2222-222222222222"], options.Tenants);
        Assert.Null(options.ParentProcessId);
        Assert.Null(options.CertificateFile);
        Assert.False(options.Verbose);
        Assert.Empty(options.ApplicationCertificates);
        Assert.Equal(["33333333-3333-3333-3333-333333333333"], options.PublicApplications);
        Assert.Equal(900, options.DeviceCodeLifetimeSeconds);
    }

    [Fact]
    public void Reads_app_certificates_in_PEM_and_DER_public_apps_and_the_device_code_lifetime()
    {
        using var certificate = ClientAssertions.CreateCertificate();
        var pem = Path.GetTempFileName();
        var der = Path.GetTempFileName();
        try
        {
            File.WriteAllText(pem, certificate.ExportCertificatePem());
            File.WriteAllBytes(der, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Cert));
            var options = EmulatorOptions.Parse(["--app-cert", $"a={pem}", "--app-cert=b=" + der, "--public-app", "p1", "--public-app=p2",
                "--device-code-lifetime", "30"]);
            Assert.Equal(["a", "b"], options.ApplicationCertificates.Select(c => c.Key));
            Assert.All(options.ApplicationCertificates, c => Assert.Equal(certificate.Thumbprint, c.Value.Thumbprint));
            Assert.Equal(["p1", "p2"], options.PublicApplications);
            Assert.Equal(30, options.DeviceCodeLifetimeSeconds);
            // The default secret app stays: only --app replaces it.
            Assert.Equal("11111111-1111-1111-1111-111111111111", Assert.Single(options.Applications).Key);

            var directory = new ApplicationDirectory(options.Applications, options.ApplicationCertificates, options.PublicApplications);
            Assert.Equal("11111111-1111-1111-1111-111111111111", directory.DefaultClientId);
            Assert.False(directory.Find("A")!.HasAnySecret);
            Assert.Single(directory.Find("a")!.Certificates);
            Assert.True(directory.Find("p1")!.IsPublicClient);
            Assert.False(directory.Find("11111111-1111-1111-1111-111111111111")!.IsPublicClient);
        }
        finally
        {
            File.Delete(pem);
            File.Delete(der);
        }
    }

    [Theory]
    [InlineData("--app-cert", "no-path")]
    [InlineData("--app-cert", "a=/no/such/file.pem")]
    [InlineData("--app-cert", "a=/proc/self/status")]
    [InlineData("--public-app", "a=b")]
    [InlineData("--device-code-lifetime", "0")]
    public void Refuses_a_bad_sign_in_option_naming_it(string option, string value)
    {
        var error = Assert.Throws<EmulatorOptionsException>(() => EmulatorOptions.Parse([option, value]));
        Assert.Contains(option, error.Message);
    }

    [Fact]
    public void Reads_every_option_in_both_forms()
    {
        var options = EmulatorOptions.Parse(["--port=5001", "--seed", "-3", "--invoices=10000000", "--paging", "OFFSET", "--app", "a=b=c",
            "--app=x=y", "--tenant", "t1", "--verbose", "--cert-file", "/tmp/c.pem", "--parent-pid", "42", "--token-lifetime", "60"]);
        Assert.Equal(5001, options.Port);
        Assert.Equal(-3, options.Seed);
        Assert.Equal(10_000_000, options.InvoiceCount);
        Assert.Equal(PagingMode.Offset, options.Paging);
        Assert.Equal([new("a", "b=c"), new("x", "y")], options.Applications);
        Assert.Equal(["t1"], options.Tenants);
        Assert.True(options.Verbose);
        Assert.Equal("/tmp/c.pem", options.CertificateFile);
        Assert.Equal(42, options.ParentProcessId);
        Assert.Equal(60, options.TokenLifetimeSeconds);
    }

    [Fact]
    public void Reads_the_foreign_host_options()
    {
        var options = EmulatorOptions.Parse(["--next-link-base", "https://127.0.0.1:5002/", "--statement-redirect-base=http://localhost:8080",
            "--certificate-pfx-out", "/tmp/out.pfx", "--line-items-per-invoice", "1000000"]);
        Assert.Equal("https://127.0.0.1:5002", options.NextLinkBase);
        Assert.Equal("http://localhost:8080", options.StatementRedirectBase);
        Assert.Equal("/tmp/out.pfx", options.CertificatePfxOut);
        Assert.Null(options.ServerCertificate);
        Assert.Equal(1_000_000, options.LineItemsPerInvoice);
        Assert.Null(EmulatorOptions.Parse([]).LineItemsPerInvoice);
    }

    [Fact]
    public void Loads_a_server_certificate_with_its_key_from_a_pfx_and_refuses_one_without()
    {
        using var certificate = ClientAssertions.CreateCertificate();
        var withKey = Path.GetTempFileName();
        var withoutKey = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(withKey, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12));
            File.WriteAllBytes(withoutKey, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Cert));
            var loaded = EmulatorOptions.Parse(["--certificate-pfx", withKey]).ServerCertificate;
            Assert.NotNull(loaded);
            Assert.True(loaded.HasPrivateKey);
            Assert.Equal(certificate.Thumbprint, loaded.Thumbprint);
            Assert.Contains("--certificate-pfx", Assert.Throws<EmulatorOptionsException>(() => EmulatorOptions.Parse(["--certificate-pfx", withoutKey])).Message);
            Assert.Contains("--certificate-pfx", Assert.Throws<EmulatorOptionsException>(() => EmulatorOptions.Parse(["--certificate-pfx", "/no/such.pfx"])).Message);
        }
        finally
        {
            File.Delete(withKey);
            File.Delete(withoutKey);
        }
    }

    [Theory]
    [InlineData("--next-link-base", "/relative")]
    [InlineData("--next-link-base", "ftp://host")]
    [InlineData("--statement-redirect-base", "https://host/?a=b")]
    [InlineData("--line-items-per-invoice", "0")]
    [InlineData("--certificate-pfx-out", "")]
    public void Refuses_a_bad_foreign_host_or_line_item_option_naming_it(string option, string value)
    {
        var error = Assert.Throws<EmulatorOptionsException>(() => EmulatorOptions.Parse([option, value]));
        Assert.Contains(option, error.Message);
    }

    [Fact]
    public void A_tenant_without_a_guid_gets_a_stable_derived_id()
    {
        var first = new TenantDirectory(["fabrikam.onmicrosoft.com"]);
        var second = new TenantDirectory(["Fabrikam.onmicrosoft.com"]);
        Assert.Equal(first.TenantId, second.TenantId);
        Assert.True(first.IsKnown(first.TenantId.ToString()));
        Assert.True(first.IsKnown("FABRIKAM.ONMICROSOFT.COM"));
        Assert.False(first.IsKnown("contoso.onmicrosoft.com"));
    }
}
