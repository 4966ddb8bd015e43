using System.Globalization;
using System.Text.Json;

namespace PartnerCenterInvoices.Emulator.Faults;

/// <summary>What a fault mode does to the requests it applies to.</summary>
internal enum FaultMode
{
    /// <summary>Every Nth request: 429 with Retry-After and the gateway's <c>{"statusCode","message"}</c> body.</summary>
    Throttle,

    /// <summary>After every N good requests, the next L fail with one status.</summary>
    Burst,

    /// <summary>Every Nth request: the connection is aborted before any response.</summary>
    Reset,

    /// <summary>Every Nth successful page: the full Content-Length, part of the body, then the connection aborted.</summary>
    Truncate,

    /// <summary>Every request waits M ms first (a benchmark knob, not a fault).</summary>
    Latency,

    /// <summary>Every Nth request waits M ms first (for client attempt timeouts).</summary>
    Slow,

    /// <summary>After N more requests, every access token issued so far stops working.</summary>
    ExpireAfter,
}

/// <summary>One configured fault mode: which requests it applies to (a path prefix) and its numbers.</summary>
/// <remarks>
/// A rule is immutable; what it has counted so far lives in <see cref="FaultInjector"/>, one counter per mode,
/// so the same rule set always fails the same request numbers.
/// </remarks>
internal sealed record FaultRule
{
    public const string DefaultPathPrefix = "/v1";
    public const int DefaultSlowMilliseconds = 10_000;
    public const int MaxMilliseconds = 600_000;

    public required FaultMode Mode { get; init; }
    public string PathPrefix { get; init; } = DefaultPathPrefix;

    /// <summary>Throttle, reset, truncate, slow: every how many requests (pages, for truncate). Burst: good requests between bursts.</summary>
    public int Every { get; init; }

    /// <summary>Burst: how many requests in a row fail.</summary>
    public int Length { get; init; } = 1;

    /// <summary>Burst: the status they fail with.</summary>
    public int Status { get; init; } = 503;

    /// <summary>Throttle: the Retry-After seconds.</summary>
    public int RetryAfterSeconds { get; init; } = 1;

    /// <summary>Latency, slow: the wait in milliseconds.</summary>
    public int Milliseconds { get; init; }

    /// <summary>Expire-after: how many more requests succeed before the tokens are revoked.</summary>
    public int Requests { get; init; }

    /// <summary>Expire-after: revoke again after every further <see cref="Requests"/> requests, not just once.</summary>
    public bool Repeat { get; init; }

    public bool AppliesTo(string path) => path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase);

    public static string NameOf(FaultMode mode) => mode switch
    {
        FaultMode.Throttle => "throttle",
        FaultMode.Burst => "burst",
        FaultMode.Reset => "reset",
        FaultMode.Truncate => "truncate",
        FaultMode.Latency => "latency",
        FaultMode.Slow => "slow",
        FaultMode.ExpireAfter => "expire-after",
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    public static bool TryParseMode(string name, out FaultMode mode)
    {
        foreach (var candidate in Enum.GetValues<FaultMode>())
        {
            if (string.Equals(NameOf(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                mode = candidate;
                return true;
            }
        }
        mode = default;
        return false;
    }

    /// <summary>Builds a rule from named numbers (from JSON or a command-line spec), checking each the mode uses.</summary>
    /// <exception cref="FormatException">A number is missing or out of range; the message names it.</exception>
    public static FaultRule Create(FaultMode mode, IReadOnlyDictionary<string, long> values, string? pathPrefix)
    {
        var prefix = pathPrefix ?? DefaultPathPrefix;
        if (!prefix.StartsWith('/')) throw new FormatException("'pathPrefix' must start with '/'");
        var rule = new FaultRule { Mode = mode, PathPrefix = prefix };
        return mode switch
        {
            FaultMode.Throttle => rule with
            {
                Every = Number(values, "every", 1, int.MaxValue),
                RetryAfterSeconds = Number(values, "retryAfterSeconds", 0, 86_400, 1),
            },
            FaultMode.Burst => rule with
            {
                Every = Number(values, "every", 1, int.MaxValue),
                Length = Number(values, "length", 1, int.MaxValue, 1),
                Status = Number(values, "status", 400, 599, 503),
            },
            FaultMode.Reset or FaultMode.Truncate => rule with { Every = Number(values, "every", 1, int.MaxValue) },
            FaultMode.Latency => rule with { Milliseconds = Number(values, "ms", 0, MaxMilliseconds) },
            FaultMode.Slow => rule with
            {
                Every = Number(values, "every", 1, int.MaxValue),
                Milliseconds = Number(values, "ms", 0, MaxMilliseconds, DefaultSlowMilliseconds),
            },
            FaultMode.ExpireAfter => CreateExpireAfter(rule, values),
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
    }

    private static FaultRule CreateExpireAfter(FaultRule rule, IReadOnlyDictionary<string, long> values)
    {
        var repeat = Number(values, "repeat", 0, 1, 0) == 1;
        // Once: 0 means "revoke at the next request". Repeating needs at least one good request between revocations.
        return rule with { Requests = Number(values, "requests", repeat ? 1 : 0, int.MaxValue), Repeat = repeat };
    }

    private static int Number(IReadOnlyDictionary<string, long> values, string name, int min, int max, int? fallback = null)
    {
        if (!values.TryGetValue(name, out var value))
            return fallback ?? throw new FormatException($"'{name}' is required");
        if (value < min || value > max) throw new FormatException($"'{name}' must be from {min} to {max}");
        return (int)value;
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("mode", NameOf(Mode));
        switch (Mode)
        {
            case FaultMode.Throttle:
                writer.WriteNumber("every", Every);
                writer.WriteNumber("retryAfterSeconds", RetryAfterSeconds);
                break;
            case FaultMode.Burst:
                writer.WriteNumber("every", Every);
                writer.WriteNumber("length", Length);
                writer.WriteNumber("status", Status);
                break;
            case FaultMode.Reset or FaultMode.Truncate:
                writer.WriteNumber("every", Every);
                break;
            case FaultMode.Latency:
                writer.WriteNumber("ms", Milliseconds);
                break;
            case FaultMode.Slow:
                writer.WriteNumber("every", Every);
                writer.WriteNumber("ms", Milliseconds);
                break;
            case FaultMode.ExpireAfter:
                writer.WriteNumber("requests", Requests);
                writer.WriteBoolean("repeat", Repeat);
                break;
        }
        writer.WriteString("pathPrefix", PathPrefix);
        writer.WriteEndObject();
    }

    public override string ToString()
    {
        var text = Mode switch
        {
            FaultMode.Throttle => $"throttle every {Every} (Retry-After {RetryAfterSeconds})",
            FaultMode.Burst => $"burst of {Length} x {Status} after every {Every}",
            FaultMode.Reset => $"reset every {Every}",
            FaultMode.Truncate => $"truncate every {Every} pages",
            FaultMode.Latency => $"latency {Milliseconds} ms",
            FaultMode.Slow => $"slow {Milliseconds} ms every {Every}",
            FaultMode.ExpireAfter => $"expire tokens after {Requests}{(Repeat ? " (repeating)" : "")}",
            _ => Mode.ToString(),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{text} under {PathPrefix}");
    }
}
