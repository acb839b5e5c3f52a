using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace ShortSentences.Staff.Pages;

/// <summary>
/// Serves GOV.UK Frontend and MOJ Frontend from the project's node_modules: their CSS and JS under /assets/govuk and
/// /assets/moj, and their fonts and images under /assets (the path both stylesheets expect).
/// </summary>
public sealed class FrontendAssets
{
    private static readonly HashSet<string> Served = new(StringComparer.OrdinalIgnoreCase)
        { ".css", ".js", ".mjs", ".map", ".woff", ".woff2", ".svg", ".png", ".ico", ".json" };

    private readonly IFileProvider? govuk;
    private readonly IFileProvider? moj;
    private readonly IFileProvider[] shared;
    private readonly FileExtensionContentTypeProvider types = new();

    public string? NodeModules { get; }

    public FrontendAssets(string? nodeModules)
    {
        NodeModules = nodeModules;
        var govukDir = nodeModules is null ? null : Path.Combine(nodeModules, "govuk-frontend", "dist", "govuk");
        var mojDir = nodeModules is null ? null : Path.Combine(nodeModules, "@ministryofjustice", "frontend", "moj");
        govuk = Provider(govukDir);
        moj = Provider(mojDir);
        shared = new[] { Provider(govukDir is null ? null : Path.Combine(govukDir, "assets")), Provider(mojDir is null ? null : Path.Combine(mojDir, "assets")) }
            .OfType<IFileProvider>().ToArray();
        types.Mappings[".mjs"] = "text/javascript";
    }

    public bool Available => govuk is not null && moj is not null;

    /// <summary>
    /// MOJ Frontend's 2024 crest ships unfilled (fill="none"), so on the black MOJ header it would be invisible; the
    /// header uses this white copy, made from the packaged file so it stays in step with the package.
    /// </summary>
    public string? WhiteCrest()
    {
        var file = moj?.GetFileInfo("assets/images/moj-logotype-crest-2024.svg");
        if (file is not { Exists: true })
            return null;
        using var reader = new StreamReader(file.CreateReadStream());
        var svg = reader.ReadToEnd();
        var at = svg.IndexOf("fill=\"none\"", StringComparison.Ordinal);
        return at < 0 ? svg : string.Concat(svg.AsSpan(0, at), "fill=\"#ffffff\"", svg.AsSpan(at + "fill=\"none\"".Length));
    }

    /// <summary>The file for a path under /assets, or null (unknown, not an asset type, or outside the packages).</summary>
    public (IFileInfo File, string ContentType)? Find(string path)
    {
        if (string.IsNullOrEmpty(path) || !Served.Contains(Path.GetExtension(path)))
            return null;
        var (providers, inner) = path switch
        {
            _ when path.StartsWith("govuk/", StringComparison.Ordinal) => (new[] { govuk }, path["govuk/".Length..]),
            _ when path.StartsWith("moj/", StringComparison.Ordinal) => (new[] { moj }, path["moj/".Length..]),
            _ => (shared.Cast<IFileProvider?>().ToArray(), path),
        };
        foreach (var provider in providers)
        {
            // PhysicalFileProvider refuses "..", absolute paths and hidden files, so nothing outside the package leaks.
            var file = provider?.GetFileInfo(inner);
            if (file is { Exists: true, IsDirectory: false })
                return (file, types.TryGetContentType(path, out var type) ? type : "application/octet-stream");
        }
        return null;
    }

    /// <summary>
    /// node_modules from configuration, or the nearest one walking up from the given folders (the content root, the
    /// app's base directory): the repository root has it, with Serverless.sln.
    /// </summary>
    public static string? Locate(string? configured, params string?[] startFolders)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        foreach (var start in startFolders.Where(s => !string.IsNullOrWhiteSpace(s)))
        {
            for (var dir = new DirectoryInfo(start!); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "node_modules");
                if (Directory.Exists(Path.Combine(candidate, "govuk-frontend")))
                    return candidate;
            }
        }
        return null;
    }

    private static PhysicalFileProvider? Provider(string? dir) => dir is not null && Directory.Exists(dir) ? new PhysicalFileProvider(dir) : null;
}
