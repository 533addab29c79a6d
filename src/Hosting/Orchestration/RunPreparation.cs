using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Platform.Hosting.Api;
using Platform.Hosting.ApplicationModel;
using Platform.Hosting.Local;

namespace Platform.Hosting.Orchestration;

/// <summary>What happens before any resource starts: data directory, parameters, ports, the API file.</summary>
internal static class RunPreparation
{
    public static void PrepareDataDirectory(string dataDirectory, bool fresh)
    {
        if (fresh && Directory.Exists(dataDirectory))
        {
            Directory.Delete(dataDirectory, recursive: true);
        }

        Directory.CreateDirectory(dataDirectory);
    }

    public static async Task ResolveParametersAsync(IEnumerable<IResource> resources, IConfiguration configuration, string dataDirectory, CancellationToken cancellationToken)
    {
        var parameters = resources.OfType<ParameterResource>().ToList();
        if (parameters.Count == 0)
        {
            return;
        }

        var file = Path.Combine(dataDirectory, "parameters.json");
        var generated = File.Exists(file)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)) ?? []
            : [];
        var changed = false;
        foreach (var parameter in parameters)
        {
            var value = configuration[$"Parameters:{parameter.Name}"] ?? parameter.Default;
            if (value is null && !generated.TryGetValue(parameter.Name, out value))
            {
                value = generated[parameter.Name] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
                changed = true;
            }

            parameter.Value.Set(value);
        }

        if (changed)
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(generated), cancellationToken).ConfigureAwait(false);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }

    public static void AllocatePorts(IEnumerable<IResource> resources, bool randomize)
    {
        foreach (var resource in resources)
        {
            var replicas = resource.Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1;
            foreach (var endpoint in resource.Annotations.OfType<EndpointAnnotation>())
            {
                endpoint.AllocatedPorts = [.. Enumerable.Range(0, replicas)
                    .Select(i => i == 0 && endpoint.Port is { } fixedPort && !randomize ? fixedPort : FreePort.Next())];
            }
        }
    }

    public static async Task WriteApiFileAsync(string dataDirectory, ResourceApi? api, CancellationToken cancellationToken)
    {
        var file = Path.Combine(dataDirectory, "apphost.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { apiUrl = api?.Url.ToString(), token = api?.Token, pid = Environment.ProcessId }), cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
