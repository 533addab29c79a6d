// The Platform's AppHost: `dotnet run --project AppHost` (add `-- --fresh` to start from empty data).
// Resources are declared in PlatformModel.cs, which the whole-system tests start too.
using Platform.AppHost;
using Platform.Hosting;

var builder = DistributedApplication.CreateBuilder(args);

PlatformModel.Build(builder);

await builder.Build().RunAsync();
