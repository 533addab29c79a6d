using System.Diagnostics;
using Platform.Hosting.ApplicationModel;

namespace Platform.Hosting.Orchestration;

/// <summary>
/// Prints one line per resource state change (<c>frontend  Running  http://127.0.0.1:41231</c>),
/// the last lines of a resource that failed, and the URLs once everything is healthy.
/// </summary>
internal sealed class ConsoleReporter : IDisposable
{
    private readonly DistributedApplication _app;
    private readonly TextWriter _console;
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly int _width;
    private bool _announced;

    public ConsoleReporter(DistributedApplication app, TextWriter console)
    {
        _app = app;
        _console = console;
        _width = Math.Max(12, app.Resources.Max(r => r.Name.Length) + 2);
        app.ResourceNotifications.SnapshotChanged += OnChanged;
    }

    public void Starting() => Write($"AppHost: starting {_app.Resources.Count} resources (data in {_app.DataDirectory}); Ctrl+C stops everything.");

    public void Stopping() => Write("AppHost: stopping (reverse dependency order)...");

    public void Stopped() => Write("AppHost: stopped.");

    public void Dispose() => _app.ResourceNotifications.SnapshotChanged -= OnChanged;

    private void OnChanged(ResourceSnapshot current, ResourceSnapshot? previous)
    {
        if (previous is not null && previous.State == current.State && previous.HealthStatus == current.HealthStatus)
        {
            return;
        }

        if (current.ResourceType == "Parameter")
        {
            return;
        }

        var state = current is { State: KnownResourceStates.Running, HealthStatus: not null }
            ? $"{current.State} ({current.HealthStatus.ToString()!.ToLowerInvariant()})"
            : current.State;
        var line = $"{current.Name.PadRight(_width)}{state,-22}{string.Join(' ', current.Urls)}".TrimEnd();
        if (current.Message is { } message && current.State != KnownResourceStates.Running)
        {
            line += Environment.NewLine + string.Join(Environment.NewLine, message.Split('\n').Select(l => "    " + l.TrimEnd()));
        }

        Write(line);
        if (!_announced && _app.ResourceNotifications.Snapshots.All(s => s.IsHealthy))
        {
            _announced = true;
            Announce();
        }
    }

    private void Announce()
    {
        var lines = new List<string> { $"AppHost: every resource is healthy after {_clock.Elapsed.TotalSeconds:0.0} s." };
        foreach (var resource in _app.Resources.Where(r => r.Annotations.OfType<EndpointAnnotation>().Any(e => e.IsExternal)))
        {
            var url = resource.Annotations.OfType<EndpointAnnotation>().First(e => e.IsExternal).Urls.First();
            lines.Add($"  {(resource.Name == "frontend" ? "Storefront" : resource.Name),-12}{url}");
        }

        if (_app.Configuration["Dashboard:Url"] is { Length: > 0 } dashboard)
        {
            lines.Add($"  {"Dashboard",-12}{dashboard}");
        }

        foreach (var resource in _app.Resources.Where(r => r.Annotations.OfType<EndpointAnnotation>().Any()))
        {
            lines.Add($"  {resource.Name,-16}{string.Join(' ', resource.Annotations.OfType<EndpointAnnotation>().SelectMany(e => e.Urls))}");
        }

        if (_app.ApiUrl is { } api)
        {
            lines.Add($"  {"API",-16}{api}api/resources (token for POST in {Path.Combine(_app.DataDirectory, "apphost.json")})");
        }

        Write(string.Join(Environment.NewLine, lines));
    }

    private void Write(string text)
    {
        lock (_gate)
        {
            _console.WriteLine(text);
            _console.Flush();
        }
    }
}
