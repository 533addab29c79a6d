using System.ComponentModel.DataAnnotations;

namespace Platform.Email;

/// <summary>Configuration section <c>Email</c>.</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    /// <summary>The sender shown on every confirmation.</summary>
    [Required, EmailAddress]
    public string From { get; set; } = "orders@platform.example";

    /// <summary>
    /// The most memory <c>emailMemoryLeak</c> may hold (default 512 MiB): the leak is an incident to
    /// practise on, not a way to take down the machine the whole Platform shares.
    /// </summary>
    [Range(1L, long.MaxValue)]
    public long MaxRetainedBytes { get; set; } = 512L * 1024 * 1024;
}
