namespace Workiom;

/// <summary>The base of every exception this library throws for a Workiom-side problem.</summary>
public class WorkiomException : Exception
{
    public WorkiomException(string message) : base(message)
    {
    }

    public WorkiomException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}

/// <summary>
/// A value in a Workiom reply has a shape this library cannot read for its field's type. The
/// message names the field id and the shape found; no value is dropped silently.
/// </summary>
public class WorkiomPayloadException : WorkiomException
{
    public WorkiomPayloadException(string message) : base(message)
    {
    }

    public WorkiomPayloadException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}

/// <summary>
/// The client's environment cannot serve a request: the list has no ids for that environment, or a
/// write or query uses a field, option or view that has no match there. Thrown before anything is
/// sent; nothing is dropped silently.
/// </summary>
public class WorkiomEnvironmentException : WorkiomException
{
    public WorkiomEnvironmentException(string message) : base(message)
    {
    }

    public WorkiomEnvironmentException(string message, Exception? innerException) : base(message, innerException)
    {
    }
}
