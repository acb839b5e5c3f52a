using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ShortSentences.Staff.Tests.Pages;

internal static class Navigation
{
    /// <summary>
    /// Waits until the page's address matches and its document has finished loading, both by polling. Playwright's
    /// WaitForURL missed a navigation now and then (about 1 run in 8 of the keyboard test, with the new page loaded and
    /// its address already right): most likely it looks at the address, then listens for the next navigation or load
    /// event, and one landing in between is never seen.
    /// </summary>
    public static async Task Arrived(this IPage page, string addressPattern)
    {
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(addressPattern));
        await page.WaitForFunctionAsync("document.readyState === 'complete'");
    }
}
