namespace Selene.Cluster.Store;

/// <summary>
/// A write the store refused as the API server would: the object already exists (409 AlreadyExists), its
/// <c>resourceVersion</c> is stale (409 Conflict), it is missing (404), or a quota forbids it (403).
/// </summary>
public sealed class StoreConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreConflictException(int statusCode, string reason, string message)
        : base(message)
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>Creates the exception with a generic conflict status.</summary>
    public StoreConflictException()
        : this(409, "Conflict", "conflict")
    {
    }

    /// <summary>Creates the exception with a generic conflict status and a message.</summary>
    public StoreConflictException(string message)
        : this(409, "Conflict", message)
    {
    }

    /// <summary>Creates the exception with a generic conflict status, a message and a cause.</summary>
    public StoreConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 409;
        Reason = "Conflict";
    }

    /// <summary>The HTTP status the API server would answer: 403, 404, 409 or 410.</summary>
    public int StatusCode { get; }

    /// <summary>The API server's reason: AlreadyExists, Conflict, NotFound, Forbidden, Expired.</summary>
    public string Reason { get; }
}
