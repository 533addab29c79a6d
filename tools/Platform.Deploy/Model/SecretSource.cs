namespace Platform.Deploy.Model;

/// <summary>
/// Where a secret value comes from: a property of a JSON secret in AWS Secrets Manager, read by
/// External Secrets. <see cref="TemplateKey"/> is its name inside External Secrets templates.
/// </summary>
internal sealed record SecretSource(string TemplateKey, string Key, string Property)
{
    /// <summary>
    /// The Secrets Manager entries infra/terraform/modules/platform-secrets writes, by the Aspire
    /// parameter they stand for. A parameter not listed reads key <c>&lt;parameter&gt;</c>, property <c>value</c>.
    /// </summary>
    private static readonly Dictionary<string, (string Key, string Property)> KnownParameters = new(StringComparer.Ordinal)
    {
        ["postgres-password"] = ("postgresql", "password"),
        ["redis-password"] = ("redis", "password"),
        ["flags-admin-token"] = ("flagservice-admin-token", "token"),
    };

    public static SecretSource ForParameter(string parameter)
    {
        var (key, property) = KnownParameters.TryGetValue(parameter, out var known) ? known : (parameter, "value");
        return new SecretSource(TemplateKeyOf(parameter), key, property);
    }

    /// <summary>The application user of the PostgreSQL database (same Secrets Manager entry as its password).</summary>
    public static SecretSource PostgresUser(string postgresPasswordParameter) =>
        ForParameter(postgresPasswordParameter) with
        {
            TemplateKey = TemplateKeyOf(postgresPasswordParameter.EndsWith("-password", StringComparison.Ordinal) ? postgresPasswordParameter[..^"-password".Length] : postgresPasswordParameter) + "_username",
            Property = "username",
        };

    /// <summary>Go template field names cannot hold '-'.</summary>
    private static string TemplateKeyOf(string name) => name.Replace('-', '_');

    /// <summary>The Go template action External Secrets fills with the value.</summary>
    public string Placeholder => "{{ ." + TemplateKey + " }}";
}
