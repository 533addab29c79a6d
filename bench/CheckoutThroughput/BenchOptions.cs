using System.Globalization;

namespace Platform.Bench.CheckoutThroughput;

/// <summary>Which OTLP receiver the services export to in the phases with telemetry on.</summary>
public enum ReceiverKind
{
    /// <summary>bench/OtlpSink: counts and drops (a collector's cost at most).</summary>
    Sink,

    /// <summary>The Aspire dashboard's standalone binary, as a developer runs it.</summary>
    Dashboard,
}

/// <summary>
/// The command line: <c>--duration 30 --warmup 10 --rounds 2 --users 16 --receiver sink|dashboard
/// --sample-ratio 0.1</c>. A round is one phase with telemetry on and one with it off; rounds alternate
/// the order (on, off, off, on, ...) so a drift of the machine's load falls on both alike.
/// </summary>
public sealed record BenchOptions(TimeSpan Duration, TimeSpan Warmup, int Rounds, int Users, ReceiverKind Receiver, double? SampleRatio)
{
    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), 2, 16, ReceiverKind.Sink, null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.");
            options = args[i] switch
            {
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Positive(value, args[i])) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture)) },
                "--rounds" => options with { Rounds = (int)Positive(value, args[i]) },
                "--users" => options with { Users = (int)Positive(value, args[i]) },
                "--receiver" => options with { Receiver = Enum.Parse<ReceiverKind>(value, ignoreCase: true) },
                "--sample-ratio" => options with { SampleRatio = Ratio(value) },
                _ => throw new ArgumentException($"Unknown option {args[i]}. Options: --duration s --warmup s --rounds n --users n --receiver sink|dashboard --sample-ratio r"),
            };
            i++;
        }

        return options;
    }

    /// <summary>The phases in run order: true = telemetry on.</summary>
    public IReadOnlyList<bool> Phases() =>
        [.. Enumerable.Range(0, Rounds).SelectMany(round => round % 2 == 0 ? new[] { true, false } : [false, true])];

    /// <summary>The arguments that repeat this run.</summary>
    public string CommandLine() => string.Create(CultureInfo.InvariantCulture,
        $"dotnet run -c Release --project bench/CheckoutThroughput -- --duration {Duration.TotalSeconds} --warmup {Warmup.TotalSeconds} --rounds {Rounds} --users {Users} --receiver {Receiver.ToString().ToLowerInvariant()}")
        + (SampleRatio is { } r ? string.Create(CultureInfo.InvariantCulture, $" --sample-ratio {r}") : "");

    private static double Positive(string value, string name)
    {
        var number = double.Parse(value, CultureInfo.InvariantCulture);
        return number > 0 ? number : throw new ArgumentException($"{name} must be positive.");
    }

    private static double Ratio(string value)
    {
        var ratio = double.Parse(value, CultureInfo.InvariantCulture);
        return ratio is >= 0 and <= 1 ? ratio : throw new ArgumentException("--sample-ratio is a probability between 0 and 1.");
    }
}
