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
