namespace Selene.Ode.LinearAlgebra;

/// <summary>
/// LU factorisation with partial pivoting of a dense n×n matrix stored row-major, in place, for the small
/// systems (n ≤ 50) the stiff methods solve every step. Allocation-free once created.
/// </summary>
internal sealed class DenseLu
{
    private readonly int _n;
    private readonly double[] _lu;
    private readonly int[] _pivot;

    public DenseLu(int n)
    {
        _n = n;
        _lu = new double[n * n];
        _pivot = new int[n];
    }

    /// <summary>The matrix to factorise, row-major; fill it, then call <see cref="Factorize"/>.</summary>
    public Span<double> Matrix => _lu;

    /// <summary>Factorises <see cref="Matrix"/> in place; false when it is singular (a zero pivot) or not finite.</summary>
    public bool Factorize()
    {
        var n = _n;
        var a = _lu;
        for (var k = 0; k < n; k++)
        {
            var pivotRow = k;
            var largest = Math.Abs(a[(k * n) + k]);
            for (var i = k + 1; i < n; i++)
            {
                var value = Math.Abs(a[(i * n) + k]);
                if (value > largest)
                {
                    largest = value;
                    pivotRow = i;
                }
            }

            if (!(largest > 0) || !double.IsFinite(largest))
            {
                return false;
            }

            _pivot[k] = pivotRow;
            if (pivotRow != k)
            {
                for (var j = 0; j < n; j++)
                {
                    (a[(k * n) + j], a[(pivotRow * n) + j]) = (a[(pivotRow * n) + j], a[(k * n) + j]);
                }
            }

            var inverse = 1 / a[(k * n) + k];
            for (var i = k + 1; i < n; i++)
            {
                var factor = a[(i * n) + k] *= inverse;
                if (factor == 0)
                {
                    continue;
                }

                for (var j = k + 1; j < n; j++)
                {
                    a[(i * n) + j] -= factor * a[(k * n) + j];
                }
            }
        }

        return true;
    }

    /// <summary>Solves A x = b in place (<paramref name="b"/> becomes x) with the last factorisation.</summary>
    public void Solve(Span<double> b)
    {
        var n = _n;
        var a = _lu;
        for (var k = 0; k < n; k++)
        {
            var p = _pivot[k];
            if (p != k)
            {
                (b[k], b[p]) = (b[p], b[k]);
            }
        }

        for (var i = 1; i < n; i++)
        {
            var sum = b[i];
            for (var j = 0; j < i; j++)
            {
                sum -= a[(i * n) + j] * b[j];
            }

            b[i] = sum;
        }

        for (var i = n - 1; i >= 0; i--)
        {
            var sum = b[i];
            for (var j = i + 1; j < n; j++)
            {
                sum -= a[(i * n) + j] * b[j];
            }

            b[i] = sum / a[(i * n) + i];
        }
    }
}
