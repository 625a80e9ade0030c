using k8s.Models;
using Selene.Cluster.Store;
using Selene.Cluster.Taints;

namespace Selene.Cluster.Controllers;

/// <summary>
/// Node lifecycle over second-scale delays, on Kubernetes semantics. Heartbeats are recorded when they arrive
/// (a lunar node's 1.2–1.4 s late, none while its link is down). Each monitor pass: a node whose last heartbeat is
/// older than its location's grace period is unreachable — unless its link is known to be down, in which case it
/// only gets <c>selene.io/link-down:NoSchedule</c>, its value when the link is expected back (e.g.
/// <c>20270112T030405Z</c>, from the contact plan), and keeps its pods (an outage is not a death), and once the link is
/// back it has a grace period for its heartbeats to arrive again; a node that
/// reported itself not ready is not-ready. Such nodes are queued for the NoExecute taint
/// (<c>node.kubernetes.io/unreachable</c> or <c>not-ready</c>), applied per zone (the location) at
/// <see cref="NodeLifecycleOptions.EvictionRate"/>, slower or not at all in an unhealthy zone, so a solar storm does
/// not evict everything at once. Pods on a NoExecute-tainted node that do not tolerate the taint are evicted:
/// after their <c>tolerationSeconds</c> (300 s by default); an evicted pod on an unreachable node stays
/// terminating until the node is known dead (<see cref="ForgetNode"/>), so StatefulSet identities are not doubled.
/// Any other NoExecute taint (a cosmic event's) evicts the same way, counted from the taint's <c>timeAdded</c>.
/// A pass that finds every node's verdict as it was, with nothing changed in the store and nothing to evict, is cut short.
/// </summary>
public sealed class NodeLifecycleController
{
    /// <summary>The taint of a node whose heartbeats stopped.</summary>
    public const string Unreachable = "node.kubernetes.io/unreachable";

    /// <summary>The taint of a node that reported itself not ready.</summary>
    public const string NotReady = "node.kubernetes.io/not-ready";

    /// <summary>Selene's taint of a node behind a link that is down.</summary>
    public const string LinkDown = "selene.io/link-down";

    private readonly ClusterStore _store;
    private readonly TimeProvider _time;
    private readonly NodeLifecycleOptions _options;
    private readonly Func<string, DateTimeOffset?> _linkUpAt;
    private readonly Func<string, DateTimeOffset?> _heartbeatSource;
    private readonly Dictionary<string, (DateTimeOffset At, bool Ready)> _heartbeats = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _tokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _cutOff = new(StringComparer.Ordinal);
    private DateTimeOffset _lastPass;
    private long _quietVersion = -1;
    private QuietNode[] _quietNodes = [];

    /// <summary>Creates the controller.</summary>
    /// <param name="store">The cluster.</param>
    /// <param name="time">The clock: simulated or the wall.</param>
    /// <param name="options">Grace periods and rates.</param>
    /// <param name="linkUpAt">
    /// When a node's link is next up: now or earlier while it is up, <see cref="DateTimeOffset.MaxValue"/> when it never
    /// comes back, null when unknown or not applicable.
    /// </param>
    /// <param name="heartbeatSource">
    /// When the latest heartbeat from a node arrived, for a caller that knows it without being told each one (a twin
    /// that works out heartbeats crossing its link); taken together with those given to <see cref="Heartbeat"/>.
    /// </param>
    public NodeLifecycleController(ClusterStore store, TimeProvider time, NodeLifecycleOptions? options = null, Func<string, DateTimeOffset?>? linkUpAt = null,
        Func<string, DateTimeOffset?>? heartbeatSource = null)
    {
        _store = store;
        _time = time;
        _options = options ?? new NodeLifecycleOptions();
        _linkUpAt = linkUpAt ?? (_ => null);
        _heartbeatSource = heartbeatSource ?? (_ => null);
        _lastPass = time.GetUtcNow();
    }

    /// <summary>Pods evicted so far (marked for deletion).</summary>
    public long Evictions { get; private set; }

    /// <summary>Monitor passes run so far, cut short or not.</summary>
    public long Passes { get; private set; }

    /// <summary>Records a heartbeat that has just arrived from <paramref name="node"/>.</summary>
    public void Heartbeat(string node, bool ready = true)
    {
        _heartbeats[node] = (_time.GetUtcNow(), ready);
        if (!ready)
        {
            _quietVersion = -1;
            Disturbed?.Invoke();
        }
    }

    /// <summary>Called when a heartbeat may change what the next pass finds before <see cref="QuietUntil"/>.</summary>
    internal Action? Disturbed { get; set; }

