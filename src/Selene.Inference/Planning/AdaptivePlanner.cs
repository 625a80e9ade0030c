using Selene.Inference.Profiling;

namespace Selene.Inference.Planning;

/// <summary>
/// Keeps a split planned for the bandwidth the link has now: each measurement that strays from the bandwidth last
/// planned for by more than the tolerance re-plans (the minimum cut takes milliseconds), so a link that slows down
/// moves work back to the requester's side and one that speeds up moves it across.
/// </summary>
public sealed class AdaptivePlanner
{
    private readonly ModelProfile _profile;
    private readonly double _tolerance;
    private PlanOptions _options;

    /// <summary>Plans <paramref name="profile"/> for <paramref name="options"/>; re-plans past a relative change of <paramref name="tolerance"/>.</summary>
    public AdaptivePlanner(ModelProfile profile, PlanOptions options, double tolerance = 0.2)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        _profile = profile;
        _options = options;
        _tolerance = tolerance;
        Current = SplitPlanner.MinimumCut(profile, options);
    }

    /// <summary>The candidate in force.</summary>
    public CandidateCost Current { get; private set; }

    /// <summary>Forward bandwidth the candidate in force was planned for, bit/s.</summary>
    public double PlannedBitsPerSecond => _options.Link.ForwardBitsPerSecond;

    /// <summary>Times it planned again.</summary>
    public int Replans { get; private set; }

    /// <summary>
    /// Takes a measurement of the forward bandwidth (the return one is taken to scale with it); re-plans when it is
    /// off the planned one by more than the tolerance. True when the cut or codec changed.
    /// </summary>
    public bool Observe(double forwardBitsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(forwardBitsPerSecond);
        if (Math.Abs(forwardBitsPerSecond - PlannedBitsPerSecond) <= _tolerance * PlannedBitsPerSecond)
        {
            return false;
        }

        var scale = forwardBitsPerSecond / PlannedBitsPerSecond;
        _options = _options with { Link = _options.Link with { ForwardBitsPerSecond = forwardBitsPerSecond, ReturnBitsPerSecond = _options.Link.ReturnBitsPerSecond * scale } };
        var next = SplitPlanner.MinimumCut(_profile, _options);
        Replans++;
        var changed = next.Codec != Current.Codec || !next.Cut.Tensors.SequenceEqual(Current.Cut.Tensors) || next.Cut.PrefixNodes.Count != Current.Cut.PrefixNodes.Count;
        Current = next;
        return changed;
    }
}
