using System.Diagnostics;
using Microsoft.Playwright;

namespace ActorStreams.IntegrationTests.Support;

/// <summary>
/// Debian's chromium driven by Playwright (browser downloads are not possible here, so Playwright launches the system
/// executable). Installs the <c>chromium</c> package when it is missing and the tests run as root, like
/// <c>scripts/ensure-deps.sh test</c> does for the whole suite.
/// </summary>
internal static class Chromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
    private static readonly SemaphoreSlim Installing = new(1, 1);

    /// <summary>Launches headless chromium (no sandbox: the tests may run as root).</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var executable = await LocateAsync();
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    private static async Task<string> LocateAsync()
    {
        if (Candidates.FirstOrDefault(File.Exists) is { } found)
        {
            return found;
        }

        await Installing.WaitAsync();
        try
        {
            if (Candidates.FirstOrDefault(File.Exists) is { } installed)
            {
                return installed;
            }

            if (Environment.UserName != "root" || !File.Exists("/usr/bin/apt-get"))
            {
                throw new InvalidOperationException("chromium is not installed and these tests cannot install it (not root, or no apt-get): run `apt-get install -y chromium`");
            }

            using var apt = Process.Start(new ProcessStartInfo("/usr/bin/apt-get", ["install", "-y", "-q", "--no-install-recommends", "chromium"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["DEBIAN_FRONTEND"] = "noninteractive" },
            })!;
            var output = apt.StandardOutput.ReadToEndAsync();
            var error = apt.StandardError.ReadToEndAsync();
            await apt.WaitForExitAsync();
            return apt.ExitCode == 0 && Candidates.FirstOrDefault(File.Exists) is { } path
                ? path
                : throw new InvalidOperationException($"apt-get install chromium failed ({apt.ExitCode}):\n{await output}\n{await error}");
        }
        finally
        {
            Installing.Release();
        }
    }
}
