using System.Text.RegularExpressions;
using Platform.Deploy.Model;

namespace Platform.Deploy.Objects;

/// <summary>
/// In the manifest a project logs in to the PostgreSQL container as its superuser (literally
/// <c>postgres</c>, in <c>ACCOUNTINGDB_USERNAME</c> and in the userinfo of <c>ACCOUNTINGDB_URI</c>).
/// In the cluster the superuser has no login and the application user owns the database, so those
/// literals become the application user from AWS Secrets Manager, the same one the connection string uses.
/// </summary>
internal static partial class PostgresUserRewrite
{
    public static (string Text, SecretSource? Source) Apply(string name, string text, Workload postgres, ExpressionResolver resolver)
    {
        var superuser = SuperuserMatch().Match(postgres.Resource.ConnectionString ?? "");
        if (!superuser.Success)
        {
            return (text, null);
        }
        var user = SecretSource.PostgresUser(ExpressionResolver.PasswordParameter(postgres));
        var literal = superuser.Groups["user"].Value;

        if (name.EndsWith("_USERNAME", StringComparison.Ordinal) && text == literal)
        {
            return (user.Placeholder, user);
        }
        var userinfo = $"://{literal}:";
        if (text.StartsWith("postgres", StringComparison.Ordinal) && text.Contains(userinfo, StringComparison.Ordinal))
        {
            return (text.Replace(userinfo, "://{{ ." + user.TemplateKey + " | urlquery }}:", StringComparison.Ordinal), user);
        }
        return (text, null);
    }

    [GeneratedRegex(@"Username=(?<user>[^;{}]+)")]
    private static partial Regex SuperuserMatch();
}
