using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace FlagService.Infrastructure;

/// <summary>Outcome of checking an admin token.</summary>
public enum AdminCheck
{
    Allowed,
    Denied,
    NotConfigured,
}

/// <summary>
/// Checks the admin token (<c>Flags:AdminToken</c>) in constant time. Without a configured token every
/// change is refused: there is never an open write API.
/// </summary>
public sealed class AdminAuthorization(IOptionsMonitor<FlagsOptions> options)
{
    public bool IsConfigured => !string.IsNullOrEmpty(options.CurrentValue.AdminToken);

    /// <summary>Checks a token given directly (the UI form).</summary>
    public AdminCheck Check(string? presented)
    {
        var expected = options.CurrentValue.AdminToken;
        if (string.IsNullOrEmpty(expected))
        {
            return AdminCheck.NotConfigured;
        }

        if (string.IsNullOrEmpty(presented))
        {
            return AdminCheck.Denied;
        }

        // Hashing first gives equal lengths, so the comparison time says nothing about the token.
        var a = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b) ? AdminCheck.Allowed : AdminCheck.Denied;
    }

    /// <summary>Checks <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public AdminCheck CheckBearer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var token = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
        return Check(token);
    }

    /// <summary>Who made a change, for the audit log.</summary>
    public static string Who(HttpContext context) => $"admin@{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";
}
