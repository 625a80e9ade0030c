namespace Selene.Inference.Graph;

/// <summary>A model Selene cannot use, with where and why: the file, and the node, tensor or field at fault.</summary>
public sealed class ModelFormatException : Exception
{
    /// <summary>A model problem in <paramref name="source"/>.</summary>
    public ModelFormatException(string source, string message)
        : base($"{source}: {message}")
    {
        Source = source;
    }

    /// <summary>A model problem in <paramref name="source"/> caused by <paramref name="inner"/>.</summary>
    public ModelFormatException(string source, string message, Exception inner)
        : base($"{source}: {message}", inner)
    {
        Source = source;
    }

    /// <summary>The file (or other origin) of the model.</summary>
    public new string Source { get; }
}
