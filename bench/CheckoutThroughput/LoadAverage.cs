namespace Platform.Bench.CheckoutThroughput;

/// <summary>The machine's load average (1, 5, 15 min), as <c>uptime</c> prints it: other work sharing the cores.</summary>
public static class LoadAverage
{
    public static string Now() => string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
