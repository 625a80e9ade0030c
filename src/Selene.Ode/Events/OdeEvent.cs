namespace Selene.Ode.Events;

/// <summary>Which zero crossings of an event function count.</summary>
public enum EventDirection
{
    /// <summary>Both rising and falling crossings.</summary>
    Both,

    /// <summary>Only crossings from negative to positive.</summary>
    Rising,

    /// <summary>Only crossings from positive to negative.</summary>
    Falling,
}

/// <summary>An event function g(t, y); the event happens where it crosses zero.</summary>
public delegate double EventFunction(double t, ReadOnlySpan<double> y);

/// <summary>What to do when an event happens: may change the state (a battery hitting empty switches the load off).</summary>
public delegate void EventAction(double t, Span<double> y);

/// <summary>
/// An event to locate during a solve. Crossings are found by sign changes at step ends and located by root
/// finding on the step's dense output to <see cref="TimeTolerance"/>.
/// </summary>
public sealed class OdeEvent
{
    /// <summary>A name for the solution's event log.</summary>
    public required string Name { get; init; }

    /// <summary>The function whose zero crossings are the events.</summary>
    public required EventFunction Function { get; init; }

    /// <summary>Which crossings count. Default both.</summary>
    public EventDirection Direction { get; init; } = EventDirection.Both;

    /// <summary>Stop the solve at the first occurrence. Default false.</summary>
    public bool Terminal { get; init; }

    /// <summary>Stop the solve at this occurrence (counted events); default never.</summary>
    public int? MaxOccurrences { get; init; }

    /// <summary>Called at each occurrence; may change the state, after which the solve restarts from it. Default none.</summary>
    public EventAction? Action { get; init; }

    /// <summary>How closely the event time is located. Default 1e-12 relative to the step, and never below round-off.</summary>
    public double TimeTolerance { get; init; } = 1e-12;
}

/// <summary>One occurrence of an event.</summary>
/// <param name="Name">The event's name.</param>
/// <param name="Time">When it happened.</param>
/// <param name="State">The state at that time, before any action changed it.</param>
public sealed record EventOccurrence(string Name, double Time, double[] State);