    /// <summary>
    /// After a pass that found nothing to do, with every node healthy or cut off by its link: the time until which
    /// every pass will find the same, as long as the store does not change (the earliest a healthy node's grace can run
    /// out from its latest heartbeat, or a link come back). Null when the next pass may find something.
    /// </summary>
    public DateTimeOffset? QuietUntil
    {
        get
        {
            if (_store.ResourceVersion != _quietVersion)
            {
                return null;
            }

            var now = _time.GetUtcNow();
            var until = DateTimeOffset.MaxValue;
            foreach (var node in _quietNodes)
            {
                // A node cut off by its link stays so until the link is back: no heartbeat can come before.
                var holds = node.Verdict switch
                {
                    State.Healthy when _heartbeats.TryGetValue(node.Name, out var recorded) =>
                        node.HealthyUntil >= now ? node.HealthyUntil : node.HealthyUntil = LastHeard(node.Name, recorded.At) + node.Grace,
                    State.LinkDown => _linkUpAt(node.Name),
                    _ => null,
                };
                if (holds is not { } time || time < now)
                {
                    return null;
                }

                until = time < until ? time : until;
            }

            return until;
        }
    }

    /// <summary>One monitor pass (kube runs one every 5 s): conditions, taints and evictions.</summary>
    public void Monitor()
    {
        Passes++;
        var now = _time.GetUtcNow();
        var elapsed = (now - _lastPass).TotalSeconds;
        _lastPass = now;
        if (_store.ResourceVersion == _quietVersion && Unchanged(now))
        {
            return;
        }

        _quietVersion = -1;
        var nodes = _store.List<V1Node>();
        var verdicts = nodes.ToDictionary(n => n.Metadata.Name, n => Verdict(n.Metadata.Name, Grace(n), now), StringComparer.Ordinal);
        var settled = true;

        foreach (var zone in nodes.GroupBy(Zone, StringComparer.Ordinal))
        {
            var members = zone.ToList();
            var notReady = members.Count(n => verdicts[n.Metadata.Name] is State.Unreachable or State.NotReady);
            var unhealthy = members.Count > 0 && notReady > _options.UnhealthyZoneThreshold * members.Count && notReady >= 2;
            var rate = !unhealthy ? _options.EvictionRate : members.Count > _options.LargeClusterThreshold ? _options.SecondaryEvictionRate : 0;
            _tokens[zone.Key] = Math.Min(1, _tokens.GetValueOrDefault(zone.Key, 1) + (rate * elapsed));
            foreach (var node in members.OrderBy(n => n.Metadata.Name, StringComparer.Ordinal))
            {
                settled &= Apply(node, verdicts[node.Metadata.Name], zone.Key, rate > 0, now);
            }
        }

        // Nothing to do until a verdict changes or the store does: the next passes only look at the verdicts.
        if (!EvictPods(now) && settled && _tokens.Values.All(t => t >= 1))
        {
            _quietVersion = _store.ResourceVersion;
            _quietNodes = nodes.Select(n => new QuietNode(n.Metadata.Name, Grace(n), verdicts[n.Metadata.Name])).ToArray();
        }
    }

    // A healthy node stays healthy at least until its grace runs out from the latest heartbeat, so it is looked at
    // again only then.
    private bool Unchanged(DateTimeOffset now)
    {
        foreach (var node in _quietNodes)
        {
            if (node.Verdict == State.Healthy && now <= node.HealthyUntil)
            {
                continue;
            }

            if (Verdict(node.Name, node.Grace, now) != node.Verdict)
            {
                return false;
            }

            if (node.Verdict == State.Healthy)
            {
                node.HealthyUntil = LastHeard(node.Name, _heartbeats[node.Name].At) + node.Grace;
            }
        }

        return true;
    }

    private sealed class QuietNode(string name, TimeSpan grace, State verdict)
    {
        public string Name { get; } = name;

        public TimeSpan Grace { get; } = grace;

        public State Verdict { get; } = verdict;

        public DateTimeOffset HealthyUntil { get; set; } = DateTimeOffset.MinValue;
    }

    private DateTimeOffset LastHeard(string name, DateTimeOffset recorded) =>
        _heartbeatSource(name) is { } known && known > recorded ? known : recorded;

    /// <summary>
    /// The node is known dead or fenced: its terminating pods are deleted for good (as pod garbage collection does
    /// once the node object goes), freeing their identities.
    /// </summary>
    public void ForgetNode(string node)
    {
        foreach (var pod in _store.List<V1Pod>().Where(p => p.Spec.NodeName == node))
        {
            _store.DeleteNow<V1Pod>(pod.Metadata.NamespaceProperty, pod.Metadata.Name);
        }

        _store.Delete<V1Node>(null, node);
        _heartbeats.Remove(node);
    }

    private enum State
    {
        Healthy,
        LinkDown,
        Unreachable,
        NotReady,
    }

