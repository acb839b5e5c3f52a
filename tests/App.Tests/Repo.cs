using System.Text;

namespace ShortSentences.App.Tests;

/// <summary>Files of the repository and of this test project's output, found from where the tests run.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Serverless.sln"))) return dir.FullName;
        throw new InvalidOperationException("Serverless.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string Sample(string name) => File.ReadAllText(Path("samples", name));

    public static byte[] SampleBytes(string name) => Encoding.UTF8.GetBytes(Sample(name));
}
