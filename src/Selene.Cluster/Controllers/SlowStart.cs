namespace Selene.Cluster.Controllers;

/// <summary>
/// kube-controller-manager's <c>slowStartBatch</c>: create in batches of 1, 2, 4, … and stop at the first batch
/// with a failure, so a controller that cannot create pods (a quota, a bad template) fails once, not N times.
/// </summary>
public static class SlowStart
{
    /// <summary><c>SlowStartInitialBatchSize</c>.</summary>
    public const int InitialBatchSize = 1;

    /// <summary>Runs <paramref name="create"/> up to <paramref name="count"/> times; returns how many succeeded.</summary>
    public static int Run(int count, Func<int, bool> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        var done = 0;
        for (var batch = Math.Min(count, InitialBatchSize); batch > 0; batch = Math.Min(2 * batch, count - done))
        {
            var succeeded = 0;
            for (var i = 0; i < batch; i++)
            {
                succeeded += create(done + i) ? 1 : 0;
            }

            done += succeeded;
            if (succeeded < batch)
            {
                return done;
            }
        }

        return done;
    }
}
