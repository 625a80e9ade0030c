namespace Selene.Cluster.Scheduling.Extender;

/// <summary>An extender request that cannot be read: the field and what is wrong with it (an HTTP 400).</summary>
public sealed class ExtenderRequestException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExtenderRequestException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    /// <summary>Creates the exception.</summary>
    public ExtenderRequestException()
        : this("", "bad extender request")
    {
    }

    /// <summary>Creates the exception.</summary>
    public ExtenderRequestException(string message)
        : this("", message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ExtenderRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "";
    }

    /// <summary>The offending field (<c>Pod</c>, <c>NodeNames</c> …), or empty for the whole body.</summary>
    public string Field { get; }
}
