using System.Globalization;

namespace Platform.Bench.CheckoutThroughput;

/// <summary>Where the services' telemetry goes in a phase.</summary>
public enum Export
{
    /// <summary>No OTLP endpoint: ServiceDefaults registers no exporter.</summary>
    Off,

    /// <summary>bench/OtlpSink: counts and drops (a collector's cost at most).</summary>
    Sink,

    /// <summary>The AppHost's own Aspire dashboard, as in run mode: Aspire's OTLP settings left as they are.</summary>
    Dashboard,
}

/// <summary>One phase: where telemetry goes and, with a ratio, traces sampled by <c>parentbased_traceidratio</c>.</summary>
public sealed record PhaseKind(Export Export, double? SampleRatio)
{
    public bool TelemetryOn => Export != Export.Off;

    /// <summary>off, sink, sink@0.1, dashboard, dashboard@0.1 (as on the command line).</summary>
    public string Label => Export.ToString().ToLowerInvariant() + (SampleRatio is { } r ? string.Create(CultureInfo.InvariantCulture, $"@{r}") : "");

    public static PhaseKind Parse(string text)
    {
        var parts = text.Split('@', 2);
        var export = Enum.TryParse<Export>(parts[0], ignoreCase: true, out var e) && Enum.IsDefined(e)
            ? e : throw new ArgumentException($"Unknown phase '{text}': off, sink, dashboard, optionally @ratio (sink@0.1).");
        double? ratio = parts.Length == 2 ? BenchOptions.Ratio(parts[1]) : null;
        return export == Export.Off && ratio is not null ? throw new ArgumentException("A phase with telemetry off samples nothing.") : new(export, ratio);
    }
}

/// <summary>
/// The command line: <c>--duration 30 --warmup 60 --rounds 2 --users 16 --receiver sink|dashboard
/// --sample-ratio 0.1 --runtime launch-profile|default</c>, or an explicit <c>--phases sink,off,off,sink,sink@0.1,dashboard</c>. A round is
/// one phase with telemetry on and one with it off; rounds alternate the order (on, off, off, on, ...) so
/// a drift of the machine's load falls on both alike. <c>--perf DIR</c> records a CPU profile (Linux perf)
/// of every service during the measured window of the first phase with telemetry on. The warm-up is a minute:
/// after 10 s the services still spent 34–80 % of their CPU compiling (tiered JIT), so the window measured the
/// compiler. <c>--runtime default</c> runs the services without the AppHost launch profile's runtime settings.
/// </summary>
public sealed record BenchOptions(TimeSpan Duration, TimeSpan Warmup, int Users, IReadOnlyList<PhaseKind> Phases, string? PerfDirectory, bool LaunchProfileRuntime, string Arguments)
{
    public static BenchOptions Parse(string[] args)
    {
        var (duration, warmup, rounds, users) = (TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), 2, 16);
        var launchProfileRuntime = true;
        var receiver = Export.Sink;
        double? sampleRatio = null;
        IReadOnlyList<PhaseKind>? phases = null;
        string? perf = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--duration": duration = TimeSpan.FromSeconds(Positive(value, args[i])); break;
                case "--warmup": warmup = TimeSpan.FromSeconds(Number(value, args[i])); break;
                case "--rounds": rounds = (int)Positive(value, args[i]); break;
                case "--users": users = (int)Positive(value, args[i]); break;
                case "--receiver": receiver = PhaseKind.Parse(value).Export; break;
                case "--sample-ratio": sampleRatio = Ratio(value); break;
                case "--phases": phases = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(PhaseKind.Parse)]; break;
                case "--perf": perf = Path.GetFullPath(value); break;
                case "--runtime": launchProfileRuntime = value switch
                {
                    "launch-profile" => true,
                    "default" => false,
                    _ => throw new ArgumentException($"--runtime {value}: use launch-profile (the AppHost launch profile's DOTNET_* settings, as dotnet run --project AppHost) or default (the runtime's own)."),
                }; break;
                default: throw new ArgumentException($"Unknown option {args[i]}. Options: --duration s --warmup s --rounds n --users n --receiver sink|dashboard --sample-ratio r --phases off,sink,sink@0.1,dashboard --runtime launch-profile|default --perf dir");
            }

            i++;
        }

        var on = new PhaseKind(receiver == Export.Off ? Export.Sink : receiver, sampleRatio);
        var off = new PhaseKind(Export.Off, null);
        phases ??= [.. Enumerable.Range(0, rounds).SelectMany(round => round % 2 == 0 ? new[] { on, off } : [off, on])];
        return phases.Count == 0 ? throw new ArgumentException("--phases names no phase.")
            : new BenchOptions(duration, warmup, users, phases, perf, launchProfileRuntime, string.Join(' ', args));
    }

    /// <summary>The command that repeats this run.</summary>
    public string CommandLine() => "dotnet run -c Release --project bench/CheckoutThroughput -- " + string.Create(CultureInfo.InvariantCulture,
        $"--duration {Duration.TotalSeconds} --warmup {Warmup.TotalSeconds} --users {Users} --phases {string.Join(',', Phases.Select(p => p.Label))}")
        + (LaunchProfileRuntime ? "" : " --runtime default") + (PerfDirectory is null ? "" : " --perf " + PerfDirectory);

    private static double Positive(string value, string name)
    {
        var number = Number(value, name);
        return number > 0 ? number : throw new ArgumentException($"{name} must be positive.");
    }

    private static double Number(string value, string name) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number : throw new ArgumentException($"{name} {value}: not a number (seconds or a count, e.g. 30 or 0.5).");

    internal static double Ratio(string value)
    {
        var ratio = Number(value, "A sample ratio");
        return ratio is >= 0 and <= 1 ? ratio : throw new ArgumentException("A sample ratio is a probability between 0 and 1.");
    }
}
