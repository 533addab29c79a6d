using EndToEnd.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace EndToEnd.Tests.Model;

/// <summary>
/// In run mode every service binds its own endpoint: DCP runs no proxy in front of it, which cost about 1.3 ms
/// of CPU per order on every service-to-service call (bench/README.md, CheckoutThroughput).
/// </summary>
[Collection(SharedPlatform.Name)]
public sealed class ServicePortsTests(PlatformFixture platform)
{
    [Fact]
    public void Each_service_listens_on_its_endpoint_itself_with_no_dcp_proxy_in_front()
    {
        var sockets = ListeningSockets.Of(ProcessTree.StartedBy(Environment.ProcessId));
        var services = platform.App.Services.GetRequiredService<DistributedApplicationModel>().Resources.OfType<ProjectResource>().ToList();
        Assert.NotEmpty(services);

        foreach (var service in services)
        {
            var port = platform.App.GetEndpoint(service.Name, "http").Port;
            var listeners = sockets.Where(s => s.Port == port).Select(s => s.Process).Distinct().ToList();
            // A service runs as "dotnet <Service>.dll": its resource name is the assembly's, in lower case.
            Assert.True(listeners.Count > 0 && listeners.All(p => string.Equals(p, service.Name, StringComparison.OrdinalIgnoreCase)),
                $"port {port} of '{service.Name}' is held by [{string.Join(", ", listeners)}], not by the service itself; sockets:\n{string.Join('\n', sockets)}");
        }
    }
}
