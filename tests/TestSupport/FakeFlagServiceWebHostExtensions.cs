using Microsoft.AspNetCore.Hosting;

namespace Platform.Testing;

public static class FakeFlagServiceWebHostExtensions
{
    /// <summary>Points the service under test at the fake FlagService (<see cref="FakeFlagService.ClientSettings"/>).</summary>
    public static IWebHostBuilder UseFakeFlagService(this IWebHostBuilder web, FakeFlagService flags)
    {
        foreach (var (key, value) in flags.ClientSettings)
        {
            web.UseSetting(key, value);
        }
        return web;
    }
}
