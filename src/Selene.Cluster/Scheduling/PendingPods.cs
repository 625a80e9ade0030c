using Selene.Cluster.Scheduling.Framework;

namespace Selene.Cluster.Scheduling;

/// <summary>
/// kube-scheduler's scheduling queue: an active queue ordered by priority, then arrival (PrioritySort); a backoff
/// queue where a pod that failed waits 1 s, 2 s, 4 s … up to 10 s (<c>podInitialBackoffSeconds</c>,
/// <c>podMaxBackoffSeconds</c>) before it may be tried again; and an unschedulable set that pods leave when the
/// cluster changes in a way that might help them (a node added or changed, a pod deleted) or after five minutes.
/// Time is passed in, so the same queue runs under the simulated clock and the wall clock.
/// </summary>
public sealed class PendingPods
{
    private static readonly TimeSpan s_maxInUnschedulable = TimeSpan.FromMinutes(5);

    private readonly PriorityQueue<PodInfo, (int, long)> _active = new();
    private readonly PriorityQueue<PodInfo, TimeSpan> _backoff = new();
    private readonly Dictionary<string, (PodInfo Pod, TimeSpan Since)> _unschedulable = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Attempts, TimeSpan LastFailure)> _attempts = new(StringComparer.Ordinal);

    /// <summary>Creates a queue with kube-scheduler's default backoff (1 s doubling to 10 s).</summary>
    public PendingPods(TimeSpan? initialBackoff = null, TimeSpan? maxBackoff = null)
    {
        InitialBackoff = initialBackoff ?? TimeSpan.FromSeconds(1);
        MaxBackoff = maxBackoff ?? TimeSpan.FromSeconds(10);
    }

    /// <summary>Backoff after the first failure.</summary>
    public TimeSpan InitialBackoff { get; }

    /// <summary>The longest backoff.</summary>
    public TimeSpan MaxBackoff { get; }

    /// <summary>Pods waiting in any of the three places.</summary>
    public int Count => _active.Count + _backoff.Count + _unschedulable.Count;

    /// <summary>Pods ready to be tried now.</summary>
    public int ActiveCount => _active.Count;

    /// <summary>Pods parked until the cluster changes.</summary>
    public int UnschedulableCount => _unschedulable.Count;

    /// <summary>Adds a new pod to the active queue.</summary>
    public void Add(PodInfo pod)
    {
        ArgumentNullException.ThrowIfNull(pod);
        _active.Enqueue(pod, (-pod.Priority, pod.Order));
    }

    /// <summary>The backoff a pod gets after <paramref name="attempts"/> failed attempts.</summary>
    public TimeSpan Backoff(int attempts)
    {
        var backoff = InitialBackoff;
        for (var i = 1; i < attempts && backoff < MaxBackoff; i++)
        {
            backoff += backoff;
        }

        return backoff < MaxBackoff ? backoff : MaxBackoff;
    }

    /// <summary>The next pod to try at <paramref name="now"/>, moving pods whose backoff has ended into the active queue first.</summary>
    public bool TryPop(TimeSpan now, out PodInfo pod)
    {
        while (_backoff.TryPeek(out var waiting, out var ready) && ready <= now)
        {
            _backoff.Dequeue();
            Add(waiting);
        }

        if (_unschedulable.Count > 0)
        {
            foreach (var (key, entry) in _unschedulable.Where(u => now - u.Value.Since >= s_maxInUnschedulable).ToList())
            {
                _unschedulable.Remove(key);
                Add(entry.Pod);
            }
        }

        return _active.TryDequeue(out pod!, out _);
    }

    /// <summary>When a waiting pod is next tried without any cluster change: a backoff ends, or a parked pod has waited its maximum.</summary>
    public TimeSpan? NextRetry
    {
        get
        {
            var next = NextBackoffEnd;
            foreach (var (_, since) in _unschedulable.Values)
            {
                var flush = since + s_maxInUnschedulable;
                next = next is { } n && n <= flush ? n : flush;
            }

            return next;
        }
    }

    /// <summary>When the earliest backed-off pod may be tried, or null when none waits.</summary>
    public TimeSpan? NextBackoffEnd => _backoff.TryPeek(out _, out var ready) ? ready : null;

    /// <summary>Parks a pod that found no node, until the cluster changes.</summary>
    public void MarkUnschedulable(PodInfo pod, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(pod);
        Fail(pod, now);
        _unschedulable[pod.Key] = (pod, now);
    }

    /// <summary>Sends a pod whose cycle failed for another reason (an error, a refused bind, a preemption in progress) to backoff.</summary>
    public void Requeue(PodInfo pod, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var attempts = Fail(pod, now);
        _backoff.Enqueue(pod, now + Backoff(attempts));
    }

    /// <summary>
    /// A cluster change that may let parked pods fit: each goes to backoff (for what is left of its backoff) or
    /// straight to the active queue.
    /// </summary>
    public void MoveAllToActiveOrBackoff(TimeSpan now)
    {
        foreach (var (key, entry) in _unschedulable)
        {
            var (attempts, last) = _attempts.GetValueOrDefault(key);
            var ready = last + Backoff(attempts);
            if (ready > now)
            {
                _backoff.Enqueue(entry.Pod, ready);
            }
            else
            {
                Add(entry.Pod);
            }
        }

        _unschedulable.Clear();
    }

    /// <summary>Forgets a pod's failures once it is bound or deleted.</summary>
    public void Forget(string podKey) => _attempts.Remove(podKey);

    private int Fail(PodInfo pod, TimeSpan now)
    {
        var attempts = _attempts.GetValueOrDefault(pod.Key).Attempts + 1;
        _attempts[pod.Key] = (attempts, now);
        return attempts;
    }
}
