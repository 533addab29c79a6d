using FlagService;
using FlagService.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FlagService.Tests;

/// <summary>
/// A change is recorded (its FlagChanged log, then its audit entry) before the store serves it, so a client
/// that sees the new variant finds it in the audit. Served first, a client could read the new variant and an
/// audit without it (A_file_edit_is_audited failed that way in CI). The logger looks at what the store serves
/// at the moment the change is recorded.
/// </summary>
public sealed class AuditOrderTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "flagservice-tests", Guid.NewGuid().ToString("N"));
    private readonly FlagFileStore _store;
    private readonly List<string?> _servedWhenRecorded = [];

    public AuditOrderTests()
    {
        Directory.CreateDirectory(_directory);
        var options = Options.Create(new FlagsOptions { File = Path.Combine(_directory, "flags.flagd.json") });
        File.WriteAllText(options.Value.File, FlagServiceHost.DemoFlags);
        var logger = new RecordingLogger(() => _servedWhenRecorded.Add(_store!.Current.Flags["failedReadinessProbe"].DefaultVariant));
        _store = new FlagFileStore(options, new AuditLog(options, NullLogger<AuditLog>.Instance), TimeProvider.System, logger);
        _store.LoadInitial();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_file_edit_is_recorded_before_it_is_served()
    {
        File.WriteAllText(_store.FilePath, FileWatchTests.WithDefault(FlagServiceHost.DemoFlags, "failedReadinessProbe", "on"));

        Assert.True(_store.ReloadFromDisk());

        Assert.Equal(["off"], _servedWhenRecorded);
        Assert.Equal("on", _store.Current.Flags["failedReadinessProbe"].DefaultVariant);
    }

    [Fact]
    public async Task A_change_through_the_api_is_recorded_before_it_is_served()
    {
        var result = await _store.SetDefaultVariantAsync("failedReadinessProbe", "on", "operator", "api", CancellationToken.None);

        Assert.Equal(ChangeStatus.Changed, result.Status);
        Assert.Equal(["off"], _servedWhenRecorded);
        Assert.Equal("on", _store.Current.Flags["failedReadinessProbe"].DefaultVariant);
    }

    private sealed class RecordingLogger(Action onFlagChanged) : ILogger<FlagFileStore>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Name == "FlagChanged")
            {
                onFlagChanged();
            }
        }
    }
}
