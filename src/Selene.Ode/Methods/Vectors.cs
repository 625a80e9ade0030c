namespace Selene.Ode.Methods;

/// <summary>Small vector helpers the solvers share.</summary>
internal static class Vectors
{
    /// <summary>True when no value is NaN or infinite.</summary>
    public static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The per-component tolerances: the given vector, or the scalar repeated.</summary>
    public static double[] Tolerances(IReadOnlyList<double>? perComponent, double scalar, int n) =>
        perComponent?.ToArray() ?? Enumerable.Repeat(scalar, n).ToArray();
}
