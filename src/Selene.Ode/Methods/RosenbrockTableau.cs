namespace Selene.Ode.Methods;

/// <summary>
/// A stiffly accurate Rosenbrock method in Hairer and Wanner's RODAS form (<i>Solving ODEs II</i>, §IV.7), as
/// data. With W = I/(γh) − J, each stage solves W kᵢ = f(t + αᵢh, y + Σ aᵢⱼkⱼ) + hγᵢ ∂f/∂t + (1/h) Σ Cᵢⱼkⱼ;
/// the new state is the last stage's argument plus its increment, and that last increment is the error estimate.
/// </summary>
public sealed record RosenbrockTableau
{
    /// <summary>Method name.</summary>
    public required string Name { get; init; }

    /// <summary>Order of the solution.</summary>
    public required int Order { get; init; }

    /// <summary>Order of the embedded solution the error is measured against.</summary>
    public required int EmbeddedOrder { get; init; }

    /// <summary>The diagonal γ.</summary>
    public required double Gamma { get; init; }

    /// <summary>Stage-argument coefficients aᵢⱼ (row i holds j &lt; i).</summary>
    public required double[][] A { get; init; }

    /// <summary>Increment coefficients Cᵢⱼ (row i holds j &lt; i).</summary>
    public required double[][] C { get; init; }

    /// <summary>Stage times αᵢ.</summary>
    public required double[] Alpha { get; init; }

    /// <summary>Row sums γᵢ of the method's Γ, which weight ∂f/∂t.</summary>
    public required double[] GammaSums { get; init; }

    /// <summary>Number of stages.</summary>
    public int Stages => Alpha.Length;
}
