using System.Diagnostics;

namespace LoadGenerator.Tests;

/// <summary>
/// The service mode stops on SIGTERM, as DCP and Kubernetes stop it, even when the Frontend is unreachable. It once
/// spun in its summary loop after the stop signal (thousands of summaries a second) and never exited: a stray load
/// generator burned a core through a whole CI run.
/// </summary>
public sealed class ServiceStopTests
{
    [Fact]
    public async Task Sigterm_stops_the_service_within_seconds_with_one_closing_summary()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(typeof(Platform.LoadGenerator.Infrastructure.LoadGeneratorWorker).Assembly.Location);
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["services__frontend__http__0"] = "http://127.0.0.1:1"; // nothing listens: every request fails
        info.Environment["LoadGenerator__MinWait"] = "00:00:00.200";
        info.Environment["LoadGenerator__MaxWait"] = "00:00:00.500";
        using var service = Process.Start(info)!;
        var output = new System.Text.StringBuilder();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        service.OutputDataReceived += (_, line) =>
        {
            lock (output)
            {
                output.AppendLine(line.Data);
            }
            if (line.Data?.Contains("Application started", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        };
        service.BeginOutputReadLine();
        _ = service.StandardError.ReadToEndAsync();
        try
        {
            // Started, not a fixed delay: a SIGTERM that arrives before the host handles it (a slow start on a
            // loaded machine) kills the process at once, and that says nothing about the stop.
            await started.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(2)); // running, its users failing against the missing Frontend

            using (var term = Process.Start("kill", ["-TERM", service.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await service.WaitForExitAsync(deadline.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            Assert.True(service.HasExited, "the load generator did not stop within 15 s of SIGTERM");
            service.WaitForExit(); // the redirected output is complete only after this
        }
        finally
        {
            if (!service.HasExited)
            {
                service.Kill(entireProcessTree: true);
            }
        }

        var summaries = output.ToString().Split('\n').Count(line => line.Contains(" users, ", StringComparison.Ordinal));
        Assert.InRange(summaries, 1, 2);
    }
}
