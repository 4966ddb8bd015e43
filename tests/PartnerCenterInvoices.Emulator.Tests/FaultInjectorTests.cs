namespace PartnerCenterInvoices.Emulator.Tests;

/// <summary>The fault injector in process: exact counts under concurrency, and the command-line fault options.</summary>
public sealed class FaultInjectorTests
{
    [Theory]
    [InlineData("throttle")]
    [InlineData("reset")]
    [InlineData("burst")]
    [InlineData("slow")]
    public async Task A_mode_strikes_exactly_its_share_when_requests_arrive_on_many_threads_at_once(string modeName)
    {
        Assert.True(FaultRule.TryParseMode(modeName, out var mode));
        var kind = Enum.Parse<FaultKind>(modeName, ignoreCase: true);
        var stats = new EmulatorStats();
        var faults = new FaultInjector(stats);
        faults.Set(mode switch
        {
            FaultMode.Burst => Rule(mode, ("every", 4), ("length", 2)),
            FaultMode.Slow => Rule(mode, ("every", 7), ("ms", 0)),
            _ => Rule(mode, ("every", 7)),
        });

        const int requests = 4 * 21_000;
        var struck = 0;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < requests / 4; i++)
            {
                var plan = faults.Decide("/v1/invoices");
                if (plan.Action != FaultAction.None || plan.DelayMilliseconds > 0) Interlocked.Increment(ref struck);
            }
        })));

        // Slow with ms=0 strikes without a delay to show: its count is the stats'.
        var expected = mode == FaultMode.Burst ? requests / 6 * 2 : requests / 7;
        if (mode != FaultMode.Slow) Assert.Equal(expected, struck);
        Assert.Equal(expected, stats.FaultCount(kind));
    }

    [Fact]
    public void When_modes_strike_the_same_request_a_reset_wins_over_a_throttle_and_a_throttle_over_a_burst()
    {
        var stats = new EmulatorStats();
        var faults = new FaultInjector(stats);
        faults.Set(Rule(FaultMode.Throttle, ("every", 3)));
        faults.Set(Rule(FaultMode.Reset, ("every", 7)));
        faults.Set(Rule(FaultMode.Burst, ("every", 4), ("length", 2)));

        var actions = Enumerable.Range(1, 42).Select(_ => faults.Decide("/v1/invoices").Action).ToList();

        for (var n = 1; n <= 42; n++)
        {
            var expected = n % 7 == 0 ? FaultAction.Reset : n % 3 == 0 ? FaultAction.Throttle : (n - 1) % 6 >= 4 ? FaultAction.Fail : FaultAction.None;
            Assert.Equal(expected, actions[n - 1]);
        }
        Assert.Equal(6, stats.FaultCount(FaultKind.Reset));
        Assert.Equal(12, stats.FaultCount(FaultKind.Throttle));
    }

    [Fact]
    public void Modes_apply_only_under_their_prefix_and_latency_adds_to_slow()
    {
        var faults = new FaultInjector(new EmulatorStats());
        faults.Set(Rule(FaultMode.Throttle, "/v1/invoices", ("every", 1)));
        faults.Set(Rule(FaultMode.Latency, ("ms", 20)));
        faults.Set(Rule(FaultMode.Slow, ("every", 2), ("ms", 100)));

        Assert.Equal(new FaultPlan(20, FaultAction.None, 0, 0, false), faults.Decide("/v1/customers"));
        Assert.Equal(new FaultPlan(120, FaultAction.Throttle, 429, 1, false), faults.Decide("/v1/invoices"));
        Assert.Equal(FaultAction.None, faults.Decide("/contoso.onmicrosoft.com/oauth2/v2.0/token").Action);
    }

    [Fact]
    public void The_one_shot_fault_wins_and_every_mode_still_counts_the_request()
    {
        var faults = new FaultInjector(new EmulatorStats());
        faults.Set(Rule(FaultMode.Throttle, ("every", 2)));
        faults.Set(new InjectedFault(500, 2, "/v1"));

        Assert.Equal((FaultAction.Fail, 500), Take(faults));
        Assert.Equal((FaultAction.Fail, 500), Take(faults));
        Assert.Equal((FaultAction.None, 0), Take(faults));
        Assert.Equal((FaultAction.Throttle, 429), Take(faults));

        static (FaultAction, int) Take(FaultInjector faults)
        {
            var plan = faults.Decide("/v1/invoices");
            return (plan.Action, plan.Status);
        }
    }

    [Fact]
    public void Expire_after_revokes_once_at_the_request_after_the_last_good_one_and_goes()
    {
        var faults = new FaultInjector(new EmulatorStats());
        faults.Set(Rule(FaultMode.ExpireAfter, ("requests", 2)));
        Assert.Equal([false, false, true, false, false], Enumerable.Range(0, 5).Select(_ => faults.Decide("/v1/invoices").RevokeTokens));
        Assert.Empty(faults.Rules);
    }

    [Fact]
    public void Reads_the_fault_options_of_the_command_line()
    {
        var options = EmulatorOptions.Parse(["--fault-429-every", "5", "--fault-5xx-burst", "every=10, length=3, status=500", "--fault-reset-every=7",
            "--fault-truncate-every", "4", "--latency-ms", "25", "--fault-slow-every", "every=9,MS=1500", "--fault-expire-every", "100",
            "--fault-path-prefix", "/v1/invoices"]);

        var rules = options.Faults.ToDictionary(r => r.Mode);
        Assert.Equal(7, rules.Count);
        Assert.All(rules.Values, r => Assert.Equal("/v1/invoices", r.PathPrefix));
        Assert.Equal((5, 1), (rules[FaultMode.Throttle].Every, rules[FaultMode.Throttle].RetryAfterSeconds));
        Assert.Equal((10, 3, 500), (rules[FaultMode.Burst].Every, rules[FaultMode.Burst].Length, rules[FaultMode.Burst].Status));
        Assert.Equal(7, rules[FaultMode.Reset].Every);
        Assert.Equal(4, rules[FaultMode.Truncate].Every);
        Assert.Equal(25, rules[FaultMode.Latency].Milliseconds);
        Assert.Equal((9, 1500), (rules[FaultMode.Slow].Every, rules[FaultMode.Slow].Milliseconds));
        Assert.Equal((100, true), (rules[FaultMode.ExpireAfter].Requests, rules[FaultMode.ExpireAfter].Repeat));

        var defaults = EmulatorOptions.Parse(["--fault-429-every", "every=2,retryAfterSeconds=3", "--fault-slow-every", "3", "--fault-expire-after", "0"]);
        var byMode = defaults.Faults.ToDictionary(r => r.Mode);
        Assert.Equal((2, 3, "/v1"), (byMode[FaultMode.Throttle].Every, byMode[FaultMode.Throttle].RetryAfterSeconds, byMode[FaultMode.Throttle].PathPrefix));
        Assert.Equal(FaultRule.DefaultSlowMilliseconds, byMode[FaultMode.Slow].Milliseconds);
        Assert.Equal((0, false), (byMode[FaultMode.ExpireAfter].Requests, byMode[FaultMode.ExpireAfter].Repeat));
        Assert.Empty(EmulatorOptions.Parse([]).Faults);
    }

    [Theory]
    [InlineData("--fault-429-every", "0")]
    [InlineData("--fault-429-every", "soon")]
    [InlineData("--fault-5xx-burst", "length=2")]
    [InlineData("--fault-5xx-burst", "every=2,status=200")]
    [InlineData("--fault-5xx-burst", "every=2,colour=red")]
    [InlineData("--fault-reset-every", "every=2,every=3")]
    [InlineData("--latency-ms", "-5")]
    [InlineData("--fault-expire-every", "0")]
    [InlineData("--fault-path-prefix", "v1")]
    public void Refuses_a_bad_fault_option_naming_it(string option, string value)
    {
        var error = Assert.Throws<EmulatorOptionsException>(() => EmulatorOptions.Parse([option, value]));
        Assert.Contains(option, error.Message);
    }

    private static FaultRule Rule(FaultMode mode, params (string Key, long Value)[] values) => Rule(mode, null, values);

    private static FaultRule Rule(FaultMode mode, string? prefix, params (string Key, long Value)[] values) =>
        FaultRule.Create(mode, values.ToDictionary(v => v.Key, v => v.Value, StringComparer.OrdinalIgnoreCase), prefix);
}
