namespace Selene.Ode.Models;

/// <summary>An event as declared in a model file.</summary>
/// <param name="Name">Its name.</param>
/// <param name="When">The expression whose zero crossings are the event.</param>
/// <param name="Direction">Which crossings count.</param>
/// <param name="Terminal">Whether the solve stops at it.</param>
/// <param name="Assignments">States set at the event, each to an expression of the state before.</param>
public sealed record ModelEvent(
    string Name, ExpressionNode When, Events.EventDirection Direction, bool Terminal, IReadOnlyList<(int State, ExpressionNode Value)> Assignments);
