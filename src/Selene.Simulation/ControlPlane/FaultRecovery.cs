namespace Selene.Simulation.ControlPlane;

/// <summary>
/// The control plane's own recovery figure: a fault is followed by recovery at the first moment, once its effects
/// have landed, that every workload is at its replicas; it disrupted if some workload was seen below them in between,
/// and then the time from the fault to that moment is its recovery time.
/// </summary>
internal sealed class FaultRecovery
{
    private readonly List<PendingFault> _pending = [];

    /// <summary>Seconds from each fault that took a workload below its replicas until every workload was back.</summary>
    public List<double> RecoverSeconds { get; } = [];

    /// <summary>Faults after which every workload was seen at its replicas again (disrupting or not).</summary>
    public long FaultsFollowedByRecovery { get; private set; }

    /// <summary>Faults still waiting for the workloads to be back at their replicas.</summary>
    public int Waiting => _pending.Count;

    /// <summary>A fault happened at <paramref name="now"/>; its effects land at <paramref name="effectsLandAt"/>.</summary>
    public void Happened(double now, double effectsLandAt) => _pending.Add(new PendingFault(now, effectsLandAt));

    /// <summary>Looks at the workloads at <paramref name="now"/>: at their replicas or not.</summary>
    public void Check(double now, bool atDesired)
    {
        for (var i = 0; i < _pending.Count; i++)
        {
            var fault = _pending[i];
            if (!atDesired)
            {
                fault.Disrupted = true;
                continue;
            }

            if (now >= fault.EffectsLandAt)
            {
                FaultsFollowedByRecovery++;
                if (fault.Disrupted)
                {
                    RecoverSeconds.Add(now - fault.At);
                }

                _pending.RemoveAt(i--);
            }
        }
    }

    private sealed class PendingFault(double at, double effectsLandAt)
    {
        public double At { get; } = at;

        public double EffectsLandAt { get; } = effectsLandAt;

        public bool Disrupted { get; set; }
    }
}
