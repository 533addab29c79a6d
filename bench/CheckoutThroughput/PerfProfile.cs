using System.Diagnostics;
using System.Globalization;

namespace Platform.Bench.CheckoutThroughput;

/// <summary>
/// A CPU profile of the services under load with Linux <c>perf</c> (on-CPU samples at 499 Hz with call
/// stacks, frame pointers: the JIT keeps them), the services started with <c>DOTNET_PerfMapEnabled=1</c>
/// so perf names JIT-compiled methods from <c>/tmp/perf-PID.map</c>. EventPipe's sampler
/// (dotnet-trace) samples waiting threads too, which hides where the CPU goes; perf counts only CPU.
/// The raw data stays in the directory given (<c>perf.data</c>); per service, the top threads and
/// libraries and the top exclusive (self) and inclusive (children) frames, as shares of that service's
/// samples, go to <c>SERVICE.txt</c> and the console. The runtime's own libraries are stripped here, so
/// their frames show as addresses; JIT-compiled code shows as <c>memfd:doublemapper</c> (W^X).
/// </summary>
public sealed class PerfProfile(string directory, IReadOnlyList<(int Pid, string Group)> processes)
{
    private Process? _perf;

    public static bool Available => File.Exists("/usr/bin/perf");

    public string DataFile => Path.Combine(directory, "perf.data");

    /// <summary>Records every given process for <paramref name="duration"/>, in the background.</summary>
    public void Start(TimeSpan duration)
    {
        Directory.CreateDirectory(directory);
        // perf's own messages (samples written, events lost) go to this console: a pipe nobody reads could stall it.
        var start = new ProcessStartInfo("perf") { UseShellExecute = false };
        foreach (var argument in new[] { "record", "-F", "499", "-g", "-o", DataFile, "-p", string.Join(',', processes.Select(p => p.Pid)), "--", "sleep",
            duration.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        _perf = Process.Start(start) ?? throw new InvalidOperationException("Could not start perf.");
    }

    /// <summary>Waits for the recording, then writes and prints each service's top frames (while the services still run: their perf maps are read).</summary>
    public async Task ReportAsync(int top, CancellationToken cancellationToken)
    {
        if (_perf is null)
        {
            return;
        }

        await _perf.WaitForExitAsync(cancellationToken);
        Console.WriteLine($"  CPU profile (perf, 499 Hz, {DataFile}); shares of each service's own samples:");
        foreach (var (pid, group) in processes.OrderBy(p => p.Group, StringComparer.Ordinal))
        {
            // Thread and library first: on a loaded machine most of it was the tiered JIT's background thread.
            var libraries = await FramesAsync(pid, "comm,dso", children: false, 6, cancellationToken);
            var self = await FramesAsync(pid, "sym", children: false, top, cancellationToken);
            var inclusive = await FramesAsync(pid, "sym", children: true, top, cancellationToken);
            var text = $"{group} (pid {pid})\n  by library: {string.Join("; ", libraries)}\n  exclusive (self):\n{string.Join('\n', self.Select(l => "    " + l))}\n  inclusive (children):\n{string.Join('\n', inclusive.Select(l => "    " + l))}\n";
            await File.WriteAllTextAsync(Path.Combine(directory, group + ".txt"), text, cancellationToken);
            Console.Write("  " + text.Replace("\n", "\n  ", StringComparison.Ordinal).TrimEnd(' '));
        }
    }

    private async Task<List<string>> FramesAsync(int pid, string sort, bool children, int top, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("perf") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "report", "-i", DataFile, "--pid", pid.ToString(CultureInfo.InvariantCulture), children ? "--children" : "--no-children",
            "--sort", sort, "--stdio", "-g", "none", "--percentage", "relative", "--percent-limit", "0.5" })
        {
            start.ArgumentList.Add(argument);
        }

        using var report = Process.Start(start) ?? throw new InvalidOperationException("Could not start perf report.");
        var stderr = report.StandardError.ReadToEndAsync(cancellationToken);
        var lines = new List<string>();
        while (await report.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            // -g none still prints call graph lines for some samples: only "NN.NN% ..." rows are frames.
            if (line.Trim() is { Length: > 0 } row && char.IsDigit(row[0]) && row.Contains('%', StringComparison.Ordinal) && lines.Count < top)
            {
                lines.Add(string.Join(' ', row.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
            }
        }

        await report.WaitForExitAsync(cancellationToken);
        await stderr;
        return lines;
    }
}
