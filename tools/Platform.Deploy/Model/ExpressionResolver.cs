using System.Text;
using System.Text.RegularExpressions;

namespace Platform.Deploy.Model;

/// <summary>A resolved manifest value: its text (with External Secrets placeholders where secrets go) and what it used.</summary>
internal sealed record ResolvedValue(string Text, IReadOnlyList<SecretSource> Secrets, IReadOnlyList<string> References)
{
    public bool IsSecret => Secrets.Count > 0;
}

/// <summary>The value uses an https endpoint, which the cluster does not serve (TLS ends at the load balancer).</summary>
internal sealed class HttpsBindingException(string expression)
    : Exception($"{expression} is an https endpoint; in the cluster TLS ends at the load balancer and services talk plain http.");

/// <summary>
/// Resolves the <c>{resource.property}</c> expressions of an Aspire manifest to in-cluster values:
/// <c>{x.connectionString}</c>, <c>{x.bindings.&lt;endpoint&gt;.url|host|port|targetPort|scheme}</c>,
/// <c>{x.value}</c> and <c>{x.inputs.value}</c>. A secret parameter never becomes text: it becomes a
/// placeholder that External Secrets fills from AWS Secrets Manager in the cluster.
/// </summary>
internal sealed partial class ExpressionResolver(DeployModel model)
{
    private const int MaxDepth = 16;

    public DeployModel Model => model;

    public ResolvedValue Resolve(string value, string usedBy)
    {
        var secrets = new List<SecretSource>();
        var references = new SortedSet<string>(StringComparer.Ordinal);
        var text = Resolve(value, usedBy, secrets, references, 0);
        return new ResolvedValue(text, [.. secrets.DistinctBy(s => s.TemplateKey).OrderBy(s => s.TemplateKey, StringComparer.Ordinal)], [.. references]);
    }

    private string Resolve(string value, string usedBy, List<SecretSource> secrets, SortedSet<string> references, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new GeneratorException($"Expressions used by '{usedBy}' refer to each other in a loop (more than {MaxDepth} levels).");
        }

        foreach (Match candidate in AnyBraces().Matches(value))
        {
            if (!Expression().IsMatch(candidate.Value))
            {
                throw new GeneratorException($"'{usedBy}' has {candidate.Value}, which is not an expression the generator can read ({{resource.property}} or {{resource.property:uri}}).");
            }
        }

