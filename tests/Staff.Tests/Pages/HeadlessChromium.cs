using Microsoft.Playwright;

namespace ShortSentences.Staff.Tests.Pages;

/// <summary>Debian's Chromium, headless, as every browser test drives it, and the folder their screenshots go to.</summary>
internal static class HeadlessChromium
{
    public static readonly string Screenshots =
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots")).FullName;

    public static Task<IBrowser> Launch(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
}
