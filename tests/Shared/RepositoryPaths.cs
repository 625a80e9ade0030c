namespace Selene.Testing;

/// <summary>Paths inside the repository, found from the test assembly's folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Of(string relative) => Path.Combine(Root, relative);

    /// <summary>The PDQ reference vectors and images (Meta's ThreatExchange test images and its hasher's output), tests/data/pdq.</summary>
    public static string PdqReference { get; } = Of("tests/data/pdq");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Selene.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Selene.sln not found above " + AppContext.BaseDirectory);
    }
}