    private State Verdict(string name, TimeSpan grace, DateTimeOffset now)
    {
        if (!_heartbeats.TryGetValue(name, out var last))
        {
            // A node never heard from gets a grace period from when the controller started watching it.
            last = (_heartbeats[name] = (now, true));
        }

        if (now - LastHeard(name, last.At) <= grace)
        {
            return last.Ready ? State.Healthy : State.NotReady;
        }

        if (_linkUpAt(name) > now)
        {
            _cutOff.Add(name);
            return State.LinkDown;
        }

        // Back from behind its link: silence so far says nothing (its next heartbeat is still on the way), so it gets
        // a grace period from now, as a node does when first watched.
        if (_cutOff.Remove(name))
        {
            _heartbeats[name] = (now, last.Ready);
            return last.Ready ? State.Healthy : State.NotReady;
        }

        return State.Unreachable;
    }

    // Returns whether the node's taints now say what the verdict does (false while eviction waits for a token).
    private bool Apply(V1Node node, State state, string zone, bool evicting, DateTimeOffset now)
    {
        var name = node.Metadata.Name;
        var taints = node.Spec?.Taints ?? [];
        var wanted = state switch
        {
            State.Unreachable => (Key: Unreachable, Effect: "NoExecute"),
            State.NotReady => (Key: NotReady, Effect: "NoExecute"),
            State.LinkDown => (Key: LinkDown, Effect: "NoSchedule"),
            _ => (Key: (string?)null, Effect: (string?)null),
        };
        var managed = new[] { Unreachable, NotReady, LinkDown };
        var current = taints.Where(t => managed.Contains(t.Key)).ToList();
        var value = state == State.LinkDown ? ExpectedBack(name) : null;
        if ((current.Count == 1 && current[0].Key == wanted.Key && (current[0].Value ?? "") == (value ?? "")) || (current.Count == 0 && wanted.Key is null))
        {
            return true;
        }

        if (wanted.Effect == "NoExecute")
        {
            // Taint-based eviction is what the zone's rate limits; an unhealthy small zone evicts nothing.
            if (!evicting || _tokens[zone] < 1)
            {
                return false;
            }

            _tokens[zone] -= 1;
        }

        var next = taints.Where(t => !managed.Contains(t.Key)).ToList();
        if (wanted.Key is { } key)
        {
            next.Add(new V1Taint { Key = key, Value = value, Effect = wanted.Effect, TimeAdded = now.UtcDateTime });
        }

        node.Spec ??= new V1NodeSpec();
        node.Spec.Taints = next;
        _store.Update(node);
        return true;
    }

    // When the node's link is expected back, as a taint value can hold it (ISO 8601 basic format, UTC); null when unknown or never.
    private string? ExpectedBack(string node) =>
        _linkUpAt(node) is { } back && back != DateTimeOffset.MaxValue
            ? back.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture)
            : null;

    // Returns whether any pod sits on a NoExecute-tainted node, evicted now or not yet.
    private bool EvictPods(DateTimeOffset now)
    {
        var tainted = _store.List<V1Node>()
            .Where(n => n.Spec?.Taints?.Any(t => t.Effect == "NoExecute") == true)
            .ToDictionary(n => n.Metadata.Name, StringComparer.Ordinal);
        if (tainted.Count == 0)
        {
            return false;
        }

        var any = false;
        foreach (var pod in _store.List<V1Pod>())
        {
            if (pod.Metadata.DeletionTimestamp is not null || pod.Spec.NodeName is not { Length: > 0 } nodeName || !tainted.TryGetValue(nodeName, out var node))
            {
                continue;
            }

            any = true;
            foreach (var taint in node.Spec.Taints.Where(t => t.Effect == "NoExecute"))
            {
                var since = taint.TimeAdded is { } added ? new DateTimeOffset(DateTime.SpecifyKind(added, DateTimeKind.Utc)) : now;
                if (Allowance(pod, taint) is { } seconds && now - since >= seconds)
                {
                    pod.Metadata.DeletionTimestamp = now.UtcDateTime;
                    _store.Update(pod);
                    Evictions++;
                    break;
                }
            }
        }

        return any;
    }

    // How long the pod may stay on a node with this taint: null for ever, zero for not at all.
    private TimeSpan? Allowance(V1Pod pod, V1Taint taint)
    {
        var tolerations = pod.Spec.Tolerations ?? [];
        var matching = tolerations.Where(t => TolerationMatcher.Tolerates(t, taint)).ToList();
        if (matching.Count == 0)
        {
            // DefaultTolerationSeconds: pods tolerate not-ready and unreachable for 300 s unless they say otherwise.
            return taint.Key is Unreachable or NotReady ? _options.DefaultTolerationSeconds : TimeSpan.Zero;
        }

        return matching.Any(t => t.TolerationSeconds is null) ? null : TimeSpan.FromSeconds(Math.Max(0, matching.Min(t => t.TolerationSeconds!.Value)));
    }

    private TimeSpan Grace(V1Node node) => _options.GracePeriods.TryGetValue(Zone(node), out var grace) ? grace : _options.DefaultGracePeriod;

    private static string Zone(V1Node node)
    {
        var labels = node.Metadata.Labels;
        return labels is null ? "earth"
            : labels.TryGetValue("selene.io/location", out var location) ? location
            : labels.TryGetValue("location", out location) ? location
            : "earth";
    }
}
