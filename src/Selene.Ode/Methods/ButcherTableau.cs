namespace Selene.Ode.Methods;

/// <summary>
/// An explicit Runge–Kutta method as data: nodes <see cref="C"/>, the strictly lower-triangular matrix
/// <see cref="A"/>, solution weights <see cref="B"/>, and for adaptive methods the error weights
/// <see cref="E"/> (b − b̂, so that the local error estimate is h Σ Eᵢ kᵢ).
/// </summary>
public sealed record ButcherTableau
{
    /// <summary>Method name, as <see cref="Ode.Solve"/> accepts it.</summary>
    public required string Name { get; init; }

    /// <summary>Order of the solution.</summary>
    public required int Order { get; init; }

    /// <summary>Order of the error estimate's lower-order solution (0 for a fixed-step method).</summary>
    public int EmbeddedOrder { get; init; }

    /// <summary>Nodes cᵢ.</summary>
    public required double[] C { get; init; }

    /// <summary>Coefficients aᵢⱼ, row i holding j &lt; i.</summary>
    public required double[][] A { get; init; }

    /// <summary>Solution weights bᵢ.</summary>
    public required double[] B { get; init; }

    /// <summary>Error weights b − b̂; null for a fixed-step method.</summary>
    public double[]? E { get; init; }

    /// <summary>
    /// A second, lower-order error estimate's weights; when set, the error norm is Hairer's dop853 combination
    /// err₅² / √(err₅² + 0.01 err₃²) of <see cref="E"/> (err₅) and these (err₃).
    /// </summary>
    public double[]? E3 { get; init; }

    /// <summary>First same as last: the last stage is f at the new solution, reused as the next step's first.</summary>
    public bool Fsal { get; init; }

    /// <summary>
    /// Continuous weights bᵢ(θ) of the method's own dense output, y(t₀ + θh) = y₀ + h Σ bᵢ(θ) kᵢ; null to
    /// interpolate with the cubic Hermite polynomial through both ends' values and slopes.
    /// </summary>
    public Action<double, Span<double>>? DenseWeights { get; init; }

    /// <summary>Number of stages.</summary>
    public int Stages => C.Length;

    /// <summary>Whether the method carries an error estimate, so can adapt its step.</summary>
    public bool IsAdaptive => E is not null;
}
