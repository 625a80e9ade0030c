namespace Selene.Ode.Solutions;

/// <summary>What a solve cost.</summary>
/// <param name="AcceptedSteps">Steps kept.</param>
/// <param name="RejectedSteps">Steps redone with a smaller size.</param>
/// <param name="RhsEvaluations">Calls of the right-hand side.</param>
/// <param name="JacobianEvaluations">Jacobian evaluations (0 for explicit methods).</param>
/// <param name="LuFactorizations">LU factorisations (0 for explicit methods).</param>
/// <param name="WallTime">Elapsed time of the solve.</param>
public sealed record OdeStatistics(
    long AcceptedSteps, long RejectedSteps, long RhsEvaluations, long JacobianEvaluations, long LuFactorizations, TimeSpan WallTime);
