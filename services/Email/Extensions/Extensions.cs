using Platform.Email.Infrastructure;
using Platform.Email.Model;

namespace Platform.Email.Extensions;

public static class Extensions
{
    /// <summary>Options, the renderer and the memory leak of <c>emailMemoryLeak</c>.</summary>
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EmailOptions>()
            .BindConfiguration(EmailOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ConfirmationRenderer>();
        builder.Services.AddSingleton<ConfirmationLeak>();
        return builder;
    }
}
