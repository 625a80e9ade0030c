namespace Selene.Serving.Performance;

/// <summary>
/// The cost of a run of decode steps over the same sequences: each step every sequence gains one token, so the
/// compute and memory terms grow by a fixed amount a step and the step time is
/// <c>max(ComputeAt0 + j·ComputeSlope, MemoryAt0 + j·MemorySlope) + Fixed</c> at step j.
/// </summary>
/// <param name="ComputeAt0">Compute seconds of the first step.</param>
/// <param name="ComputeSlope">Compute seconds added each step.</param>
/// <param name="MemoryAt0">Memory seconds of the first step.</param>
/// <param name="MemorySlope">Memory seconds added each step.</param>
/// <param name="Fixed">Seconds every step pays (all-reduces and overheads).</param>
public readonly record struct DecodeLine(double ComputeAt0, double ComputeSlope, double MemoryAt0, double MemorySlope, double Fixed)
{
    /// <summary>Seconds of step <paramref name="j"/> (0-based).</summary>
    public double StepSeconds(long j) => Math.Max(ComputeAt0 + (j * ComputeSlope), MemoryAt0 + (j * MemorySlope)) + Fixed;

    /// <summary>Seconds of the first <paramref name="steps"/> steps together, in closed form.</summary>
    public double Seconds(long steps)
    {
        if (steps <= 0)
        {
            return 0;
        }

        // Compute minus memory is linear in j: one crossing at most splits the steps into two linear sums.
        var gap0 = ComputeAt0 - MemoryAt0;
        var gapSlope = ComputeSlope - MemorySlope;
        long computeFrom; // steps at or after this index are compute-bound
        long computeTo;
        if (gapSlope == 0)
        {
            (computeFrom, computeTo) = gap0 >= 0 ? (0, steps) : (steps, steps);
        }
        else
        {
            var crossing = -gap0 / gapSlope;
            if (gapSlope > 0)
            {
                computeFrom = (long)Math.Clamp(Math.Ceiling(crossing), 0, steps);
                computeTo = steps;
            }
            else
            {
                computeFrom = 0;
                computeTo = (long)Math.Clamp(Math.Floor(crossing) + 1, 0, steps);
            }
        }

        var total = Linear(ComputeAt0, ComputeSlope, computeFrom, computeTo);
        total += Linear(MemoryAt0, MemorySlope, 0, computeFrom) + Linear(MemoryAt0, MemorySlope, computeTo, steps);
        return total + (steps * Fixed);
    }

    // Σ_{j=from}^{to−1} (at0 + j·slope).
    private static double Linear(double at0, double slope, long from, long to) =>
        to <= from ? 0 : ((to - from) * at0) + (slope * (((double)to * (to - 1)) - ((double)from * (from - 1))) / 2);
}
