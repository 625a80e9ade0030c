using System.Reflection;

namespace Selene.Inference.Models;

/// <summary>
/// Models known by name. <c>resnet18</c> is the ResNet18 ONNX model shipped in the NuGet package
/// Microsoft.ML.DnnImageFeaturizer.ResNet18 (input <c>Input247</c> 1×3×224×224, output <c>Pooling395_Output_0</c>
/// 1×512×1×1), read where package restore put it: never downloaded at run time.
/// </summary>
public static class BuiltInModels
{
    private const string PackageFolder = "microsoft.ml.dnnimagefeaturizer.resnet18/0.23.1";
    private const string ModelInPackage = "tools/DnnImageModels/ResNet18Onnx/ResNet18.onnx";

    /// <summary>The names that resolve.</summary>
    public static IReadOnlyList<string> Names { get; } = ["resnet18"];

    /// <summary>The path of a named model, or <paramref name="nameOrPath"/> itself when it is not a name.</summary>
    /// <exception cref="FileNotFoundException">A named model whose package has not been restored.</exception>
    public static string Resolve(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        if (!string.Equals(nameOrPath, "resnet18", StringComparison.OrdinalIgnoreCase))
        {
            return nameOrPath;
        }

        var candidates = new List<string>();
        var built = typeof(BuiltInModels).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "ResNet18Model")?.Value;
        if (!string.IsNullOrEmpty(built))
        {
            candidates.Add(built);
        }

        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
        if (!string.IsNullOrEmpty(packages))
        {
            candidates.Add(Path.Combine(packages, PackageFolder, ModelInPackage));
        }

        candidates.Add(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages", PackageFolder, ModelInPackage));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"resnet18: the NuGet package Microsoft.ML.DnnImageFeaturizer.ResNet18 is not restored here (looked in {string.Join(", ", candidates)}); run dotnet restore");
    }
}
