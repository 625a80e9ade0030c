namespace Selene.Moderation.Images;

/// <summary>An input that is not an image Selene will decode, and why: not an image, truncated, corrupt, empty, or too large.</summary>
public sealed class ImageRejectedException : Exception
{
    /// <summary>A rejection of <paramref name="source"/>.</summary>
    public ImageRejectedException(string source, string reason, Exception? inner = null)
        : base($"{source}: {reason}", inner)
    {
        Source = source;
        Reason = reason;
    }

    /// <summary>The file or item rejected.</summary>
    public new string Source { get; }

    /// <summary>Why, in a few words.</summary>
    public string Reason { get; }
}
