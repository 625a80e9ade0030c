using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CloudNative.CloudEvents;
using Microsoft.Extensions.Hosting;
using Selene.Simulation;
using Selene.Simulation.Live;
using Selene.Simulation.Metrics;
using Selene.Simulation.Scenarios;
using Selene.Server.Faults;

namespace Selene.Server.Twin;

/// <summary>
/// A scenario run against the wall clock, or <see cref="Speed"/> times faster, through the same code as
/// <c>selene simulate</c>: every <see cref="TickInterval"/> the twin is moved on to where the clock says, and its
/// state goes to watchers. Its faults join the service's fault feed, and with an outbox go out as CloudEvents.
/// At the scenario's end it stops, holding its metrics.
/// </summary>
public sealed class LiveTwin : BackgroundService
{
    /// <summary>How often the twin catches up with the clock and tells its watchers.</summary>
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(250);

    private readonly ScenarioSimulation _simulation;
    private readonly TimeProvider _time;
    private readonly FaultFeed _feed;
    private readonly Action<IReadOnlyList<CloudEvent>>? _publish;
    private readonly Lock _gate = new();
    private readonly List<Channel<TwinState>> _watchers = [];
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TwinState? _latest;

    /// <summary>A live twin of <paramref name="scenario"/>, not yet running.</summary>
    /// <param name="scenario">A validated scenario.</param>
    /// <param name="speed">Simulated seconds per wall-clock second.</param>
    /// <param name="time">The wall clock.</param>
    /// <param name="feed">Where the twin's faults go.</param>
    /// <param name="publish">Where the twin's faults go as CloudEvents, or null.</param>
    public LiveTwin(Scenario scenario, double speed, TimeProvider time, FaultFeed feed, Action<IReadOnlyList<CloudEvent>>? publish = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(speed);
        _simulation = new ScenarioSimulation(scenario);
        Speed = speed;
        _time = time;
        _feed = feed;
        _publish = publish;
    }

    /// <summary>The scenario the twin runs.</summary>
    public Scenario Scenario => _simulation.Scenario;

    /// <summary>Simulated seconds per wall-clock second.</summary>
    public double Speed { get; }

    /// <summary>The latest state; null until the twin has started.</summary>
    public TwinState? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    /// <summary>The metrics of the whole run once the scenario has ended; null before.</summary>
    public MetricsDocument? Metrics { get; private set; }

    /// <summary>The lunar power systems over the whole run, once the twin has started.</summary>
    public async Task<IReadOnlyList<PowerSiteMetrics>> PowerAsync(CancellationToken cancellationToken)
    {
        await _started.Task.WaitAsync(cancellationToken);
        return _simulation.PowerSites;
    }

    /// <summary>The latest state, then each later one as it comes, until the twin ends or the watcher goes.</summary>
    public async IAsyncEnumerable<TwinState> Watch([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A slow watcher skips states rather than holding the twin up: it always gets the latest.
        var channel = Channel.CreateBounded<TwinState>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_gate)
        {
            if (_latest is { } latest)
            {
                channel.Writer.TryWrite(latest);
            }

            if (Metrics is null)
            {
                _watchers.Add(channel);
            }
            else
            {
                channel.Writer.TryComplete();
            }
        }

        try
        {
            await foreach (var state in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return state;
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(channel);
            }
        }
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Run(CancellationToken stop)
    {
        _simulation.Start();
        var startedAt = _time.GetTimestamp();
        Publish();
        _started.TrySetResult();
        var end = Scenario.DurationSeconds;
        while (!stop.IsCancellationRequested && _simulation.Now < end)
        {
            if (stop.WaitHandle.WaitOne(TickInterval))
            {
                break;
            }

            var due = Math.Min(end, _time.GetElapsedTime(startedAt).TotalSeconds * Speed);
            // In slices, so that a twin far behind its clock still stops promptly when the service does.
            while (_simulation.Now < due && !stop.IsCancellationRequested)
            {
                _simulation.AdvanceTo(Math.Min(due, _simulation.Now + 3600));
            }

            Publish();
        }

        if (_simulation.Now >= end)
        {
            var metrics = _simulation.Finish();
            lock (_gate)
            {
                Metrics = metrics;
                foreach (var watcher in _watchers)
                {
                    watcher.Writer.TryComplete();
                }
            }
        }
    }

    private void Publish()
    {
        var seen = _latest?.FaultCount ?? 0;
        var state = _simulation.Snapshot(seen);
        foreach (var fault in state.NewFaults)
        {
            _feed.Add(Scenario.Epoch.AddSeconds(fault.Time), fault.Site, fault.Node, fault.Type, fault.Severity, "twin");
        }

        if (state.NewFaults.Count > 0 && _publish is { } publish)
        {
            publish(state.NewFaults.Select(f => f.ToCloudEvent(Scenario.Name, Scenario.Seed, Scenario.Epoch)).ToList());
        }

        lock (_gate)
        {
            _latest = state;
            foreach (var watcher in _watchers)
            {
                watcher.Writer.TryWrite(state);
            }
        }
    }
}
