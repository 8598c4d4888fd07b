namespace OneProxy.Tests;

/// <summary>Files checked into the repository (docs/data), found from the test's build folder upwards.</summary>
public static class RepositoryFiles
{
    public static string Path(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "OneProxy.sln")))
                return System.IO.Path.Combine(dir.FullName, relative);
        throw new FileNotFoundException($"no OneProxy.sln above {AppContext.BaseDirectory}", relative);
    }
}
