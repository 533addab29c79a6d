using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.AppHost;

/// <summary>
/// The ports of a service in run mode. Each service binds its public port itself (the dev port from its
/// launchSettings, or in tests, whose public ports are random, one the AppHost picks): DCP runs no proxy in
/// front of it, because a proxy on every service-to-service call cost about 1.3 ms of CPU per order, a sixth of
/// the Platform's (bench/README.md, CheckoutThroughput). Aspire 13.6 would check a port once, when it prepares
/// DCP's model, and the service binds it much later, after everything it waits for is healthy: in that window
/// another process (another AppHost's service, a server) could take it, and the service failed to bind. So the
/// AppHost holds each port bound until DCP starts the service, and only then lets it go to the service. A port
/// it picks lies outside the kernel's ephemeral range, where no outgoing connection and no other AppHost
/// allocates.
/// </summary>
internal static class ServicePortBuilderExtensions
{
    private const string LocalPortRange = "/proc/sys/net/ipv4/ip_local_port_range";

    public static IResourceBuilder<ProjectResource> WithHeldDirectPorts(this IResourceBuilder<ProjectResource> service)
    {
        var builder = service.ApplicationBuilder;
        // Aspire.Hosting.Testing randomizes the public ports; a user's run keeps the dev ports.
        var publicPortsRandomized = builder.Configuration.GetValue<bool>("DcpPublisher:RandomizePorts");
        var endpoints = service.Resource.Annotations.OfType<EndpointAnnotation>().ToList();
        endpoints.ForEach(endpoint => endpoint.IsProxied = false);
        var held = new List<Socket>();

        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            foreach (var endpoint in endpoints)
            {
                var hold = !publicPortsRandomized && endpoint.Port is int devPort
                    ? HoldDevPort(service.Resource.Name, devPort)
                    : HoldFreePort();
                endpoint.Port = endpoint.TargetPort = ((IPEndPoint)hold.LocalEndPoint!).Port;
                held.Add(hold);
            }
            // A run stopped before the service started gives its ports back too.
            @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => Release(held));
            return Task.CompletedTask;
        });
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(service.Resource, (_, _) =>
        {
            Release(held);
            return Task.CompletedTask;
        });
        return service;
    }

    private static Socket HoldDevPort(string name, int port)
    {
        try
        {
            return Listen(port);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new DistributedApplicationException(
                $"Port {port.ToString(CultureInfo.InvariantCulture)}, the dev port of '{name}' (its Properties/launchSettings.json), is already in use by {PortHolder.Describe(port)}. " +
                "Is the Platform already running? Stop that process (Ctrl+C in its terminal, or kill it), or give the service another port in its launchSettings.json.");
        }
    }

    /// <summary>A loopback port outside the kernel's ephemeral range, bound and listening until released.</summary>
    private static Socket HoldFreePort()
    {
        var (first, last) = PortsOutsideEphemeralRange();
        var start = Random.Shared.Next(first, last + 1);
        for (var i = 0; i <= last - first; i++)
        {
            var port = first + ((start - first + i) % (last - first + 1));
            try
            {
                return Listen(port);
            }
            catch (SocketException)
            {
                // Taken: try the next one.
            }
        }
        throw new DistributedApplicationException($"No free loopback port between {first} and {last} for a service.");
    }

    /// <summary>A socket bound and listening on the loopback <paramref name="port"/>: nobody else can take the port while it is open.</summary>
    private static Socket Listen(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen(1);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Ports the kernel never hands out by itself (above <c>ip_local_port_range</c>, 61000–65535 by default),
    /// or those below it when the range reaches the top.
    /// </summary>
    private static (int First, int Last) PortsOutsideEphemeralRange()
    {
        var range = File.Exists(LocalPortRange)
            ? File.ReadAllText(LocalPortRange).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray()
            : [32768, 60999];
        return range[1] <= 64535 ? (range[1] + 1, 65535) : (10000, range[0] - 1);
    }

    private static void Release(List<Socket> held)
    {
        lock (held)
        {
            held.ForEach(socket => socket.Dispose());
            held.Clear();
        }
    }
}
