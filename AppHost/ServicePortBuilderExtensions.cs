using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Platform.AppHost;

/// <summary>
/// The ports of a service in run mode. DCP's proxy listens on the public port (the dev port from the
/// service's launchSettings, or a random one in tests) and forwards to the port the service binds (the
/// target port). Aspire 13.6 picks target ports as free once, when it prepares DCP's model, and the
/// service binds its own much later, after everything it waits for is healthy: in that window another
/// process (another AppHost's service, a server) could take it, and the service failed to bind. So the
/// AppHost chooses each target port itself, outside the kernel's ephemeral range (no outgoing connection
/// and no other AppHost allocates there), holds it bound until DCP starts the service, and only then lets
/// it go to the service.
/// </summary>
internal static class ServicePortBuilderExtensions
{
    private static readonly string[] LocalPortRange = ["/proc/sys/net/ipv4/ip_local_port_range"];

    public static IResourceBuilder<ProjectResource> WithHeldTargetPorts(this IResourceBuilder<ProjectResource> service)
    {
        var builder = service.ApplicationBuilder;
        // Aspire.Hosting.Testing randomizes the public ports; a user's run keeps the dev ports.
        var publicPortsRandomized = builder.Configuration.GetValue<bool>("DcpPublisher:RandomizePorts");
        var held = new List<Socket>();

        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            foreach (var endpoint in service.Resource.Annotations.OfType<EndpointAnnotation>())
            {
                if (!publicPortsRandomized && endpoint.Port is int devPort)
                {
                    ThrowIfTaken(service.Resource.Name, devPort);
                }
                if (endpoint.TargetPort is null)
                {
                    var hold = HoldFreePort();
                    endpoint.TargetPort = ((IPEndPoint)hold.LocalEndPoint!).Port;
                    held.Add(hold);
                }
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

    private static void ThrowIfTaken(string name, int port)
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
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
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                socket.Listen(1);
                return socket;
            }
            catch (SocketException)
            {
                socket.Dispose();
            }
        }
        throw new DistributedApplicationException($"No free loopback port between {first} and {last} for a service.");
    }

    /// <summary>
    /// Ports the kernel never hands out by itself (above <c>ip_local_port_range</c>, 61000–65535 by default),
    /// or those below it when the range reaches the top.
    /// </summary>
    private static (int First, int Last) PortsOutsideEphemeralRange()
    {
        var range = File.Exists(LocalPortRange[0])
            ? File.ReadAllText(LocalPortRange[0]).Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray()
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
