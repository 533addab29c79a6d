using Platform.Hosting.LocalServers;

namespace EndToEnd.Tests.Model;

/// <summary>A server binary that is not installed stops the AppHost with the package to install.</summary>
public sealed class SystemPackagesTests
{
    [Fact]
    public void A_missing_server_names_the_apt_package_to_install()
    {
        var error = Assert.Throws<DistributedApplicationException>(() =>
            SystemPackages.Find("postgres", "postgresql", ["/nonexistent/lib/postgresql/15/bin/postgres"]));

        Assert.Contains("'postgres' was not found", error.Message);
        Assert.Contains("sudo apt-get install -y postgresql", error.Message);
        Assert.Contains("ConnectionStrings:<name>", error.Message);
    }

    [Fact]
    public void An_installed_server_is_found()
    {
        Assert.Equal("/usr/bin/redis-server", SystemPackages.RedisServer());
        Assert.StartsWith("/usr/lib/postgresql/", SystemPackages.Postgres("initdb"));
    }
}