        var text = new StringBuilder();
        var at = 0;
        foreach (Match match in Expression().Matches(value))
        {
            text.Append(value, at, match.Index - at);
            var resolved = ResolveOne(match.Groups["resource"].Value, match.Groups["path"].Value, match.Value, usedBy, secrets, references, depth);
            text.Append(match.Groups["format"].Success ? Format(resolved, match.Groups["format"].Value, match.Value, usedBy) : resolved);
            at = match.Index + match.Length;
        }
        text.Append(value, at, value.Length - at);
        return text.ToString();
    }

    /// <summary>
    /// Aspire's format specifiers: <c>:uri</c> percent-encodes the value for use inside a URI. A
    /// secret placeholder gets External Secrets' template function instead, applied in the cluster.
    /// </summary>
    private static string Format(string value, string format, string expression, string usedBy)
    {
        if (format != "uri")
        {
            throw new GeneratorException($"'{usedBy}' uses {expression}: the generator knows the format or filter 'uri', not '{format}'.");
        }
        var placeholder = Placeholder().Match(value);
        return placeholder.Success && placeholder.Length == value.Length
            ? "{{ ." + placeholder.Groups["key"].Value + " | urlquery }}"
            : Uri.EscapeDataString(value);
    }

    private string ResolveOne(string name, string path, string expression, string usedBy, List<SecretSource> secrets, SortedSet<string> references, int depth)
    {
        if (!model.Workloads.TryGetValue(name, out var target))
        {
            throw new GeneratorException($"'{usedBy}' uses {expression}, but the manifest has no resource '{name}'.");
        }
        if (target.Kind is not (WorkloadKind.Parameter or WorkloadKind.Value))
        {
            references.Add(target.Kind == WorkloadKind.PostgresDatabase ? target.Database!.Value.Server : name);
        }

        var segments = path.Split('.');
        switch (target.Kind, segments)
        {
            case (WorkloadKind.Parameter, ["value"] or ["inputs", "value"]):
                return ResolveParameter(target, secrets);
            case (WorkloadKind.Postgres, ["connectionString"]):
                var password = PasswordParameter(target);
                var user = SecretSource.PostgresUser(password);
                var pass = SecretSource.ForParameter(password);
                secrets.Add(user);
                secrets.Add(pass);
                var address = ClusterAddresses.Of(target);
                return $"Host={address.Host};Port={address.Port};Username={user.Placeholder};Password={pass.Placeholder}";
            case (WorkloadKind.PostgresDatabase, ["databaseName"]):
                return target.Database!.Value.Database;
            case (_, ["connectionString"]) when target.Resource.ConnectionString is not null:
                return Resolve(target.Resource.ConnectionString, usedBy, secrets, references, depth + 1);
            case (WorkloadKind.Value, ["value"]) when target.Resource.Value is not null:
                var inner = Resolve(target.Resource.Value, usedBy, secrets, references, depth + 1);
                return target.Resource.Filter is { } filter ? Format(inner, filter, expression, usedBy) : inner;
            case (WorkloadKind.Project or WorkloadKind.Postgres or WorkloadKind.Redis or WorkloadKind.Kafka, ["bindings", var binding, var property]):
                return ResolveBinding(target, binding, property, expression, usedBy);
            default:
                throw new GeneratorException($"'{usedBy}' uses {expression}: the generator cannot resolve '{path}' of a {target.Resource.Type} resource ({target.Kind}).");
        }
    }

    private static string ResolveParameter(Workload parameter, List<SecretSource> secrets)
    {
        var input = parameter.Resource.Input;
        if (input is null || input.Secret || input.Generated)
        {
            var source = SecretSource.ForParameter(parameter.Name);
            secrets.Add(source);
            return source.Placeholder;
        }
        return input.DefaultValue
            ?? throw new GeneratorException($"Parameter '{parameter.Name}' is not secret and has no default value: give it a default in the AppHost, or mark it secret so it is read from AWS Secrets Manager.");
    }

    private string ResolveBinding(Workload target, string binding, string property, string expression, string usedBy)
    {
        if (!target.Resource.Bindings.TryGetValue(binding, out var endpoint))
        {
            throw new GeneratorException($"'{usedBy}' uses {expression}, but '{target.Name}' has no binding '{binding}'.");
        }
        if (endpoint.Scheme == "https")
        {
            throw new HttpsBindingException(expression);
        }

        var address = ClusterAddresses.Of(target);
        return property switch
        {
            "host" => address.Host,
            "port" or "targetPort" => address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "scheme" => endpoint.Scheme,
            "url" => $"{endpoint.Scheme}://{address.Host}:{address.Port}",
            _ => throw new GeneratorException($"'{usedBy}' uses {expression}: a binding has url, host, port, targetPort and scheme, not '{property}'."),
        };
    }

    /// <summary>The parameter holding a data store's password, read from its connection string (<c>Password={p.value}</c>).</summary>
    public static string PasswordParameter(Workload store)
    {
        var match = PasswordParameterPattern().Match(store.Resource.ConnectionString ?? "");
        return match.Success
            ? match.Groups["parameter"].Value
            : throw new GeneratorException($"Resource '{store.Name}' has no password={{parameter.value}} in its connection string; the generator needs that parameter to read the password from AWS Secrets Manager.");
    }

    [GeneratedRegex(@"\{(?<resource>[A-Za-z0-9_-]+)\.(?<path>[A-Za-z0-9_.]+)(?::(?<format>[a-z]+))?\}")]
    private static partial Regex Expression();

    /// <summary>Anything in single braces: each must be an <see cref="Expression"/>, so nothing is left unresolved by accident.</summary>
    [GeneratedRegex(@"(?<!\{)\{[^{}]*\}(?!\})")]
    private static partial Regex AnyBraces();

    [GeneratedRegex(@"^\{\{ \.(?<key>[A-Za-z0-9_]+) \}\}$")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"password=\{(?<parameter>[A-Za-z0-9_-]+)\.(?:inputs\.)?value\}", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordParameterPattern();
}
